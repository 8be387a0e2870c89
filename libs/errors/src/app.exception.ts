import { ErrorCode } from './error-code.enum';

export interface AppExceptionOptions {
  details?: Record<string, unknown>;
  /** Sent as `Retry-After` (whole seconds) when the client should come back later. */
  retryAfterSeconds?: number;
  /** Further response headers the error implies, e.g. `WWW-Authenticate` on a 401. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The one error type the service throws on purpose. Its `code` is the stable API contract. */
export class AppException extends Error {
  readonly details?: Record<string, unknown>;
  readonly retryAfterSeconds?: number;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppExceptionOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = AppException.name;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.headers = options.headers ?? {};
  }
}
