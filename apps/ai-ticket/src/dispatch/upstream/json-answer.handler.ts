import type { Dispatcher } from 'undici';
import type { AttemptScope } from './attempt-scope';
import { UpstreamFailure, failureForStatus, parseRetryAfter } from './upstream-failure';

/** What is read of a refused answer's body to keep the connection (undici's own `dump()` stops there too). */
const REFUSAL_BODY_LIMIT_BYTES = 128 * 1024;

/**
 * Collects one JSON answer straight from undici's dispatcher (the non-streamed path): no response stream,
 * no abort signal, a handful of objects per call where `request()` makes dozens. Settles once: with the
 * body's text for a 2xx JSON answer, else with the failure (status, an event stream where JSON was
 * expected, a body over `maxBytes`) or the transport error as undici reports it. The attempt's scope
 * cancels it when the caller leaves or the deadline passes.
 */
export class JsonAnswerHandler implements Dispatcher.DispatchHandler {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  /** Decided from the status line and headers; the body is then only drained. */
  private refusal: UpstreamFailure | undefined;

  constructor(
    private readonly endpoint: string,
    private readonly scope: AttemptScope,
    private readonly maxBytes: number,
    private readonly resolve: (text: string) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.scope.onAbort(() => controller.abort(new Error('The attempt was cancelled')));
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    if (statusCode < 200 || statusCode >= 300) {
      this.refusal = failureForStatus(statusCode, this.endpoint, parseRetryAfter(headers['retry-after']));
      return;
    }
    if (String(headers['content-type'] ?? '').startsWith('text/event-stream')) {
      controller.abort(new UpstreamFailure('format', 'The upstream answered with a stream where JSON was expected.', { endpoint: this.endpoint }));
    }
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.size += chunk.length;
    if (this.refusal) {
      if (this.size > REFUSAL_BODY_LIMIT_BYTES) controller.abort(this.refusal);
      return;
    }
    if (this.size > this.maxBytes) {
      controller.abort(new UpstreamFailure('format', `The upstream answer exceeds ${this.maxBytes} bytes.`, { endpoint: this.endpoint }));
      return;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.refusal) this.reject(this.refusal);
    else this.resolve(Buffer.concat(this.chunks, this.size).toString('utf8'));
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.reject(error);
  }
}
