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

function panel(value: unknown): StatusPanel {
  const raw = obj(value);
  const status = STATUSES.find((s) => s === raw.status) ?? 'unknown';
  return { status, message: str(raw.message) };
}

function recentError(value: unknown): RecentError {
  const raw = obj(value);
  return { id: str(raw.id), code: str(raw.code) || 'unknown_error', message: str(raw.message), timestamp: str(raw.timestamp) };
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
