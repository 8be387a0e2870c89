import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import type { GenerationRequest } from './dispatch.types';
import { DispatchMetrics } from './dispatch-metrics.service';
import { UpstreamQueue } from './queue/upstream-queue';
import { CircuitBreaker } from './upstream/circuit-breaker';
import { UpstreamDispatcher, type StreamSink } from './upstream/upstream-dispatcher.service';
import { toAppException } from './upstream/upstream-error.mapper';
import { UpstreamFailure } from './upstream/upstream-failure';

/** Failures that say the upstream is unhealthy; the others say nothing about its health. */
const UNHEALTHY = new Set(['connection', 'timeout', 'server', 'busy']);

/**
 * Dispatches generations to the upstream behind its circuit breaker and bounded queue, and turns
 * upstream failures into the client-facing error contract.
 */
@Injectable()
export class DispatchService {
  readonly queue: UpstreamQueue;
  readonly breaker: CircuitBreaker;

  constructor(
    private readonly upstream: UpstreamDispatcher,
    private readonly metrics: DispatchMetrics,
    config: ConfigService<AppConfig, true>,
  ) {
    const settings = config.get('upstream', { infer: true });
    this.queue = new UpstreamQueue({
      concurrency: settings.concurrency,
      maxWaiting: settings.queueSize,
      waitTimeoutMs: settings.queueTimeoutMs,
      onChange: (depth, inFlight) => metrics.queue(depth, inFlight),
    });
    this.breaker = new CircuitBreaker({
      threshold: settings.circuitThreshold,
      cooldownMs: settings.circuitCooldownMs,
      onStateChange: (state) => metrics.circuit(state),
    });
    metrics.queue(0, 0);
    metrics.circuit('closed');
  }

  complete(request: GenerationRequest, signal: AbortSignal): Promise<string> {
    return this.guarded(signal, () => this.upstream.complete(request, signal));
  }

  /** Resolves when the stream has ended; throws before `sink.open()` or after it (then report in-band). */
  stream(request: GenerationRequest, signal: AbortSignal, sink: StreamSink): Promise<void> {
    return this.guarded(signal, () => this.upstream.stream(request, signal, sink));
  }

  private async guarded<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    this.breaker.assertNotOpen();
    const queuedAt = performance.now();
    const release = await this.queue.acquire(signal);
    this.metrics.waited((performance.now() - queuedAt) / 1000);
    try {
      const permit = this.breaker.enter();
      try {
        const result = await work();
        this.breaker.succeeded(permit);
        return result;
      } catch (error) {
        if (error instanceof UpstreamFailure && UNHEALTHY.has(error.kind)) this.breaker.failed(permit);
        else this.breaker.released(permit);
        throw error instanceof UpstreamFailure ? toAppException(error) : error;
      }
    } finally {
      release();
    }
  }
}
