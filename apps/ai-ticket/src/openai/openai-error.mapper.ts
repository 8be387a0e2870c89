import { toErrorResponse, type ErrorResponse } from '@ai-ticket/errors';

/** OpenAI's error body; our stable error code goes in `code`. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string };
}

export interface OpenAiErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: OpenAiErrorBody;
  /** The response in our own contract (code, message), for the metrics and history. */
  source: ErrorResponse;
}

/**
 * Our statuses → the ones OpenAI uses, which the OpenAI SDKs branch on (typed errors, retries of 429
 * and 5xx). 413 and 422 are request errors (400) there; an upstream failure (502) is a server error
 * (500) and an upstream timeout (504) an overload (503).
 */
const STATUS: Readonly<Record<number, number>> = { 413: 400, 422: 400, 502: 500, 504: 503 };

/** The `type` of OpenAI's error body, by the status it is sent with. */
function typeFor(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 429:
      return 'rate_limit_error';
    default:
      return status >= 500 ? 'server_error' : 'invalid_request_error';
  }
}

/** Anything thrown while serving `/v1/*`, in OpenAI's error shape; the status, headers and code are ours. */
export function toOpenAiError(exception: unknown, requestId?: string): OpenAiErrorResponse {
  const source = toErrorResponse(exception, requestId);
  const status = STATUS[source.status] ?? source.status;
  const param = source.body.details?.param;
  return {
    status,
    headers: source.headers,
    body: {
      error: { message: source.body.message, type: typeFor(status), param: typeof param === 'string' ? param : null, code: source.body.error },
    },
    source,
  };
}
