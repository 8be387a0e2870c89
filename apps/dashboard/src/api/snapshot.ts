/**
 * The metrics snapshot the server sends (summary endpoint and SSE `snapshot` events), and a defensive
 * parser: the page must keep working, not throw deep inside rendering, if a field is missing or a
 * newer server adds a status the page does not know.
 */

export type PanelStatus = 'online' | 'degraded' | 'offline' | 'unknown';

export interface StatusPanel {
  status: PanelStatus;
  message: string;
}

export interface RecentError {
  id: string;
  code: string;
  message: string;
  timestamp: string;
}

/** This replica's circuit for an upstream; `leaving` = dropped by discovery, finishing its events. */
export type UpstreamState = 'closed' | 'half-open' | 'open' | 'leaving' | 'unknown';

export interface UpstreamStatus {
  /** Base URL without credentials, e.g. `http://10.0.3.7:5001`. */
  upstream: string;
  state: UpstreamState;
  /** Generations it runs at once. */
  slots: number;
  /** Taken by every replica sharing the slot store; null when the store cannot say now. */
  slotsInUse: number | null;
  /** This replica's events there now. */
  inFlight: number;
  /** Completions and busy (503) answers this replica got from it since start. */
  served: number;
  busy: number;
  lastError: { kind: string; message: string; at: string } | null;
}

export interface Snapshot {
  timestamp: string;
  /** `timestamp` as epoch ms, parsed once for charts and history labels. */
  time: number;
  totals: { requests: number; successes: number; errors: number };
  latency: { average: number; p50: number; p95: number; p99: number };
  throughput: { perSecond: number; perMinute: number };
  /** Events per minute, oldest first; the last entry is the current minute. */
  sparkline: number[];
  statusPanels: { backend: StatusPanel; latency: StatusPanel; throughput: StatusPanel };
  /** Newest first, as the server sends them. */
  recentErrors: RecentError[];
  queue: { depth: number; inFlight: number };
  /** In the server's order (by address); empty from a server without a fleet. */
  upstreams: UpstreamStatus[];
}

export class SnapshotParseError extends Error {
  override readonly name = 'SnapshotParseError';
}

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

const obj = (value: unknown): Obj => (isObj(value) ? value : {});

const STATUSES: readonly PanelStatus[] = ['online', 'degraded', 'offline'];
const UPSTREAM_STATES: readonly UpstreamState[] = ['closed', 'half-open', 'open', 'leaving'];

function panel(value: unknown): StatusPanel {
  const raw = obj(value);
  const status = STATUSES.find((s) => s === raw.status) ?? 'unknown';
  return { status, message: str(raw.message) };
}

function recentError(value: unknown): RecentError {
  const raw = obj(value);
  return { id: str(raw.id), code: str(raw.code) || 'unknown_error', message: str(raw.message), timestamp: str(raw.timestamp) };
}

function upstreamStatus(raw: Obj): UpstreamStatus {
  const slotsInUse = raw.slotsInUse;
  return {
    upstream: str(raw.upstream),
    state: UPSTREAM_STATES.find((s) => s === raw.state) ?? 'unknown',
    slots: num(raw.slots),
    slotsInUse: typeof slotsInUse === 'number' && Number.isFinite(slotsInUse) ? slotsInUse : null,
    inFlight: num(raw.inFlight),
    served: num(raw.served),
    busy: num(raw.busy),
    lastError: upstreamError(raw.lastError),
  };
}

/** Null unless it names a kind: an error that cannot say what went wrong is not worth a cell. */
function upstreamError(value: unknown): UpstreamStatus['lastError'] {
  if (!isObj(value) || typeof value.kind !== 'string' || value.kind === '') return null;
  return { kind: value.kind, message: str(value.message), at: str(value.at) };
}

/**
 * Turns decoded JSON into a Snapshot. Only a missing object or an unreadable timestamp is fatal
 * (without a time the snapshot cannot be placed in history); other gaps read as 0 / empty.
 */
export function parseSnapshot(raw: unknown): Snapshot {
  if (!isObj(raw)) throw new SnapshotParseError('snapshot is not an object');
  const timestamp = str(raw.timestamp);
  const time = Date.parse(timestamp);
  if (Number.isNaN(time)) throw new SnapshotParseError(`snapshot has no valid timestamp: ${JSON.stringify(raw.timestamp)}`);
  const totals = obj(raw.totals);
  const latency = obj(raw.latency);
  const throughput = obj(raw.throughput);
  const panels = obj(raw.statusPanels);
  const queue = obj(raw.queue);
  return {
    timestamp,
    time,
    totals: { requests: num(totals.requests), successes: num(totals.successes), errors: num(totals.errors) },
    latency: { average: num(latency.average), p50: num(latency.p50), p95: num(latency.p95), p99: num(latency.p99) },
    throughput: { perSecond: num(throughput.perSecond), perMinute: num(throughput.perMinute) },
    sparkline: Array.isArray(raw.sparkline) ? raw.sparkline.map(num) : [],
    statusPanels: { backend: panel(panels.backend), latency: panel(panels.latency), throughput: panel(panels.throughput) },
    recentErrors: Array.isArray(raw.recentErrors) ? raw.recentErrors.map(recentError) : [],
    queue: { depth: num(queue.depth), inFlight: num(queue.inFlight) },
    // A non-object entry has no address to show: dropped rather than drawn as an empty row.
    upstreams: Array.isArray(raw.upstreams) ? raw.upstreams.filter(isObj).map(upstreamStatus) : [],
  };
}

/** Parses the text of an SSE `data:` field or a response body. */
export function parseSnapshotJson(text: string): Snapshot {
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch {
    throw new SnapshotParseError('snapshot is not valid JSON');
  }
  return parseSnapshot(decoded);
}
