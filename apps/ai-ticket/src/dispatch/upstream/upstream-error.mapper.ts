import { AppException, ErrorCode } from '@ai-ticket/errors';
import type { UpstreamFailure, UpstreamFailureKind } from './upstream-failure';

const CODE_BY_KIND: Record<UpstreamFailureKind, ErrorCode> = {
  connection: ErrorCode.ApiConnectionError,
  timeout: ErrorCode.UpstreamTimeout,
  server: ErrorCode.ApiServerError,
  busy: ErrorCode.UpstreamUnavailable,
  'rate-limited': ErrorCode.ApiRateLimited,
  auth: ErrorCode.ApiAuthenticationError,
  'not-found': ErrorCode.ApiClientError,
  client: ErrorCode.ApiClientError,
  format: ErrorCode.ApiResponseFormatError,
  structure: ErrorCode.ApiResponseStructureError,
};

/** The client-facing error for an upstream failure; upstream bodies are never relayed (they may leak internals). */
export function toAppException(failure: UpstreamFailure): AppException {
  if (failure.kind === 'busy') {
    // Back-pressure, not failure: the caller may retry, as after a full queue.
    return new AppException(ErrorCode.UpstreamUnavailable, 'The upstream stayed busy for as long as the event may wait for a slot.', {
      retryAfterSeconds: Math.max(1, Math.ceil((failure.details.retryAfterMs ?? 1000) / 1000)),
      details: { reason: 'upstream_busy' },
      cause: failure,
    });
  }
  const { endpoint, status } = failure.details;
  return new AppException(CODE_BY_KIND[failure.kind], failure.message, {
    details: { ...(endpoint ? { endpoint } : {}), ...(status ? { upstreamStatus: status } : {}) },
    cause: failure,
  });
}
