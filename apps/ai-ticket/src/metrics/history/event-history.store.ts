import type { ClientUsage, EventUsage, UsageQuery } from './client-usage.util';

/** One finished event (`POST /event` or an OpenAI generation call), as the history keeps it. */
export interface FinishedEvent {
  /** UUID; also the id shown for recent errors. */
  id: string;
  /** When the event finished (epoch ms). */
  finishedAt: number;
  /** Time from request to response end (ms). */
  latencyMs: number;
  outcome: 'success' | 'error';
  /** The error code of the answer, when `outcome` is `error`. */
  errorCode?: string;
  /** Short human message (≤ 200 characters), for errors. */
  message?: string;
  /** Only when `HISTORY_STORE_PROMPTS=true`. */
  prompt?: string;
  stream: boolean;
  /** The caller: its configured name, or `anonymous` without authentication (absent in older records). */
  client?: string;
  /** Tokens the event used, when it was answered. */
  usage?: EventUsage;
}

export interface RecentError {
  id: string;
  code: string;
  message: string;
  /** ISO 8601. */
  timestamp: string;
}

/** What the dashboard summary needs from the store; every replica sharing a database sees the same numbers. */
export interface HistorySummary {
  /** All events ever recorded in this store (survives restarts with a database; never pruned). */
  totals: { requests: number; successes: number; errors: number };
  /** Latency over the retention window, in ms; all 0 when there were no events. Percentiles are estimated
   * from fixed latency buckets (see latency-buckets.ts), so they are approximate, like Prometheus's. */
  latency: { average: number; p50: number; p95: number; p99: number };
  /** Events per second and per minute over the last 60 s (estimated from minute aggregates). */
  throughput: { perSecond: number; perMinute: number };
  /** Events per minute for the last `sparklineMinutes` minutes, oldest first; the last is the current minute. */
  sparkline: number[];
  /** Newest first. */
  recentErrors: RecentError[];
}

export interface SummaryQuery {
  now: number;
  retentionMs: number;
  sparklineMinutes: number;
  recentErrorLimit: number;
}

/**
 * The event history: the port behind the dashboard summary, with adapters for memory (default),
 * SQLite and PostgreSQL (the same TypeORM entities and migrations for both).
 *
 * Every adapter must:
 * - write a batch as one unit (one transaction), so a summary never sees half a batch;
 * - skip events it already holds (by id), so a batch retried after a lost reply counts once; a batch
 *   holding one id twice is refused;
 * - keep per-minute aggregates (counts, latency sum, latency-bucket counts) updated with atomic
 *   increments (`INSERT … ON CONFLICT … DO UPDATE SET x = x + excluded.x`), so replicas writing the same
 *   minute never lose each other's counts;
 * - keep all-time totals that pruning never touches;
 * - compute `summary` from the store alone (never from process memory), so every replica agrees;
 * - keep token usage per client and hour, added up with the same atomic increments in the same unit as
 *   the batch, never pruned.
 */
export abstract class EventHistoryStore {
  /**
   * True when `record` only updates this process's memory, with no I/O: writing then costs little more
   * than buffering, so the recorder writes small batches as soon as they fill (`inMemoryBatchSize`).
   */
  readonly recordsInMemory: boolean = false;

  abstract record(events: readonly FinishedEvent[]): Promise<void>;

  abstract summary(query: SummaryQuery): Promise<HistorySummary>;

  /** Token usage per client over whole hours `[from, to)`, the heaviest users first. */
  abstract usage(query: UsageQuery): Promise<ClientUsage[]>;

  /** Deletes events and minute aggregates older than `before` (epoch ms); returns the events deleted. */
  abstract prune(before: number): Promise<number>;

  /**
   * The all-time total of recorded events (a summary's `totals.requests`), from any writer (any
   * replica). Cheap (one row), so a replica can poll it to notice other replicas' events quickly.
   */
  abstract changeMarker(): Promise<number>;

  /** Resolves when the store answers (readiness). */
  abstract ping(): Promise<void>;
}
