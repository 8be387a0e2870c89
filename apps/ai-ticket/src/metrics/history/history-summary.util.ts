import { MINUTE_MS, minuteStartOf } from './event-history.constants';
import type { FinishedEvent, HistorySummary, RecentError, SummaryQuery } from './event-history.store';
import { LATENCY_BUCKET_COUNT, estimatePercentile } from './latency-buckets';
import type { HistoryTotals, MinuteAggregate } from './minute-aggregate.util';

/** The minutes (and error times) a summary reads, so every adapter reads exactly the same data. */
export interface SummaryRange {
  /** First minute start to read (epoch ms): the oldest of the retention window, the sparkline and the last full minute. */
  fromMinute: number;
  /** The current minute's start; later minutes (a replica's clock running ahead) are left out. */
  toMinute: number;
  /** Start of the retention window: the start of the minute `retentionMs` ago. Recent errors start here too. */
  windowStart: number;
}

export function summaryRange({ now, retentionMs, sparklineMinutes }: SummaryQuery): SummaryRange {
  const toMinute = minuteStartOf(now);
  const windowStart = minuteStartOf(now - retentionMs);
  const sparklineStart = toMinute - (sparklineMinutes - 1) * MINUTE_MS;
  return { fromMinute: Math.min(windowStart, sparklineStart, toMinute - MINUTE_MS), toMinute, windowStart };
}

export function toRecentError(event: Pick<FinishedEvent, 'id' | 'finishedAt' | 'errorCode' | 'message'>): RecentError {
  return { id: event.id, code: event.errorCode ?? 'unknown', message: event.message ?? '', timestamp: new Date(event.finishedAt).toISOString() };
}

/**
 * The summary every adapter answers, from the minute aggregates in `summaryRange(query)` (in any
 * order), the all-time totals and the recent errors (newest first, already limited).
 */
export function buildSummary(query: SummaryQuery, minutes: readonly MinuteAggregate[], totals: HistoryTotals, recentErrors: RecentError[]): HistorySummary {
  const { toMinute, windowStart } = summaryRange(query);
  const byStart = new Map(minutes.map((minute) => [minute.minuteStart, minute]));
  let requests = 0;
  let latencySumMs = 0;
  const buckets = new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
  for (const minute of minutes) {
    if (minute.minuteStart < windowStart || minute.minuteStart > toMinute) continue;
    requests += minute.requests;
    latencySumMs += minute.latencySumMs;
    minute.buckets.forEach((count, i) => (buckets[i] += count));
  }
  // The last 60 s, estimated from the aggregates: the current minute so far plus the share of the
  // previous minute that still falls inside the window (traffic assumed even within a minute).
  const elapsedShare = Math.min(1, Math.max(0, (query.now - toMinute) / MINUTE_MS));
  const current = byStart.get(toMinute)?.requests ?? 0;
  const previous = byStart.get(toMinute - MINUTE_MS)?.requests ?? 0;
  const lastMinute = current + previous * (1 - elapsedShare);
  return {
    totals: { ...totals },
    latency: {
      average: requests === 0 ? 0 : latencySumMs / requests,
      p50: estimatePercentile(buckets, 50),
      p95: estimatePercentile(buckets, 95),
      p99: estimatePercentile(buckets, 99),
    },
    throughput: { perSecond: lastMinute / 60, perMinute: lastMinute },
    sparkline: Array.from({ length: query.sparklineMinutes }, (_, i) => byStart.get(toMinute - (query.sparklineMinutes - 1 - i) * MINUTE_MS)?.requests ?? 0),
    recentErrors,
  };
}
