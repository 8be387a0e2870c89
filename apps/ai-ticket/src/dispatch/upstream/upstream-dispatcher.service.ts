import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, UpstreamConfig } from '@ai-ticket/config';
import type { GenerationRequest } from '../dispatch.types';
import { DispatchMetrics } from '../dispatch-metrics.service';
import { AttemptScope } from './attempt-scope';
import { EndpointCatalog } from './endpoint-catalog';
import { ENDPOINT_ORDER } from './endpoints/endpoint-order';
import type { UpstreamEndpoint } from './endpoints/upstream-endpoint.types';
import { readLimited } from './read-limited.util';
import { RetryPolicy } from './retry-policy';
import { relayStream } from './stream-relay';
import { classifyTransportError, UpstreamHttpClient, type UpstreamResponse } from './upstream-http.client';
import { CallerAbortedError, UpstreamFailure } from './upstream-failure';

/** Receives a streamed completion; `open` is called once, before the first delta. */
export interface StreamSink {
  open(): void;
  delta(text: string): Promise<void>;
}

type Attempt<T> = (endpoint: UpstreamEndpoint, response: UpstreamResponse, scope: AttemptScope) => Promise<T>;

/**
 * Gets a completion from the upstream: tries its APIs in order (chat → completions → native), retries
 * transient failures with backoff, and keeps the whole exchange within `UPSTREAM_TIMEOUT_MS`.
 *
 * Falling back: an API that is not there (404/405/501), keeps failing with 5xx, or answers in an
 * unreadable shape is skipped for the next; failures that concern the server as a whole (unreachable,
 * timeout, busy, rate-limited, credentials) are not, since another API on the same server would fare
 * no better.
 */
@Injectable()
export class UpstreamDispatcher {
  private readonly settings: UpstreamConfig;
  private readonly retries: RetryPolicy;
  private readonly catalog = new EndpointCatalog(ENDPOINT_ORDER);

  constructor(
    private readonly http: UpstreamHttpClient,
    private readonly metrics: DispatchMetrics,
    config: ConfigService<AppConfig, true>,
  ) {
    this.settings = config.get('upstream', { infer: true });
    this.retries = new RetryPolicy({ maxRetries: this.settings.maxRetries, baseMs: this.settings.retryBaseMs, maxMs: this.settings.retryMaxMs });
  }

  complete(request: GenerationRequest, signal: AbortSignal): Promise<string> {
    return this.run(request, false, signal, async (endpoint, response) => {
      if (response.isEventStream) {
        throw new UpstreamFailure('format', 'The upstream answered with a stream where JSON was expected.', { endpoint: endpoint.name });
      }
      return completionFrom(endpoint, await readLimited(response.body, endpoint.name));
    });
  }

  stream(request: GenerationRequest, signal: AbortSignal, sink: StreamSink): Promise<void> {
    let opened = false;
    const open = () => {
      opened = true;
      sink.open();
    };
    return this.run(
      request,
      true,
      signal,
      async (endpoint, response, scope) => {
        // From here on only the idle timeout between chunks applies: a long generation is not a slow one.
        scope.clearDeadline();
        if (!response.isEventStream) {
          // Some servers ignore `stream: true`; relay their whole answer as a single delta.
          const completion = completionFrom(endpoint, await readLimited(response.body, endpoint.name));
          open();
          return sink.delta(completion);
        }
        open();
        return relayStream(response.body, endpoint, (text) => sink.delta(text));
      },
      () => opened,
    );
  }

  private async run<T>(
    request: GenerationRequest,
    stream: boolean,
    signal: AbortSignal,
    attempt: Attempt<T>,
    committed: () => boolean = () => false,
  ): Promise<T> {
    const deadline = Date.now() + this.settings.timeoutMs;
    let retries = 0;
    let lastFailure: UpstreamFailure | undefined;
    for (const endpoint of this.catalog.candidates()) {
      for (;;) {
        const remainingMs = deadline - Date.now();
        if (remainingMs <= 0) throw new UpstreamFailure('timeout', 'The upstream did not answer in time.', { endpoint: endpoint.name });
        try {
          return await this.attemptOnce(endpoint, request, stream, signal, remainingMs, attempt);
        } catch (error) {
          // Once a stream has reached the caller, nothing can be retried: the error is reported in-band.
          if (!(error instanceof UpstreamFailure) || committed()) throw error;
          lastFailure = error;
          if (error.kind === 'not-found') {
            this.catalog.markMissing(endpoint);
            break;
          }
          if (this.retries.canRetry(error, retries)) {
            const delayMs = this.retries.delayMs(error, retries);
            if (Date.now() + delayMs >= deadline) throw error;
            retries += 1;
            this.metrics.retry(endpoint.name, error.kind);
            await sleep(delayMs, signal);
            continue;
          }
          if (['server', 'format', 'structure'].includes(error.kind)) break;
          throw error;
        }
      }
    }
    throw lastFailure ?? new UpstreamFailure('client', 'The upstream offers none of the supported APIs.');
  }

  private async attemptOnce<T>(
    endpoint: UpstreamEndpoint,
    request: GenerationRequest,
    stream: boolean,
    signal: AbortSignal,
    timeoutMs: number,
    attempt: Attempt<T>,
  ): Promise<T> {
    const scope = new AttemptScope(signal, timeoutMs);
    const startedAt = performance.now();
    let outcome = 'ok';
    try {
      const body = endpoint.body(request, { stream, model: this.settings.model });
      const response = await this.http.post(endpoint.name, endpoint.path(stream), body, scope, this.settings.timeoutMs);
      try {
        return await attempt(endpoint, response, scope);
      } catch (error) {
        response.body.destroy();
        throw classifyTransportError(error, scope, endpoint.name);
      }
    } catch (error) {
      outcome = error instanceof UpstreamFailure ? error.kind : error instanceof CallerAbortedError ? 'aborted' : 'error';
      throw error;
    } finally {
      scope.dispose();
      this.metrics.attempt(endpoint.name, outcome, (performance.now() - startedAt) / 1000);
    }
  }
}

function completionFrom(endpoint: UpstreamEndpoint, text: string): string {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new UpstreamFailure('format', 'The upstream answer is not valid JSON.', { endpoint: endpoint.name });
  }
  const completion = endpoint.completionOf(answer);
  if (completion === undefined) {
    throw new UpstreamFailure('structure', 'The upstream answer does not have the expected shape.', { endpoint: endpoint.name });
  }
  return completion;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CallerAbortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CallerAbortedError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
