import type { IncomingMessage } from 'node:http';
import type { EventUsage } from '../history/client-usage.util';

const USAGE = Symbol('ai-ticket.usage');

/** Who an event was dispatched for and the tokens it used (absent when nothing was answered). */
export interface DispatchedFor {
  client: string;
  usage?: EventUsage;
  /** Set instead of `usage` while the upstream's tokenizer is counting it, after the answer was sent. */
  counting?: Promise<EventUsage>;
}

type WithUsage = IncomingMessage & { [USAGE]?: DispatchedFor };

/** Keeps the event's client and token usage with the request, for the history. */
export function rememberUsage(request: IncomingMessage, dispatched: DispatchedFor): void {
  (request as WithUsage)[USAGE] = dispatched;
}

export function usageOf(request: IncomingMessage): DispatchedFor | undefined {
  return (request as WithUsage)[USAGE];
}
