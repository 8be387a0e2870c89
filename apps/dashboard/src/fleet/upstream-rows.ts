/**
 * What the Upstreams panel shows, worked out without a DOM: one row of display text (and raw values
 * for `data-value`) per upstream, and the one-line summary of the fleet above the table.
 */
import type { UpstreamState, UpstreamStatus } from '../api/snapshot';
import { formatAgo, formatCount, formatIsoClock, MISSING } from '../format/format';

/** The status colour a badge takes: the status cards' three, plus neutral for an upstream on its way out. */
export type UpstreamTone = 'online' | 'degraded' | 'offline' | 'neutral' | 'unknown';

export interface UpstreamBadge {
  label: string;
  icon: string;
  tone: UpstreamTone;
  /** Tooltip: the circuit-breaker term behind the word, for whoever reads the logs next. */
  hint: string;
}

/** The word says what the state means for traffic; icon and word back up the colour. */
export const UPSTREAM_BADGES: Readonly<Record<UpstreamState, UpstreamBadge>> = {
  closed: { label: 'Serving', icon: '✓', tone: 'online', hint: 'Circuit closed: takes events' },
  'half-open': { label: 'Probing', icon: '!', tone: 'degraded', hint: 'Circuit half-open: one trial event decides whether it serves again' },
  open: { label: 'Failing', icon: '✕', tone: 'offline', hint: 'Circuit open: gets no events until its cool-down ends' },
  leaving: { label: 'Leaving', icon: '→', tone: 'neutral', hint: 'Dropped by discovery: takes no new events, finishes those it has' },
  unknown: { label: 'Unknown', icon: '?', tone: 'unknown', hint: 'A state this page does not know (a newer server?)' },
};

/** Summary order: the states that need attention right after the healthy count. */
const SUMMARY_ORDER: readonly UpstreamState[] = ['closed', 'open', 'half-open', 'leaving', 'unknown'];

export interface UpstreamRow {
  /** Unique per row even if two entries share an address, so rows can be updated in place. */
  key: string;
  address: string;
  state: UpstreamState;
  badge: UpstreamBadge;
  /** "1 / 2"; the in-use part is a dash when the shared slot store cannot say. */
  slots: string;
  /** Every slot taken (by this replica or others): the next event for it waits or goes elsewhere. */
  slotsFull: boolean;
  inFlight: string;
  served: string;
  busy: string;
  raw: Pick<UpstreamStatus, 'slots' | 'slotsInUse' | 'inFlight' | 'served' | 'busy'>;
  /** `ago`/`at` are empty when the server's time does not parse; `title` carries the message. */
  lastError: { kind: string; ago: string; at: string; title: string } | null;
}

/** Browser defaults unless given: parameters so the specs are deterministic. */
export interface RowFormat {
  locale?: string;
  timeZone?: string;
}

/** One row per upstream, in the server's order. `now` is the snapshot's time, so a history view ages errors as of then. */
export function upstreamRows(upstreams: readonly UpstreamStatus[], now: number, { locale, timeZone }: RowFormat = {}): UpstreamRow[] {
  const seen = new Map<string, number>();
  return upstreams.map((upstream) => {
    const count = seen.get(upstream.upstream) ?? 0;
    seen.set(upstream.upstream, count + 1);
    const { slots, slotsInUse, inFlight, served, busy } = upstream;
    return {
      key: count === 0 ? upstream.upstream : `${upstream.upstream}\n${count}`,
      address: upstream.upstream || MISSING,
      state: upstream.state,
      badge: UPSTREAM_BADGES[upstream.state],
      slots: `${slotsInUse === null ? MISSING : formatCount(slotsInUse, locale)} / ${formatCount(slots, locale)}`,
      slotsFull: slotsInUse !== null && slots > 0 && slotsInUse >= slots,
      inFlight: formatCount(inFlight, locale),
      served: formatCount(served, locale),
      busy: formatCount(busy, locale),
      raw: { slots, slotsInUse, inFlight, served, busy },
      lastError: lastError(upstream.lastError, now, timeZone),
    };
  });
}

function lastError(error: UpstreamStatus['lastError'], now: number, timeZone?: string): UpstreamRow['lastError'] {
  if (!error) return null;
  const at = Date.parse(error.at);
  const known = !Number.isNaN(at);
  return {
    kind: error.kind,
    ago: known ? formatAgo(at, now) : '',
    at: known ? error.at : '',
    title: `${error.message || 'No message'}${known ? ` (at ${formatIsoClock(error.at, timeZone)})` : ''}`,
  };
}

/** "3 upstreams: 2 serving, 1 failing"; states nobody is in are left out. */
export function fleetSummary(upstreams: readonly Pick<UpstreamStatus, 'state'>[]): string {
  if (upstreams.length === 0) return '0 upstreams';
  const counts = SUMMARY_ORDER.map((state) => ({ state, count: upstreams.filter((u) => u.state === state).length })).filter(({ count }) => count > 0);
  const parts = counts.map(({ state, count }) => `${count} ${UPSTREAM_BADGES[state].label.toLowerCase()}`);
  return `${upstreams.length} ${upstreams.length === 1 ? 'upstream' : 'upstreams'}: ${parts.join(', ')}`;
}
