import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { MINUTE_MS, RECORDER_LIMITS, SPARKLINE_MINUTES } from './event-history.constants';
import { EventHistoryStore, type FinishedEvent } from './event-history.store';
import { sanitizeEvent } from './finished-event.util';

export type FlushListener = (events: readonly FinishedEvent[]) => void;

/**
 * Records finished events into the history without ever making a request wait for the database:
 * `record` only buffers, and batches go to the store every 250 ms (or at 500 events), one flush at a
 * time. A store that records in memory gets small batches (32 events, at the end of the event-loop turn
 * that filled one) instead: buffered for 250 ms, every event outlived a young-generation collection and was
 * copied, for nothing, into the old generation. A failing store keeps the batch for the next tick; the
 * buffer is bounded, dropping the oldest.
 * At application shutdown (after the HTTP server has closed, so no event can follow) everything left
 * is flushed, before the store closes its connections.
 */
@Injectable()
export class EventRecorder implements OnApplicationShutdown {
  private readonly logger = new Logger(EventRecorder.name);
  private readonly storePrompts: boolean;
  private readonly retentionMs: number;
  private buffer: FinishedEvent[] = [];
  private inFlight = 0;
  private flushing: Promise<void> | null = null;
  private pruning: Promise<void> | null = null;
  /** Within a store incident (logged once when it starts, once when it ends). */
  private failing = false;
  private droppingReported = false;
  private droppedCount = 0;
  private flushedCount = 0;
  private readonly listeners = new Set<FlushListener>();
  private readonly flushTimer: NodeJS.Timeout;
  private endOfTurnFlush: NodeJS.Immediate | undefined;
  private readonly pruneTimer: NodeJS.Timeout;

  constructor(
    private readonly store: EventHistoryStore,
    config: ConfigService<AppConfig, true>,
  ) {
    const history = config.get('history', { infer: true });
    this.storePrompts = history.storePrompts;
    this.retentionMs = history.retentionMs;
    // Neither timer keeps the process alive: shutdown flushes explicitly.
    this.flushTimer = setInterval(() => void this.flush(), RECORDER_LIMITS.flushIntervalMs).unref();
    this.pruneTimer = setInterval(() => void this.prune(), RECORDER_LIMITS.pruneIntervalMs).unref();
  }

  /** Events buffered or being written. */
  get pending(): number {
    return this.buffer.length + this.inFlight;
  }

  /** Events dropped because the buffer was full. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Events the store has accepted. */
  get flushed(): number {
    return this.flushedCount;
  }

  /** Buffers one event; synchronous and cheap, so it can sit on the request path. */
  record(event: FinishedEvent): void {
    this.buffer.push(sanitizeEvent(event, { storePrompts: this.storePrompts, messageMaxLength: RECORDER_LIMITS.messageMaxLength }));
    this.enforceBound();
    // While the store fails, only the timer retries (never hammer a database that is down).
    if (this.failing) return;
    if (this.store.recordsInMemory) {
      if (this.buffer.length >= RECORDER_LIMITS.inMemoryBatchSize) this.flushAtEndOfTurn();
    } else if (this.buffer.length >= RECORDER_LIMITS.batchSize && !this.flushing) {
      // A running flush takes new events too.
      void this.flush();
    }
  }

  /** Calls `listener` with every batch the store has accepted (e.g. to push a live feed); returns the unsubscribe. */
  onFlushed(listener: FlushListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * Writes the buffer to the store, batch by batch, and resolves when it is empty or the store has
   * failed (the failure is logged, never thrown: the events stay buffered for the next attempt).
   * Joins a flush already running, then writes whatever arrived meanwhile.
   */
  async flush(): Promise<void> {
    if (this.flushing) await this.flushing;
    if (this.buffer.length === 0) return;
    this.flushing ??= this.drain().finally(() => (this.flushing = null));
    await this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.flushTimer);
    clearInterval(this.pruneTimer);
    clearImmediate(this.endOfTurnFlush);
    await this.pruning;
    for (let attempt = 1; this.pending > 0 && attempt <= RECORDER_LIMITS.shutdownAttempts; attempt += 1) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      await this.flush();
    }
    if (this.pending > 0) this.logger.error({ msg: 'Event history: events lost at shutdown, the store did not accept them', lost: this.pending });
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, RECORDER_LIMITS.batchSize);
      this.inFlight = batch.length;
      try {
        await this.store.record(batch);
      } catch (error) {
        this.inFlight = 0;
        this.buffer = batch.concat(this.buffer);
        this.enforceBound();
        if (!this.failing) this.logger.warn({ msg: 'Event history store failed; keeping the events and retrying', reason: reasonOf(error), pending: this.pending });
        this.failing = true;
        return;
      }
      this.inFlight = 0;
      this.flushedCount += batch.length;
      if (this.failing) this.logger.log({ msg: 'Event history store recovered', pending: this.pending, dropped: this.droppedCount });
      this.failing = false;
      this.droppingReported = false;
      this.notify(batch);
    }
  }

  /** One flush for every event recorded in this turn of the event loop. */
  private flushAtEndOfTurn(): void {
    this.endOfTurnFlush ??= setImmediate(() => {
      this.endOfTurnFlush = undefined;
      void this.flush();
    });
  }

  /** Counts only the buffer: a batch in flight may still succeed, and if it fails it comes back at the front, to be dropped first. */
  private enforceBound(): void {
    const excess = this.buffer.length - RECORDER_LIMITS.maxBuffered;
    if (excess <= 0) return;
    this.buffer.splice(0, excess);
    this.droppedCount += excess;
    if (!this.droppingReported) this.logger.error({ msg: 'Event history buffer full; dropping the oldest unsaved events', maxBuffered: RECORDER_LIMITS.maxBuffered });
    this.droppingReported = true;
  }

  private notify(batch: readonly FinishedEvent[]): void {
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (error) {
        // One broken listener must not stop the others, nor the flushing.
        this.logger.error({ msg: 'An event-history listener failed', reason: reasonOf(error) });
      }
    }
  }

  /** Keeps old data out of the store; minute aggregates stay at least as long as the sparkline shows them. */
  private prune(): Promise<void> {
    this.pruning ??= this.store
      .prune(Date.now() - Math.max(this.retentionMs, SPARKLINE_MINUTES * MINUTE_MS))
      .then(
        () => undefined,
        (error: unknown) => this.logger.warn({ msg: 'Event history pruning failed; retrying in a minute', reason: reasonOf(error) }),
      )
      .finally(() => (this.pruning = null));
    return this.pruning;
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
