import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Accept a caller's id only if it is short and plain, so it cannot forge or flood log lines. */
const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;

/**
 * The request id: the caller's `X-Request-Id` when acceptable, else a new UUID. Written back to the
 * request headers so every consumer (Fastify, the pino-http logger) sees the same id.
 */
export function assignRequestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  request.headers['x-request-id'] = id;
  return id;
}
