import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import type { AttemptTrace } from '../../tracing/event-tracer';
import type { GenerationRequest } from '../dispatch.types';
import { FleetMetrics } from '../fleet/fleet-metrics.service';
import type { Upstream } from '../fleet/upstream';
import { AttemptScope } from './attempt-scope';
import type { CircuitPermit } from './circuit-breaker';
import type { UpstreamEndpoint } from './endpoints/upstream-endpoint.types';
import { MAX_UPSTREAM_ANSWER_BYTES } from './read-limited.util';
import { classifyTransportError, type UpstreamResponse } from './upstream-http.client';
import { CallerAbortedError, UpstreamFailure, type UpstreamFailureKind } from './upstream-failure';

/**
 * Turns one upstream answer into the result the caller wants: a whole JSON answer's text into a
 * generation (read on the client's lean JSON path), or the open response into a relayed stream.
 */
export type AnswerReader<T> =
  | { readonly stream: false; fromJson(endpoint: UpstreamEndpoint, text: string): T }
  | { readonly stream: true; fromResponse(endpoint: UpstreamEndpoint, response: UpstreamResponse, scope: AttemptScope): Promise<T> };

export interface AttemptRequest<T> {
  upstream: Upstream;
  /** Taken from the upstream's circuit breaker for this attempt; settled here. */
  permit: CircuitPermit;
  endpoint: UpstreamEndpoint;
  request: GenerationRequest;
  signal: AbortSignal;
  timeoutMs: number;
  read: AnswerReader<T>;
  /** This attempt's span: ended here with the outcome; its context goes to the upstream. */
  span: AttemptTrace;
}

/** Failures that say the upstream is unhealthy; the others (busy included) say nothing about its health. */
const UNHEALTHY: ReadonlySet<UpstreamFailureKind> = new Set(['connection', 'timeout', 'server']);

/**
 * One attempt at one upstream's API: sends the request, reads the answer, and reports the outcome to
 * the upstream's circuit breaker, its counters and the metrics, whatever happens.
 */
@Injectable()
export class UpstreamAttemptRunner {
  private readonly model?: string;
  private readonly idleTimeoutMs: number;

  constructor(
    private readonly metrics: FleetMetrics,
    config: ConfigService<AppConfig, true>,
  ) {
    this.model = config.get('upstream.model', { infer: true });
    this.idleTimeoutMs = config.get('upstream.timeoutMs', { infer: true });
  }

  async run<T>({ upstream, permit, endpoint, request, signal, timeoutMs, read, span }: AttemptRequest<T>): Promise<T> {
    const scope = new AttemptScope(signal, timeoutMs);
    const startedAt = performance.now();
    let outcome = 'ok';
    try {
      const body = endpoint.body(request, { stream: read.stream, model: this.model });
      const path = endpoint.path(read.stream);
      const result = read.stream
        ? await this.relay(upstream, endpoint, path, body, scope, span, read)
        : read.fromJson(endpoint, await upstream.http.postForJson(endpoint.name, path, body, scope, MAX_UPSTREAM_ANSWER_BYTES, span.headers));
      upstream.breaker.succeeded(permit);
      upstream.served += 1;
      return result;
    } catch (error) {
      outcome = error instanceof UpstreamFailure ? error.kind : error instanceof CallerAbortedError ? 'aborted' : 'error';
      this.settleFailure(upstream, permit, error);
      throw error;
    } finally {
      scope.dispose();
      this.metrics.attempt(upstream.key, endpoint.name, outcome, (performance.now() - startedAt) / 1000);
      span.end(outcome);
    }
  }

  /** The streamed path: the response is left open for the reader, and dropped if reading it fails. */
  private async relay<T>(upstream: Upstream, endpoint: UpstreamEndpoint, path: string, body: unknown, scope: AttemptScope, span: AttemptTrace, read: Extract<AnswerReader<T>, { stream: true }>): Promise<T> {
    const response = await upstream.http.post(endpoint.name, path, body, scope, this.idleTimeoutMs, span.headers);
    try {
      return await read.fromResponse(endpoint, response, scope);
    } catch (error) {
      response.body.destroy();
      throw classifyTransportError(error, scope, endpoint.name);
    }
  }

  private settleFailure(upstream: Upstream, permit: CircuitPermit, error: unknown): void {
    if (!(error instanceof UpstreamFailure)) {
      upstream.breaker.released(permit);
      return;
    }
    if (UNHEALTHY.has(error.kind)) upstream.breaker.failed(permit);
    else upstream.breaker.released(permit);
    if (error.kind === 'busy') {
      upstream.busyAnswers += 1;
      this.metrics.busyAnswer(upstream.key);
    } else {
      upstream.failed(error.kind, error.message);
    }
  }
}
