import { CliFailure } from '../cli-failure.exception';

interface ErrorBody {
  error?: unknown;
  message?: unknown;
  requestId?: unknown;
  details?: unknown;
}

/**
 * The service's error body (`{error, message, requestId, details?}`) as a failure with the same code,
 * or `unexpected_response` when something else answered (a proxy's HTML error page, say).
 */
export async function failureFromResponse(response: Response): Promise<CliFailure> {
  const text = await response.text().catch(() => '');
  let body: ErrorBody | undefined;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    body = undefined;
  }
  const requestId = response.headers.get('x-request-id') ?? undefined;
  if (body && typeof body.error === 'string' && typeof body.message === 'string') {
    const retryAfter = response.headers.get('retry-after') ?? undefined;
    return new CliFailure(body.error, body.message, undefined, {
      status: response.status,
      requestId: typeof body.requestId === 'string' ? body.requestId : requestId,
      ...(retryAfter !== undefined ? { retryAfterSeconds: Number(retryAfter) } : {}),
      ...(body.details !== undefined ? { details: body.details } : {}),
    });
  }
  return new CliFailure('unexpected_response', `HTTP ${response.status} ${response.statusText} without an AI Ticket error body`, undefined, { status: response.status, requestId });
}
