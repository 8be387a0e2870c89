/** Errors from the API, split so callers can tell "sign in again" from "try again later". */

export class ApiError extends Error {
  override readonly name: string = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** 401/403: the session is missing, expired or the token was refused; the page shows the sign-in form. */
export class UnauthorisedError extends ApiError {
  override readonly name = 'UnauthorisedError';
}

export const isAuthFailure = (status: number): boolean => status === 401 || status === 403;

/** Builds the error for a failed response from its status and (possibly empty or non-JSON) body text. */
export function errorFromResponse(status: number, bodyText: string): ApiError {
  let code = `http_${status}`;
  let message = `The server answered ${status}.`;
  try {
    const body: unknown = JSON.parse(bodyText);
    if (typeof body === 'object' && body !== null) {
      const { error, message: text } = body as { error?: unknown; message?: unknown };
      if (typeof error === 'string' && error) code = error;
      if (typeof text === 'string' && text) message = text;
      else if (isAuthFailure(status)) message = 'The API token was not accepted.';
    }
  } catch {
    // Not JSON (a proxy's HTML error page, say): keep the generic message rather than show markup.
    if (isAuthFailure(status)) message = 'The API token was not accepted.';
  }
  return isAuthFailure(status) ? new UnauthorisedError(status, code, message) : new ApiError(status, code, message);
}
