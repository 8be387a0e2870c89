import type { FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { attachClient } from '../auth/client.types';
import { rateLimitIdentity } from './client-identity.util';

function requestFrom(ip: string, headers: Record<string, string> = {}): FastifyRequest {
  return { ip, headers, raw: { headers } as unknown as IncomingMessage } as unknown as FastifyRequest;
}

describe(rateLimitIdentity.name, () => {
  it('should use the authenticated client rather than the address', () => {
    const request = requestFrom('203.0.113.7');
    attachClient(request.raw, { id: 'ci-bot' });

    expect(rateLimitIdentity(request)).toBe('client:ci-bot');
  });

  it('should give two clients behind one address separate identities', () => {
    const first = requestFrom('203.0.113.7');
    const second = requestFrom('203.0.113.7');
    attachClient(first.raw, { id: 'alice' });
    attachClient(second.raw, { id: 'bob' });

    expect(rateLimitIdentity(first)).not.toBe(rateLimitIdentity(second));
  });

  it('should fall back to the address Fastify derived for an anonymous request', () => {
    expect(rateLimitIdentity(requestFrom('198.51.100.23'))).toBe('ip:198.51.100.23');
  });

  it('should ignore a raw X-Forwarded-For header', () => {
    const request = requestFrom('10.0.0.5', { 'x-forwarded-for': '192.0.2.99' });

    expect(rateLimitIdentity(request)).toBe('ip:10.0.0.5');
  });
});
