import type { FinishedEvent } from './event-history.store';

const HOUR_MS = 3_600_000;

/** Tokens one event used, and whether they are counted by the upstream or estimated by us. */
export interface EventUsage {
  promptTokens: number;
  completionTokens: number;
  estimated: boolean;
}

/** One client's usage in one hour: the row the history keeps (no pruning: a few rows per client and hour). */
export interface HourUsage {
  hourStart: number;
  client: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  /** Events whose counts are estimates. */
  estimated: number;
}

/** One client's usage over a queried range. */
export interface ClientUsage {
  client: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Events whose counts are estimates. */
  estimatedRequests: number;
}

/** A usage query: whole hours, `from` included and `to` excluded (epoch ms, multiples of an hour). */
export interface UsageQuery {
  from: number;
  to: number;
}

export function hourStartOf(ms: number): number {
  return ms - (ms % HOUR_MS);
}

/** The hour rows of a batch: every event with a client counts as a request; its tokens when it has usage. */
export function aggregateUsage(events: readonly FinishedEvent[]): HourUsage[] {
  const hours = new Map<string, HourUsage>();
  for (const event of events) {
    if (event.client === undefined) continue;
    const hourStart = hourStartOf(event.finishedAt);
    const key = `${hourStart}|${event.client}`;
    let row = hours.get(key);
    if (!row) hours.set(key, (row = { hourStart, client: event.client, requests: 0, promptTokens: 0, completionTokens: 0, estimated: 0 }));
    row.requests += 1;
    row.promptTokens += event.usage?.promptTokens ?? 0;
    row.completionTokens += event.usage?.completionTokens ?? 0;
    if (event.usage?.estimated) row.estimated += 1;
  }
  // Oldest first, then by client: concurrent writers lock rows in one order and cannot deadlock.
  return [...hours.values()].sort((a, b) => a.hourStart - b.hourStart || (a.client < b.client ? -1 : a.client > b.client ? 1 : 0));
}

export function addUsage(into: HourUsage, row: HourUsage): void {
  into.requests += row.requests;
  into.promptTokens += row.promptTokens;
  into.completionTokens += row.completionTokens;
  into.estimated += row.estimated;
}

/** Sums hour rows per client, the heaviest users of tokens first. */
export function usageByClient(rows: readonly HourUsage[]): ClientUsage[] {
  const clients = new Map<string, ClientUsage>();
  for (const row of rows) {
    let total = clients.get(row.client);
    if (!total) clients.set(row.client, (total = { client: row.client, requests: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0, estimatedRequests: 0 }));
    total.requests += row.requests;
    total.promptTokens += row.promptTokens;
    total.completionTokens += row.completionTokens;
    total.totalTokens += row.promptTokens + row.completionTokens;
    total.estimatedRequests += row.estimated;
  }
  return [...clients.values()].sort((a, b) => b.totalTokens - a.totalTokens || b.requests - a.requests || (a.client < b.client ? -1 : 1));
}
