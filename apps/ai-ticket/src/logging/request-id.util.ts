import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Accept a caller's id only if it is short and plain, so it cannot forge or flood log lines. */
const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;

const OWN_ID = Symbol('ai-ticket.own-request-id');
type WithOwnId = IncomingMessage & { [OWN_ID]?: true };

/**
 * The request id: the caller's `X-Request-Id` when acceptable, else a new UUID. Written back to the
 * request headers so every consumer (Fastify, the pino-http logger) sees the same id.
 */
export function assignRequestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  if (typeof given === 'string' && ACCEPTABLE_ID.test(given)) return given;
  const id = randomUUID();
  (request as WithOwnId)[OWN_ID] = true;
  request.headers['x-request-id'] = id;
  return id;
}

/**
 * An id no other request has: the request id when this service made it up (so a history entry and its
 * access-log line share it), else a new UUID, since a caller's `X-Request-Id` need not be unique.
 */
export function uniqueRequestId(request: IncomingMessage, requestId: string): string {
  return (request as WithOwnId)[OWN_ID] ? requestId : randomUUID();
}
