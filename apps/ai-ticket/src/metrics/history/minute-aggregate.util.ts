import { minuteStartOf } from './event-history.constants';
import type { FinishedEvent } from './event-history.store';
import { LATENCY_BUCKET_COUNT, bucketIndex } from './latency-buckets';

/** What every adapter keeps per minute; minutes from any batch or replica add up field by field. */
export interface MinuteAggregate {
  /** Start of the minute (epoch ms). */
  minuteStart: number;
  requests: number;
  successes: number;
  errors: number;
  latencySumMs: number;
  /** Count per latency bucket, in the order of `LATENCY_BUCKET_BOUNDS_MS`. */
  buckets: number[];
}

export interface HistoryTotals {
  requests: number;
  successes: number;
  errors: number;
}

export function emptyMinute(minuteStart: number): MinuteAggregate {
  return { minuteStart, requests: 0, successes: 0, errors: 0, latencySumMs: 0, buckets: new Array<number>(LATENCY_BUCKET_COUNT).fill(0) };
}

/** Adds `event` into `minute` (mutates it). */
export function addEvent(minute: MinuteAggregate, event: FinishedEvent): void {
  minute.requests += 1;
  if (event.outcome === 'error') minute.errors += 1;
  else minute.successes += 1;
  minute.latencySumMs += event.latencyMs;
  minute.buckets[bucketIndex(event.latencyMs)] += 1;
}

/**
 * Rejects a batch that no adapter could store the same way (non-finite times, negative latencies,
 * unknown outcomes), before anything is written: a database would refuse some of these and accept
 * others, and every adapter must answer alike.
 */
export function assertValidBatch(events: readonly FinishedEvent[]): void {
  for (const event of events) {
    const valid =
      typeof event.id === 'string' &&
      event.id.length > 0 &&
      Number.isFinite(event.finishedAt) &&
      Number.isFinite(event.latencyMs) &&
      event.latencyMs >= 0 &&
      (event.outcome === 'success' || event.outcome === 'error');
    if (!valid) throw new RangeError(`Invalid finished event "${String(event.id)}"`);
  }
  if (new Set(events.map((event) => event.id)).size !== events.length) throw new RangeError('A batch holds the same event id twice');
}

/** One aggregate per minute the batch touches, oldest first, with the batch's totals. */
export function aggregateBatch(events: readonly FinishedEvent[]): { minutes: MinuteAggregate[]; totals: HistoryTotals } {
  const minutes = new Map<number, MinuteAggregate>();
  const totals: HistoryTotals = { requests: 0, successes: 0, errors: 0 };
  for (const event of events) {
    const start = minuteStartOf(event.finishedAt);
    let minute = minutes.get(start);
    if (!minute) minutes.set(start, (minute = emptyMinute(start)));
    addEvent(minute, event);
    totals.requests += 1;
    if (event.outcome === 'error') totals.errors += 1;
    else totals.successes += 1;
  }
  return { minutes: [...minutes.values()].sort((a, b) => a.minuteStart - b.minuteStart), totals };
}
