import { HttpException } from '@nestjs/common';
import { AppException } from './app.exception';
import { ErrorCode } from './error-code.enum';
import type { ErrorResponse } from './error-body.types';
import { httpStatusFor } from './error-status';

interface FrameworkError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Turns anything thrown while handling a request into our `{error, message, details?}` contract. */
export function toErrorResponse(exception: unknown, requestId?: string): ErrorResponse {
  const app = exception instanceof AppException ? exception : fromFrameworkError(exception);
  if (!app) {
    return build(ErrorCode.InternalError, 'An unexpected error occurred.', requestId, true);
  }
  const response = build(app.code, app.message, requestId, false, app.details);
  Object.assign(response.headers, app.headers);
  if (app.retryAfterSeconds !== undefined) {
    response.headers['retry-after'] = String(Math.max(1, Math.ceil(app.retryAfterSeconds)));
  }
  return response;
}

function build(
  code: ErrorCode,
  message: string,
  requestId: string | undefined,
  unexpected: boolean,
  details?: Record<string, unknown>,
): ErrorResponse {
  const body = { error: code, message, ...(details ? { details } : {}), ...(requestId ? { requestId } : {}) };
  return { status: httpStatusFor(code), body, headers: {}, unexpected };
}

/** Errors raised by Nest or Fastify before our code runs (routing, body parsing, limits). */
function fromFrameworkError(exception: unknown): AppException | undefined {
  const status = statusOf(exception);
  if (status === undefined) return undefined;
  const fastifyCode = (exception as FrameworkError).code;
  if (status === 413 || fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new AppException(ErrorCode.PayloadTooLarge, 'The request body is larger than the configured limit.');
  }
  if (status === 404 || status === 405) {
    return new AppException(ErrorCode.NotFound, 'No such endpoint.');
  }
  if (status === 415 || fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new AppException(ErrorCode.InvalidRequest, 'The request body must be JSON (Content-Type: application/json).');
  }
  if (status >= 400 && status < 500) {
    return new AppException(ErrorCode.InvalidRequest, requestErrorMessage(fastifyCode, exception));
  }
  return undefined;
}

function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as FrameworkError | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function requestErrorMessage(fastifyCode: string | undefined, exception: unknown): string {
  switch (fastifyCode) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty; send a JSON object.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The request body is not valid JSON.';
    default:
      // JSON.parse's SyntaxError reaches us as a 400 without a Fastify code.
      return exception instanceof SyntaxError || (exception as Error).name === 'SyntaxError'
        ? 'The request body is not valid JSON.'
        : 'The request is invalid.';
  }
}
