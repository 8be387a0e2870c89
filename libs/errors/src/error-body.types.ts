import type { ErrorCode } from './error-code.enum';

/** The body of every error response (and of the final event of a failed stream). */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  /** Correlates the response with the server's logs. */
  requestId?: string;
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** True when the error was not anticipated and must be logged with its stack. */
  unexpected: boolean;
}
