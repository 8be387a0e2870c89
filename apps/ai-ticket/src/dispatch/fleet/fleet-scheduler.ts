import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import { DispatchMetrics } from '../dispatch-metrics.service';
import { circuitOpenException } from '../upstream/circuit-breaker';
import { CallerAbortedError } from '../upstream/upstream-failure';
import { runOnce } from './run-once.util';
import { SlotWaiter, type UpstreamLease } from './slot-waiter';
import { UpstreamSlots } from './slots/upstream-slots';
import type { Upstream } from './upstream';
import { UpstreamPool } from './upstream-pool';
import { UpstreamRouter } from './upstream-router';

export type { UpstreamLease } from './slot-waiter';

export interface AcquireOptions {
  /** Upstreams the event already failed on: others are preferred while any takes work. */
  avoid?: ReadonlySet<Upstream>;
  /** An event coming back after a failure: it waits at the head of the queue and is never refused as full. */
  retry?: boolean;
  /** How long it may wait (default `UPSTREAM_QUEUE_TIMEOUT_MS`). */
  waitTimeoutMs?: number;
}

/**
 * This replica's one FIFO in front of every upstream: an event takes a free slot at once when nobody
 * waits, else waits its turn, at most `UPSTREAM_QUEUE_SIZE` waiting, each at most
 * `UPSTREAM_QUEUE_TIMEOUT_MS`. Waiters are served when a slot is freed (here, or by another replica
 * when slots live in Redis), when the fleet changes, and on a short re-check timer.
 */
@Injectable()
export class FleetScheduler implements OnModuleDestroy {
  private readonly waiters: SlotWaiter[] = [];
  private readonly router = new UpstreamRouter();
  private readonly maxWaiting: number;
  private readonly waitTimeoutMs: number;
  private draining = false;
  private drainAgain = false;
  /** Counts announced frees, so an event that found no slot can tell whether one came free meanwhile. */
  private frees = 0;
  private recheck: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: UpstreamPool,
    private readonly slots: UpstreamSlots,
    private readonly metrics: DispatchMetrics,
    config: ConfigService<AppConfig, true>,
  ) {
    this.maxWaiting = config.get('upstream.queueSize', { infer: true });
    this.waitTimeoutMs = config.get('upstream.queueTimeoutMs', { infer: true });
    slots.onFreed(() => {
      this.frees += 1;
      this.pump();
    });
    pool.onChange(() => this.pump());
  }

  /** Events waiting for a slot. */
  get depth(): number {
    return this.waiters.length;
  }

  /**
   * A slot on an upstream. Fails fast with 503 `upstream_unavailable` when no upstream can take work
   * (`no_upstream`, `circuit_open`) or the queue is full (`queue_full`), and after waiting too long
   * (`queue_timeout`).
   */
  async acquire(signal: AbortSignal, options: AcquireOptions = {}): Promise<UpstreamLease> {
    if (signal.aborted) throw new CallerAbortedError();
    this.assertServable();
    const freesBefore = this.frees;
    if (this.waiters.length === 0) {
      const lease = await this.tryLease(options.avoid);
      // The caller may have left while the store answered (an abort signal fires only once).
      if (signal.aborted) {
        lease?.release();
        throw new CallerAbortedError();
      }
      if (lease) return lease;
    }
    if (!options.retry && this.waiters.length >= this.maxWaiting) throw unavailable('The upstream queue is full.', 'queue_full');
    return this.wait(signal, options, this.frees !== freesBefore);
  }

  /** A slot on an upstream outside `avoid` if one is free now and nobody waits; otherwise null, at once. */
  async acquireElsewhereNow(avoid: ReadonlySet<Upstream>): Promise<UpstreamLease | null> {
    if (this.waiters.length > 0) return null;
    const others = this.router.candidates(this.pool.active, avoid).filter((upstream) => !avoid.has(upstream));
    return others.length > 0 ? this.lease(others) : null;
  }

  /** Whether an upstream outside `avoid` takes work now (even if its slots are all taken). */
  hasOtherThan(avoid: ReadonlySet<Upstream>): boolean {
    return this.pool.active.some((upstream) => upstream.acceptsWork && !avoid.has(upstream));
  }

  onModuleDestroy(): void {
    this.stopRecheck();
  }

  private assertServable(): void {
    const active = this.pool.active;
    if (active.length === 0) throw unavailable('No upstream is known (check KOBOLDCPP_API_URL and discovery).', 'no_upstream');
    if (active.some((upstream) => upstream.breaker.admits())) return;
    throw circuitOpenException(Math.min(...active.map((upstream) => upstream.breaker.cooldownLeftMs)));
  }

  private tryLease(avoid?: ReadonlySet<Upstream>): Promise<UpstreamLease | null> {
    const candidates = this.router.candidates(this.pool.active, avoid);
    return candidates.length > 0 ? this.lease(candidates) : Promise.resolve(null);
  }

  private async lease(candidates: readonly Upstream[]): Promise<UpstreamLease | null> {
    const slot = await this.slots.tryAcquire(candidates);
    if (!slot) return null;
    const upstream = slot.candidate;
    this.pool.occupy(upstream);
    return {
      upstream,
      release: runOnce(() => {
        this.pool.vacate(upstream);
        slot.release();
      }),
    };
  }

  private wait(signal: AbortSignal, options: AcquireOptions, freedMeanwhile: boolean): Promise<UpstreamLease> {
    const waiter = new SlotWaiter(options.avoid, signal, options.waitTimeoutMs ?? this.waitTimeoutMs, (ended) => {
      this.waiters.splice(this.waiters.indexOf(ended), 1);
      this.changed();
    });
    if (options.retry) this.waiters.unshift(waiter);
    else this.waiters.push(waiter);
    this.changed();
    // A slot freed while this event was finding none would otherwise wait for the next free or re-check.
    if (freedMeanwhile || options.retry) this.pump();
    return waiter.lease;
  }

  /** Serves waiters in order until one cannot be served; runs one pass at a time. */
  private pump(): void {
    if (this.waiters.length === 0) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = true;
    void this.drain().finally(() => {
      this.draining = false;
      if (!this.drainAgain) return;
      this.drainAgain = false;
      this.pump();
    });
  }

  private async drain(): Promise<void> {
    for (const waiter of [...this.waiters]) {
      if (waiter.settled) continue;
      let lease: UpstreamLease | null;
      try {
        lease = await this.tryLease(waiter.avoid);
      } catch (error) {
        waiter.fail(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (waiter.settled) lease?.release();
      else if (lease) waiter.grant(lease);
      // Only a waiter that avoids some upstreams can be stuck where the next one is not.
      else if (!waiter.avoid || waiter.avoid.size === 0) return;
    }
  }

  private changed(): void {
    this.metrics.queue(this.waiters.length);
    if (this.waiters.length > 0) this.startRecheck();
    else this.stopRecheck();
  }

  /** For frees nobody announces: expired leases, circuits whose cool-down ended, lost messages. */
  private startRecheck(): void {
    if (this.recheck) return;
    this.recheck = setInterval(() => this.pump(), this.slots.recheckIntervalMs);
    this.recheck.unref();
  }

  private stopRecheck(): void {
    clearInterval(this.recheck);
    this.recheck = undefined;
  }
}

function unavailable(message: string, reason: string): AppException {
  return new AppException(ErrorCode.UpstreamUnavailable, message, { retryAfterSeconds: 1, details: { reason } });
}
