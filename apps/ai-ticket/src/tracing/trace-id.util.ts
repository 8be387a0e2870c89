import type { IncomingMessage } from 'node:http';

const TRACE_ID = Symbol('ai-ticket.trace-id');

type WithTraceId = IncomingMessage & { [TRACE_ID]?: string };

/** Remembers the event's trace id on the raw request, for the access log line. */
export function attachTraceId(request: IncomingMessage, traceId: string): void {
  (request as WithTraceId)[TRACE_ID] = traceId;
}

/** Undefined when the request was not traced (tracing off, or not `POST /event`). */
export function traceIdOf(request: IncomingMessage): string | undefined {
  return (request as WithTraceId)[TRACE_ID];
}
