import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, UpstreamConfig } from '@ai-ticket/config';
import type { EventTrace } from '../tracing/event-tracer';
import type { Generation, GenerationRequest } from './dispatch.types';
import { DispatchMetrics } from './dispatch-metrics.service';
import { FleetMetrics, type FailoverReason } from './fleet/fleet-metrics.service';
import { FleetScheduler, type UpstreamLease } from './fleet/fleet-scheduler';
import type { Upstream } from './fleet/upstream';
import { abortableSleep } from './upstream/abortable-sleep.util';
import { readGeneration, streamInto, type StreamSink } from './upstream/answer-readers';
import { circuitOpenException } from './upstream/circuit-breaker';
import type { UpstreamEndpoint } from './upstream/endpoints/upstream-endpoint.types';
import { nextMove } from './upstream/next-move';
import { RetryPolicy } from './upstream/retry-policy';
import { UpstreamAttemptRunner, type AnswerReader } from './upstream/upstream-attempt.runner';
import { toAppException } from './upstream/upstream-error.mapper';
import { UpstreamFailure } from './upstream/upstream-failure';
import type { AnswerTally } from './usage/call-usage.service';

/** One event's way through the fleet: the slot it holds and what it has spent. */
interface Journey {
  lease: UpstreamLease;
  endpoints: readonly UpstreamEndpoint[];
  endpointIndex: number;
  /** Upstreams it failed on (busy included), to be avoided while others take work. */
  tried: Set<Upstream>;
  /** Attempts made so far, on every API and upstream. */
  attempts: number;
  retries: number;
  busyWaits: number;
  /** End of the whole exchange (`UPSTREAM_TIMEOUT_MS`, from the first slot). */
  deadline: number;
  /** End of its wait for a slot (`UPSTREAM_QUEUE_TIMEOUT_MS`, from arrival), which busy answers use up. */
  waitUntil: number;
}

/**
 * The coordinator of an event's dispatch: queue → a slot on an upstream (FleetScheduler) → attempts
 * at its APIs in order (chat → completions → native) → release. After a failed attempt it does what
 * `nextMove` says: another API, a pause and another try, or another upstream. Keeps the exchange within
 * `UPSTREAM_TIMEOUT_MS`, always gives the slot back, and turns upstream failures into the client-facing
 * error contract.
 */
@Injectable()
export class DispatchService {
  private readonly settings: UpstreamConfig;
  private readonly retries: RetryPolicy;

  constructor(
    private readonly scheduler: FleetScheduler,
    private readonly attempts: UpstreamAttemptRunner,
    private readonly metrics: DispatchMetrics,
    private readonly fleetMetrics: FleetMetrics,
    config: ConfigService<AppConfig, true>,
  ) {
    this.settings = config.get('upstream', { infer: true });
    this.retries = new RetryPolicy({ maxRetries: this.settings.maxRetries, baseMs: this.settings.retryBaseMs, maxMs: this.settings.retryMaxMs });
  }

  /**
   * A non-streamed answer: its text with the finish reason and token usage the upstream reported
   * (streams report theirs through `StreamSink.details`). `tally` learns which upstream answered.
   */
  generate(request: GenerationRequest, signal: AbortSignal, trace: EventTrace, tally: AnswerTally): Promise<Generation> {
    return this.run(request, trace, signal, tally, readGeneration);
  }

  /** Resolves when the stream has ended; throws before `sink.open()` or after it (then report in-band). */
  stream(request: GenerationRequest, signal: AbortSignal, trace: EventTrace, tally: AnswerTally, sink: StreamSink): Promise<void> {
    const { read, opened } = streamInto(sink);
    return this.run(request, trace, signal, tally, read, opened);
  }

  private async run<T>(request: GenerationRequest, trace: EventTrace, signal: AbortSignal, tally: AnswerTally, read: AnswerReader<T>, committed = () => false): Promise<T> {
    const arrivedAt = performance.now();
    const waitUntil = Date.now() + this.settings.queueTimeoutMs;
    const queueWait = trace.step('queue_wait');
    const lease = await this.scheduler.acquire(signal);
    queueWait.end();
    this.metrics.waited((performance.now() - arrivedAt) / 1000);
    const journey: Journey = {
      lease,
      endpoints: lease.upstream.endpoints.candidates(),
      endpointIndex: 0,
      tried: new Set(),
      attempts: 0,
      retries: 0,
      busyWaits: 0,
      deadline: Date.now() + this.settings.timeoutMs,
      waitUntil,
    };
    try {
      return await this.travel(journey, request, trace, signal, tally, read, committed);
    } catch (error) {
      throw error instanceof UpstreamFailure ? toAppException(error) : error;
    } finally {
      journey.lease.release();
    }
  }

  private async travel<T>(
    journey: Journey,
    request: GenerationRequest,
    trace: EventTrace,
    signal: AbortSignal,
    tally: AnswerTally,
    read: AnswerReader<T>,
    committed: () => boolean,
  ): Promise<T> {
    for (;;) {
      const { upstream } = journey.lease;
      const endpoint = journey.endpoints[journey.endpointIndex];
      const timeoutMs = journey.deadline - Date.now();
      if (timeoutMs <= 0) throw new UpstreamFailure('timeout', 'The upstream did not answer in time.', { endpoint: endpoint.name });
      const permit = upstream.breaker.tryEnter();
      if (!permit) {
        // Its circuit opened while this event waited or paused here.
        journey.tried.add(upstream);
        if (!this.scheduler.hasOtherThan(journey.tried)) throw circuitOpenException(upstream.breaker.cooldownLeftMs);
        await this.moveTo(journey, signal, 'circuit_open');
        continue;
      }
      try {
        journey.attempts += 1;
        // The last attempt is the one that answered, if any did: its upstream counts the tokens.
        tally.tokenizer = upstream.tokenizer;
        const span = trace.attempt({ upstream: upstream.key, endpoint: endpoint.name, attempt: journey.attempts, retry: journey.retries });
        return await this.attempts.run({ upstream, permit, endpoint, request, signal, timeoutMs, read, span });
      } catch (error) {
        // Once a stream has reached the caller, nothing can be retried: the error is reported in-band.
        if (!(error instanceof UpstreamFailure) || committed()) throw error;
        await this.recover(journey, error, signal);
      }
    }
  }

  /** Acts on a failed attempt as `nextMove` says, or throws the failure. */
  private async recover(journey: Journey, failure: UpstreamFailure, signal: AbortSignal): Promise<void> {
    const { upstream } = journey.lease;
    const endpoint = journey.endpoints[journey.endpointIndex];
    if (failure.kind === 'not-found') upstream.endpoints.markMissing(endpoint);
    journey.tried.add(upstream);
    const now = Date.now();
    const move = nextMove(
      failure,
      {
        retries: journey.retries,
        busyWaits: journey.busyWaits,
        deadlineLeftMs: journey.deadline - now,
        waitLeftMs: journey.waitUntil - now,
        otherUpstream: this.scheduler.hasOtherThan(journey.tried),
        hereTakesWork: upstream.acceptsWork,
      },
      this.retries,
    );
    switch (move.kind) {
      case 'give-up':
        throw failure;
      case 'next-endpoint':
        journey.endpointIndex += 1;
        if (journey.endpointIndex >= journey.endpoints.length) throw failure;
        return;
      case 'retry-here':
        this.spendRetry(journey, endpoint, failure);
        return abortableSleep(move.delayMs, signal);
      case 'move':
        if (move.reason === 'connection') this.spendRetry(journey, endpoint, failure);
        return this.moveTo(journey, signal, move.reason);
      case 'move-if-free': {
        journey.busyWaits += 1;
        const elsewhere = await this.scheduler.acquireElsewhereNow(journey.tried);
        if (elsewhere) return this.switchTo(journey, elsewhere, move.reason);
        return abortableSleep(move.delayMs, signal);
      }
    }
  }

  private spendRetry(journey: Journey, endpoint: UpstreamEndpoint, failure: UpstreamFailure): void {
    journey.retries += 1;
    this.metrics.retry(endpoint.name, failure.kind);
  }

  /** Gives the slot back and waits, at the head of the queue, for one elsewhere. */
  private async moveTo(journey: Journey, signal: AbortSignal, reason: FailoverReason): Promise<void> {
    journey.lease.release();
    const lease = await this.scheduler.acquire(signal, { avoid: journey.tried, retry: true, waitTimeoutMs: Math.max(1, journey.waitUntil - Date.now()) });
    this.switchTo(journey, lease, reason);
  }

  private switchTo(journey: Journey, lease: UpstreamLease, reason: FailoverReason): void {
    journey.lease.release();
    journey.lease = lease;
    journey.endpoints = lease.upstream.endpoints.candidates();
    journey.endpointIndex = 0;
    this.fleetMetrics.failover(reason);
  }
}
