/** Between the history's domain shapes and the rows of its tables (the same for SQLite and PostgreSQL). */
import { MINUTE_BUCKET_COLUMNS } from './entities/history-minute.entity';
import type { HistoryEventEntity } from './entities/history-event.entity';
import type { FinishedEvent } from './event-history.store';
import type { HistoryTotals, MinuteAggregate } from './minute-aggregate.util';

/** A row as a raw query returns it. */
export type Row = Record<string, unknown>;

export function toEventRow(event: FinishedEvent): HistoryEventEntity {
  return {
    id: event.id,
    finishedAt: event.finishedAt,
    latencyMs: event.latencyMs,
    outcome: event.outcome,
    errorCode: event.errorCode ?? null,
    message: event.message ?? null,
    prompt: event.prompt ?? null,
    stream: event.stream,
  };
}

export function toMinuteAggregate(row: Row): MinuteAggregate {
  // PostgreSQL returns bigint columns as strings.
  const n = (column: string) => Number(row[column]);
  return {
    minuteStart: n('minute_start'),
    requests: n('requests'),
    successes: n('successes'),
    errors: n('errors'),
    latencySumMs: n('latency_sum_ms'),
    buckets: MINUTE_BUCKET_COLUMNS.map(n),
  };
}

export function toTotals(row: Row | undefined): HistoryTotals {
  return { requests: Number(row?.requests ?? 0), successes: Number(row?.successes ?? 0), errors: Number(row?.errors ?? 0) };
}
