/** The aggregation step of the history: one aggregate row per minute. */
export const MINUTE_MS = 60_000;

/** Minutes the dashboard sparkline shows; minute aggregates are kept at least this long. */
export const SPARKLINE_MINUTES = 24;

/** The start (epoch ms) of the minute holding `epochMs`. */
export function minuteStartOf(epochMs: number): number {
  return Math.floor(epochMs / MINUTE_MS) * MINUTE_MS;
}

/** How `EventRecorder` batches, bounds and prunes. */
export const RECORDER_LIMITS = {
  flushIntervalMs: 250,
  batchSize: 500,
  /**
   * A store that records in memory is written once this many events wait (at the end of that event-loop
   * turn): few enough that they are gone before the next young-generation collection, which comes every
   * few hundred events, and enough that one write serves many events.
   */
  inMemoryBatchSize: 32,
  /** Beyond this many unsaved events (the store being down), the oldest are dropped (plus one batch in flight). */
  maxBuffered: 20_000,
  pruneIntervalMs: MINUTE_MS,
  messageMaxLength: 200,
  /** Flush attempts at shutdown before giving up on a store that keeps failing. */
  shutdownAttempts: 3,
} as const;
