/**
 * What the Top clients panel says for a loader state: which of loading / empty / ready / error it is,
 * the notice text, the range the server actually covered, a one-line summary and the two rankings.
 */
import { formatClock, formatCount, MISSING } from '../format/format';
import { topClients, type TopClients } from './top-clients';
import type { LoadedUsage, UsageState } from './usage-loader';

export type UsagePanelStatus = 'idle' | 'loading' | 'empty' | 'ready' | 'error';

export interface UsagePanel {
  status: UsagePanelStatus;
  /** The notice above the tables; empty when the tables say it all. */
  message: string;
  /** The hours covered, as widened by the server: "4 Dec 12:00 – 5 Dec 13:00"; a dash until known. */
  range: string;
  summary: string;
  /** Null when there is nothing to tabulate. */
  top: TopClients | null;
}

export interface PanelFormat {
  locale?: string;
  timeZone?: string;
}

export function describeUsage(state: UsageState, format: PanelFormat = {}): UsagePanel {
  switch (state.status) {
    case 'idle':
      return { status: 'idle', message: 'Waiting for data.', range: MISSING, summary: '', top: null };
    case 'loading':
      return { status: 'loading', message: 'Loading usage…', range: MISSING, summary: '', top: null };
    case 'ready':
      return loaded(state, format);
    case 'error': {
      const retry = `Could not load usage: ${state.message} Retrying every minute.`;
      if (!state.last) return { status: 'error', message: retry, range: MISSING, summary: '', top: null };
      // Old figures are better than none during an outage, as long as they say how old they are.
      const previous = loaded(state.last, format);
      const clock = formatClock(state.last.loadedAt, format.timeZone);
      const asOf = previous.top ? `Showing the figures from ${clock}.` : `As of ${clock}, no client had sent requests in this window.`;
      return { ...previous, status: 'error', message: `${retry} ${asOf}` };
    }
  }
}

function loaded({ report }: LoadedUsage, { locale, timeZone }: PanelFormat): UsagePanel {
  const range = formatRange(report.from, report.to, timeZone);
  if (report.clients.length === 0) {
    return { status: 'empty', message: 'No client sent requests in this window.', range, summary: '', top: null };
  }
  const top = topClients(report.clients, { locale });
  return { status: 'ready', message: '', range, summary: summaryOf(top, locale), top };
}

/** "3 clients · 14,500 tokens · 52 requests, 44 with estimated token counts". */
export function summaryOf({ totals }: TopClients, locale?: string): string {
  const plural = (n: number, one: string, many: string) => `${formatCount(n, locale)} ${n === 1 ? one : many}`;
  const estimated = totals.estimatedRequests === 0 ? 'none' : totals.estimatedRequests >= totals.requests ? 'all' : formatCount(totals.estimatedRequests, locale);
  return `${plural(totals.clients, 'client', 'clients')} · ${plural(totals.totalTokens, 'token', 'tokens')} · ${plural(totals.requests, 'request', 'requests')}, ${estimated} with estimated token counts`;
}

const DAY_AND_TIME = { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

/** Day and hour of both ends; en-GB for the same reason as formatClock (a stable 24-hour clock). */
export function formatRange(fromIso: string, toIso: string, timeZone?: string): string {
  const [from, to] = [Date.parse(fromIso), Date.parse(toIso)];
  if (Number.isNaN(from) || Number.isNaN(to)) return MISSING;
  const format = new Intl.DateTimeFormat('en-GB', { ...DAY_AND_TIME, timeZone });
  return `${format.format(from)} – ${format.format(to)}`;
}
