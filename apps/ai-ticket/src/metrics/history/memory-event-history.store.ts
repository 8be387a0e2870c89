import { addUsage, aggregateUsage, usageByClient, type ClientUsage, type HourUsage, type UsageQuery } from './client-usage.util';
import { minuteStartOf, RECORDER_LIMITS } from './event-history.constants';
import { EventHistoryStore, type FinishedEvent, type HistorySummary, type SummaryQuery } from './event-history.store';
import { buildSummary, summaryRange, toRecentError } from './history-summary.util';
import { addEvent, assertValidBatch, emptyMinute, type HistoryTotals, type MinuteAggregate } from './minute-aggregate.util';
import { RecentEventIds } from './recent-event-ids';

/** Enough ids to recognise a retried batch (two of the recorder's largest). */
const MAX_KEPT_EVENTS = 2 * RECORDER_LIMITS.batchSize;
const MAX_KEPT_ERRORS = 1_000;

/** Orders events by finish time, then id (the order the database adapters sort recent errors in). */
const byFinish = (a: FinishedEvent, b: FinishedEvent) => a.finishedAt - b.finishedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The history in this process's memory: the zero-setup default. Same semantics as the database
 * adapters (it keeps the same minute aggregates), but each replica sees only its own events and a
 * restart forgets them. Memory stays bounded whatever the traffic: summaries come from the minute
 * aggregates, so only the most recent errors are kept whole (for the recent errors), and the most recent
 * events' ids (to recognise a retried batch), besides `prune` dropping old events and minutes.
 */
export class MemoryEventHistoryStore extends EventHistoryStore {
  override readonly recordsInMemory = true;
  private readonly recent: RecentEventIds;

  constructor(
    maxEvents = MAX_KEPT_EVENTS,
    private readonly maxErrors = MAX_KEPT_ERRORS,
  ) {
    super();
    this.recent = new RecentEventIds(maxEvents);
  }

  /** Error events sorted by `byFinish`, so the newest are at the end. */
  private errors: FinishedEvent[] = [];
  private readonly minutes = new Map<number, MinuteAggregate>();
  private readonly totals: HistoryTotals = { requests: 0, successes: 0, errors: 0 };
  /** Keyed `<hour start>|<client>`. */
  private readonly hourUsage = new Map<string, HourUsage>();

  /** One synchronous block: checked in full before anything changes, so a refused batch leaves no trace. */
  async record(events: readonly FinishedEvent[]): Promise<void> {
    assertValidBatch(events);
    // Events already stored are skipped, as in the database adapters: a retried batch counts once.
    const fresh = events.filter((event) => !this.recent.has(event.id));
    for (const row of aggregateUsage(fresh)) {
      const key = `${row.hourStart}|${row.client}`;
      const kept = this.hourUsage.get(key);
      if (kept) addUsage(kept, row);
      else this.hourUsage.set(key, { ...row });
    }
    for (const event of fresh) {
      this.recent.add(event);
      if (event.outcome === 'error') this.insertError({ ...event });
      const start = minuteStartOf(event.finishedAt);
      let minute = this.minutes.get(start);
      if (!minute) this.minutes.set(start, (minute = emptyMinute(start)));
      addEvent(minute, event);
      this.totals.requests += 1;
      if (event.outcome === 'error') this.totals.errors += 1;
      else this.totals.successes += 1;
    }
    if (this.errors.length > this.maxErrors) this.errors = this.errors.slice(-this.maxErrors);
  }

  summary(query: SummaryQuery): Promise<HistorySummary> {
    const { fromMinute, toMinute, windowStart } = summaryRange(query);
    const minutes = [...this.minutes.values()].filter((minute) => minute.minuteStart >= fromMinute && minute.minuteStart <= toMinute);
    const recent = [];
    for (let i = this.errors.length - 1; i >= 0 && recent.length < query.recentErrorLimit; i -= 1) {
      if (this.errors[i].finishedAt < windowStart) break;
      recent.push(toRecentError(this.errors[i]));
    }
    return Promise.resolve(buildSummary(query, minutes, this.totals, recent));
  }

  usage({ from, to }: UsageQuery): Promise<ClientUsage[]> {
    return Promise.resolve(usageByClient([...this.hourUsage.values()].filter((row) => row.hourStart >= from && row.hourStart < to)));
  }

  prune(before: number): Promise<number> {
    const deleted = this.recent.forgetBefore(before);
    this.errors = this.errors.filter((event) => event.finishedAt >= before);
    // A minute goes only once all of it is older than `before`, as in the database adapters.
    const firstKeptMinute = minuteStartOf(before);
    for (const start of this.minutes.keys()) if (start < firstKeptMinute) this.minutes.delete(start);
    return Promise.resolve(deleted);
  }

  changeMarker(): Promise<number> {
    return Promise.resolve(this.totals.requests);
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  /** The prompt stored with a recent event, for inspection: null when it had none, undefined once forgotten. */
  storedPrompt(id: string): string | null | undefined {
    return this.recent.storedPrompt(id);
  }

  private insertError(event: FinishedEvent): void {
    // Events mostly arrive in finish order, so the insertion point is almost always the end.
    let i = this.errors.length;
    while (i > 0 && byFinish(this.errors[i - 1], event) > 0) i -= 1;
    this.errors.splice(i, 0, event);
  }
}
