import type { ServerResponse } from 'node:http';
import type { ErrorCode } from './error-code.enum';

const MARK = Symbol('ai-ticket.error');

export interface MarkedError {
  code: ErrorCode;
  message: string;
}

type Marked = ServerResponse & { [MARK]?: MarkedError };

/** Remembers which error a response carried, for observers that run when it ends (metrics, history). */
export function markError(response: ServerResponse, code: ErrorCode, message: string): void {
  (response as Marked)[MARK] = { code, message };
}

export function errorOf(response: ServerResponse): MarkedError | undefined {
  return (response as Marked)[MARK];
}
