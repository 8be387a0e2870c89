import type { Readable } from 'node:stream';
import { Pool, errors as undiciErrors } from 'undici';
import { AttemptScope } from './attempt-scope';
import { JsonAnswerHandler } from './json-answer.handler';
import { readLimited } from './read-limited.util';
import { CallerAbortedError, UpstreamFailure, failureForStatus, parseRetryAfter } from './upstream-failure';

export interface UpstreamResponse {
  /** `text/event-stream` answers are left unread for the caller to stream. */
  isEventStream: boolean;
  body: Readable;
}

export interface UpstreamHttpClientOptions {
  /** Base URL to connect to (an address found by discovery, or the configured URL). */
  baseUrl: string;
  /** Generations the upstream runs at once; sizes the connection pool. */
  slots: number;
  apiKey?: string;
  /** TLS server name when `baseUrl` holds an address found by DNS discovery rather than the name. */
  servername?: string;
}

/**
 * The HTTP connection to one upstream: one keep-alive pool, our bearer token, and classification of
 * every transport and status failure into an `UpstreamFailure`. Knows nothing of wire formats.
 */
export class UpstreamHttpClient {
  private readonly pool: Pool;
  private readonly pathPrefix: string;
  private readonly headers: Record<string, string>;

  constructor(options: UpstreamHttpClientOptions) {
    const url = new URL(options.baseUrl);
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    // Extra connections let a new request start while an aborted one's socket is still being torn down.
    this.pool = new Pool(url.origin, {
      connections: options.slots * 2,
      keepAliveTimeout: 30_000,
      ...(options.servername ? { connect: { servername: options.servername } } : {}),
    });
    this.headers = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    };
  }

  /**
   * POSTs JSON; resolves for a 2xx answer, otherwise throws an `UpstreamFailure`. `traceHeaders` (the
   * attempt's `traceparent`/`tracestate`) are added when the event is traced.
   */
  async post(endpoint: string, path: string, body: unknown, scope: AttemptScope, idleTimeoutMs: number, traceHeaders?: Readonly<Record<string, string>>): Promise<UpstreamResponse> {
    let response;
    try {
      response = await this.pool.request({
        path: this.pathPrefix + path,
        method: 'POST',
        headers: traceHeaders === undefined ? this.headers : { ...this.headers, ...traceHeaders },
        body: JSON.stringify(body),
        signal: scope.signal,
        headersTimeout: idleTimeoutMs,
        bodyTimeout: idleTimeoutMs,
      });
    } catch (error) {
      throw classifyTransportError(error, scope, endpoint);
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      await response.body.dump().catch(() => undefined);
      throw failureForStatus(response.statusCode, endpoint, parseRetryAfter(response.headers['retry-after']));
    }
    const contentType = String(response.headers['content-type'] ?? '');
    return { isEventStream: contentType.startsWith('text/event-stream'), body: response.body };
  }

  /**
   * POSTs JSON and reads the whole JSON answer as text, within `maxBytes`: the non-streamed path, on
   * undici's dispatcher directly (see JsonAnswerHandler). Throws as `post` does, and a `format` failure
   * for an event stream or an oversized answer. Only the attempt's deadline (`scope`) bounds it.
   */
  postForJson(endpoint: string, path: string, body: unknown, scope: AttemptScope, maxBytes: number, traceHeaders?: Readonly<Record<string, string>>): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const options = {
        path: this.pathPrefix + path,
        method: 'POST' as const,
        headers: traceHeaders === undefined ? this.headers : { ...this.headers, ...traceHeaders },
        body: JSON.stringify(body),
        // No idle timeouts: the attempt's deadline is never later than they would fire (both are
        // UPSTREAM_TIMEOUT_MS at most), and each set a timer per request that undici keeps, cleared, for up
        // to half a second: long enough to outlive young-generation collections (at 1 connection, 48 → 32 KB
        // promoted per collection without them).
        headersTimeout: 0,
        bodyTimeout: 0,
      };
      const fail = (error: unknown) => reject(classifyTransportError(error, scope, endpoint));
      this.pool.dispatch(options, new JsonAnswerHandler(endpoint, scope, maxBytes, resolve, fail));
    });
  }

  /** GETs a small JSON document (discovery routes such as `/v1/models`); undefined when it is not there or not JSON. */
  async getJson(path: string, timeoutMs: number): Promise<unknown> {
    const response = await this.pool.request({
      path: this.pathPrefix + path,
      method: 'GET',
      headers: this.headers,
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    if (response.statusCode !== 200) {
      await response.body.dump().catch(() => undefined);
      return undefined;
    }
    return response.body.json().catch(() => undefined);
  }

  /**
   * POSTs a small JSON request off the generation path (KoboldCPP's tokencount) and reads its JSON
   * answer whatever the status; the body is undefined when it is not JSON. Throws on transport failures.
   */
  async postSmallJson(path: string, body: unknown, timeoutMs: number, maxBytes: number): Promise<{ status: number; body: unknown }> {
    const response = await this.pool.request({
      path: this.pathPrefix + path,
      method: 'POST',
      headers: this.headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await readLimited(response.body, path, maxBytes);
    return { status: response.statusCode, body: parseOrUndefined(text) };
  }

  /** Closes idle connections at once and the others when their requests end. */
  async close(): Promise<void> {
    await this.pool.close();
  }

  /** Cuts every connection, in-flight requests included. */
  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Maps a failed read of a response body (after the status was fine) the same way. */
export function classifyTransportError(error: unknown, scope: AttemptScope, endpoint: string): Error {
  if (scope.callerAborted) return new CallerAbortedError();
  if (scope.timedOut || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    return new UpstreamFailure('timeout', 'The upstream did not answer in time.', { endpoint });
  }
  if (isTransportError(error)) {
    return new UpstreamFailure('connection', 'The upstream could not be reached or dropped the connection.', { endpoint });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Socket-level failures: undici's own errors and Node's system errors (ECONNREFUSED, ECONNRESET, …). */
function isTransportError(error: unknown): boolean {
  if (error instanceof undiciErrors.UndiciError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(E[A-Z]+|UND_ERR)/.test(code);
}
