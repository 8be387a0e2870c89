import type { FastifyRequest } from 'fastify';
import { clientOf } from '../auth/client.types';

/**
 * Whose quota a request counts against: the authenticated client when there is one, otherwise the
 * client address as Fastify derives it with `TRUST_PROXY_COUNT` (forwarded headers are trusted for
 * exactly that many proxy hops, and ignored with 0), never a raw `X-Forwarded-For` value.
 */
export function rateLimitIdentity(request: FastifyRequest): string {
  const client = clientOf(request.raw);
  return client ? `client:${client.id}` : `ip:${request.ip}`;
}
