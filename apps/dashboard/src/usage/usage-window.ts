/**
 * The time window the Top clients panel covers: the last hour, day, week or 30 days, ending now. The
 * server keeps usage per hour and widens a range to whole hours, so shorter windows would say nothing
 * more; 30 days stays well inside its 366-day limit.
 */

export type UsageWindow = '1h' | '24h' | '7d' | '30d';

const HOUR_MS = 3_600_000;

export const USAGE_WINDOWS: Readonly<Record<UsageWindow, { label: string; ms: number }>> = {
  '1h': { label: 'Last hour', ms: HOUR_MS },
  '24h': { label: 'Last 24 hours', ms: 24 * HOUR_MS },
  '7d': { label: 'Last 7 days', ms: 7 * 24 * HOUR_MS },
  '30d': { label: 'Last 30 days', ms: 30 * 24 * HOUR_MS },
};

/** The server's own default range, so the panel and `GET /api/usage` without parameters agree. */
export const DEFAULT_USAGE_WINDOW: UsageWindow = '24h';

export const USAGE_WINDOW_KEY = 'ai-ticket.dashboard.usage-window';

export function isUsageWindow(value: unknown): value is UsageWindow {
  return typeof value === 'string' && Object.hasOwn(USAGE_WINDOWS, value);
}

/** What localStorage or a `<select>` held; anything unknown falls back to the default rather than being trusted. */
export function parseUsageWindow(raw: string | null | undefined): UsageWindow {
  return isUsageWindow(raw) ? raw : DEFAULT_USAGE_WINDOW;
}

/** The epoch-ms range to ask the server for, ending at `now`. */
export function usageWindowRange(window: UsageWindow, now: number): { from: number; to: number } {
  return { from: now - USAGE_WINDOWS[window].ms, to: now };
}
