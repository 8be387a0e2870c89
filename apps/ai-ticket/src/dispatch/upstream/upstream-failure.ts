/**
 * Why one attempt at the upstream failed. The kind decides retrying, falling back and the error code;
 * `retryAfterMs` carries the upstream's own `Retry-After` advice.
 */
export const UPSTREAM_FAILURE_KINDS = [
  'connection', // unreachable, refused, reset
  'timeout', // no answer within the time allowed
  'server', // 5xx
  'busy', // 503: KoboldCPP's "server is busy"
  'rate-limited', // 429
  'auth', // 401/403
  'not-found', // 404/405/501: this API is not there
  'client', // other 4xx
  'format', // the answer is not JSON / not a readable stream
  'structure', // JSON, but not the expected shape
] as const;
export type UpstreamFailureKind = (typeof UPSTREAM_FAILURE_KINDS)[number];

/** Every outcome an attempt can have, for metrics: success, the caller leaving, or a failure kind. */
export const ATTEMPT_OUTCOMES: readonly string[] = ['ok', 'aborted', 'error', ...UPSTREAM_FAILURE_KINDS];

export class UpstreamFailure extends Error {
  constructor(
    readonly kind: UpstreamFailureKind,
    message: string,
    readonly details: { endpoint?: string; status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = UpstreamFailure.name;
  }
}

/** The caller went away; not the upstream's fault, so it never counts against the circuit. */
export class CallerAbortedError extends Error {
  constructor() {
    super('The caller disconnected');
    this.name = CallerAbortedError.name;
  }
}

export function failureForStatus(status: number, endpoint: string, retryAfterMs?: number): UpstreamFailure {
  const details = { endpoint, status, retryAfterMs };
  if (status === 429) return new UpstreamFailure('rate-limited', 'The upstream rate-limited the request.', details);
  if (status === 503) return new UpstreamFailure('busy', 'The upstream is busy.', details);
  if (status === 401 || status === 403) return new UpstreamFailure('auth', 'The upstream rejected our credentials.', details);
  if (status === 404 || status === 405 || status === 501) {
    return new UpstreamFailure('not-found', `The upstream does not offer the ${endpoint} API.`, details);
  }
  if (status >= 500) return new UpstreamFailure('server', `The upstream failed with status ${status}.`, details);
  return new UpstreamFailure('client', `The upstream refused the request with status ${status}.`, details);
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Only an HTTP date (RFC 9110 IMF-fixdate); V8's lenient Date.parse would read "foo 1" as a date.
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
