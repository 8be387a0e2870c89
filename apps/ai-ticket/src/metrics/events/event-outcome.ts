import { ErrorCode, errorOf } from '@ai-ticket/errors';
import type { RequestCompletion } from '../../observability/request-completion.hub';

/** The route whose requests are events. */
export const EVENT_ROUTE = '/event';

/** Routes whose requests are events in the metrics, history and dashboard: `/event` and the OpenAI generation routes. */
const EVENT_ROUTES: ReadonlySet<string> = new Set([EVENT_ROUTE, '/v1/chat/completions', '/v1/completions']);

export function isEventRoute(route: string): boolean {
  return EVENT_ROUTES.has(route);
}

/** Error code of an event whose client left before it was answered (not an API code: nobody receives it). */
export const CLIENT_DISCONNECTED = 'client_disconnected';

/** Error code of a failed event that carried no code (never expected; counted rather than lost). */
export const UNKNOWN_ERROR = 'unknown';

/** Every `{ outcome, error_code }` an event can be counted under. */
export const EVENT_OUTCOME_LABELS: readonly { outcome: EventOutcome['outcome']; error_code: string }[] = [
  { outcome: 'success', error_code: 'none' },
  ...[...Object.values(ErrorCode), CLIENT_DISCONNECTED, UNKNOWN_ERROR].map((code) => ({ outcome: 'error' as const, error_code: code })),
];

export interface EventOutcome {
  outcome: 'success' | 'error';
  /** The error code the client received (`none` on success), or `client_disconnected`. */
  errorCode: string;
  /** The error's human message, when there was one. */
  message?: string;
}

/**
 * How an event ended, read from its finished response: the error code the exception filter (or the
 * stream's in-band error) marked on it, else the status.
 */
export function eventOutcomeOf({ reply, statusCode, aborted }: RequestCompletion): EventOutcome {
  const error = errorOf(reply.raw);
  if (error) return { outcome: 'error', errorCode: error.code, message: error.message };
  if (aborted) return { outcome: 'error', errorCode: CLIENT_DISCONNECTED, message: 'The client disconnected before the answer was complete.' };
  return statusCode < 400 ? { outcome: 'success', errorCode: 'none' } : { outcome: 'error', errorCode: UNKNOWN_ERROR };
}
