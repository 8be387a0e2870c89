/**
 * The Top clients panel's two rankings, worked out without a DOM: clients by tokens (with the
 * prompt/completion split) and by requests, each row with its display text, the raw numbers for
 * `data-value`, and how many of its token counts are estimates.
 */
import type { ClientUsage } from '../api/usage';
import { formatCount, formatPercent, MISSING } from '../format/format';

/** Rows per ranking; the rest are counted in `more`, and still in the totals. */
export const TOP_CLIENTS_LIMIT = 10;

interface RowBase {
  /** The client name as the server sent it (unique per report); the row key and `data-client`. */
  key: string;
  rank: number;
  client: string;
  requests: string;
  /** "none", "all" or "2 of 5": requests whose token counts were estimated rather than reported. */
  estimated: string;
  raw: ClientUsage;
}

export interface TokenRow extends RowBase {
  prompt: string;
  completion: string;
  total: string;
  /** Bar segments, percent of the heaviest client's total, so the first bar spans the cell. */
  bar: { prompt: number; completion: number };
}

export interface RequestRow extends RowBase {
  /** Share of every request in the window. */
  share: string;
  bar: number;
}

export interface TopClients {
  byTokens: TokenRow[];
  byRequests: RequestRow[];
  /** Clients beyond the limit, left out of both tables. */
  more: number;
  totals: { clients: number; requests: number; promptTokens: number; completionTokens: number; totalTokens: number; estimatedRequests: number };
}

const byName = (a: ClientUsage, b: ClientUsage): number => (a.client < b.client ? -1 : a.client > b.client ? 1 : 0);

/** Heaviest token user first; ties by requests, then by name, so the order never flickers between refreshes. */
export function rankByTokens(clients: readonly ClientUsage[]): ClientUsage[] {
  return [...clients].sort((a, b) => b.totalTokens - a.totalTokens || b.requests - a.requests || byName(a, b));
}

/** Busiest client first; ties by tokens, then by name. */
export function rankByRequests(clients: readonly ClientUsage[]): ClientUsage[] {
  return [...clients].sort((a, b) => b.requests - a.requests || b.totalTokens - a.totalTokens || byName(a, b));
}

export function estimatedText(estimated: number, requests: number, locale?: string): string {
  if (estimated <= 0) return 'none';
  if (estimated >= requests) return 'all';
  return `${formatCount(estimated, locale)} of ${formatCount(requests, locale)}`;
}

export function topClients(clients: readonly ClientUsage[], { limit = TOP_CLIENTS_LIMIT, locale }: { limit?: number; locale?: string } = {}): TopClients {
  const totals = { clients: clients.length, requests: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, estimatedRequests: 0 };
  for (const c of clients) {
    totals.requests += c.requests;
    totals.promptTokens += c.promptTokens;
    totals.completionTokens += c.completionTokens;
    totals.totalTokens += c.totalTokens;
    totals.estimatedRequests += c.estimatedRequests;
  }
  const base = (c: ClientUsage, index: number): RowBase => ({
    key: c.client,
    rank: index + 1,
    client: c.client || MISSING,
    requests: formatCount(c.requests, locale),
    estimated: estimatedText(c.estimatedRequests, c.requests, locale),
    raw: c,
  });
  const tokens = rankByTokens(clients).slice(0, limit);
  const maxTokens = tokens[0]?.totalTokens ?? 0;
  const requests = rankByRequests(clients).slice(0, limit);
  const maxRequests = requests[0]?.requests ?? 0;
  return {
    byTokens: tokens.map((c, i) => ({
      ...base(c, i),
      prompt: formatCount(c.promptTokens, locale),
      completion: formatCount(c.completionTokens, locale),
      total: formatCount(c.totalTokens, locale),
      bar: { prompt: percentOf(c.promptTokens, maxTokens), completion: percentOf(c.completionTokens, maxTokens) },
    })),
    byRequests: requests.map((c, i) => ({
      ...base(c, i),
      share: totals.requests > 0 ? formatPercent((c.requests / totals.requests) * 100, locale) : MISSING,
      bar: percentOf(c.requests, maxRequests),
    })),
    more: Math.max(0, clients.length - limit),
    totals,
  };
}

function percentOf(part: number, whole: number): number {
  return whole > 0 ? Math.min(100, (part / whole) * 100) : 0;
}
