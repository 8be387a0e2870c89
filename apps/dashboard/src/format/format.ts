/**
 * Number and time formatting for the dashboard. `locale` defaults to the browser's (undefined) and is a
 * parameter so the specs are deterministic. Missing values render as an em dash, never as "NaN".
 */

export const MISSING = '—';

const finite = (value: number | null | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/** Whole numbers with grouping: 12,345. */
export function formatCount(value: number | null | undefined, locale?: string): string {
  return finite(value) ? new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value) : MISSING;
}

/** Successes as a percentage of requests, or null before the first request (0 % would be a false alarm). */
export function successRate(totals: { requests: number; successes: number }): number | null {
  if (!(totals.requests > 0)) return null;
  return Math.min(100, Math.max(0, (totals.successes / totals.requests) * 100));
}

/** 91.7%; 100% and 0% without a decimal; a rate just under 100 never rounds up to a misleading 100%. */
export function formatPercent(value: number | null, locale?: string): string {
  if (!finite(value)) return MISSING;
  const shown = value > 99.9 && value < 100 ? 99.9 : value;
  const digits = shown === 0 || shown === 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(shown)}%`;
}

/** Milliseconds: "123 ms" below a second, then "1.25 s" / "12.5 s". */
export function formatLatency(ms: number | null | undefined, locale?: string): string {
  if (!finite(ms)) return MISSING;
  if (ms < 1_000) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: ms < 10 ? 1 : 0 }).format(ms)} ms`;
  const seconds = ms / 1_000;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: seconds < 10 ? 2 : 1 }).format(seconds)} s`;
}

/** A rate with as many decimals as are useful at its size: 0.33, 1.5, 12.3, 250. */
export function formatRate(value: number | null | undefined, unit: '/s' | '/min', locale?: string): string {
  if (!finite(value)) return MISSING;
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)}${unit}`;
}

/** HH:MM:SS (or HH:MM) on a 24-hour clock, in the browser's time zone unless one is given. */
export function formatClock(epochMs: number, timeZone?: string, withSeconds = true): string {
  if (!Number.isFinite(epochMs)) return MISSING;
  // en-GB with h23 gives "00:25:00" everywhere; the user's locale could give "12:25:00 AM" or "0.25.00".
  const second = withSeconds ? '2-digit' : undefined;
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second, hourCycle: 'h23', timeZone }).format(epochMs);
}

/** Clock time of an ISO timestamp from the server; the raw text if it does not parse. */
export function formatIsoClock(iso: string, timeZone?: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso || MISSING : formatClock(ms, timeZone);
}

/**
 * How long before `nowMs` something happened: "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago".
 * Whole units, rounded down, so the text never claims more time than has passed. A time after `now`
 * (clocks of two machines disagree) reads as "just now" rather than as a negative age.
 */
export function formatAgo(atMs: number, nowMs: number): string {
  if (!Number.isFinite(atMs) || !Number.isFinite(nowMs)) return MISSING;
  const seconds = Math.floor((nowMs - atMs) / 1_000);
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 2 * 86_400) return `${Math.floor(seconds / 3_600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}
