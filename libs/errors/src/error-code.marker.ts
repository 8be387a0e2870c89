import type { ServerResponse } from 'node:http';
import type { ErrorCode } from './error-code.enum';

const ERROR_CODE = Symbol('ai-ticket.error-code');

type Marked = ServerResponse & { [ERROR_CODE]?: ErrorCode };

/** Remembers which error a response carried, for observers that run when it ends (metrics, history). */
export function markErrorCode(response: ServerResponse, code: ErrorCode): void {
  (response as Marked)[ERROR_CODE] = code;
}

export function errorCodeOf(response: ServerResponse): ErrorCode | undefined {
  return (response as Marked)[ERROR_CODE];
}
