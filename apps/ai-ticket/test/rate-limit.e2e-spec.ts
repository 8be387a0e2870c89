import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorBody } from '@ai-ticket/testing';
import { BrokenRedis } from './support/broken-redis';
import { useFakeUpstreamApp } from './support/fake-upstream-app';
import { postEvent } from './support/test-app';

const ALPHA = 'alpha-token-0123456789abcdef';
const BRAVO = 'bravo-token-0123456789abcdef';

describe('rate limiting', () => {
  const fixture = useFakeUpstreamApp({ RATE_LIMIT_WINDOW_SECONDS: '60' });
  const start = (env: Record<string, string>) => fixture.start(env);
  const from = (remoteAddress: string, headers: Record<string, string> = {}) => ({ remoteAddress, headers });
  const send = (app: NestFastifyApplication, options: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
    app.inject({
      method: 'POST',
      url: '/event',
      remoteAddress: options.remoteAddress,
      headers: { 'content-type': 'application/json', ...options.headers },
      payload: JSON.stringify({ content: 'hi' }),
    });

  it('should send the RateLimit headers on every limited response', async () => {
    const app = await start({ RATE_LIMIT_REQUESTS: '3' });

    const res = await postEvent(app, { content: 'hi' });

    expect(res.statusCode).toBe(200);
    expect(res.headers['ratelimit-limit']).toBe('3');
    expect(res.headers['ratelimit-remaining']).toBe('2');
    expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(59);
  });

  it('should admit exactly the limit, then answer 429 rate_limited with Retry-After', async () => {
    const app = await start({ RATE_LIMIT_REQUESTS: '3' });

    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await postEvent(app, { content: 'hi' })).statusCode);
    const limited = await postEvent(app, { content: 'hi' });

    expect(statuses).toEqual([200, 200, 200]);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ ...errorBody.rateLimited, details: { limit: 3, windowSeconds: 60 } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    expect(fixture.upstream.requests.length).toBeLessThanOrEqual(3);
  });

  it('should not limit the probes', async () => {
    const app = await start({ RATE_LIMIT_REQUESTS: '1' });
    await postEvent(app, { content: 'hi' });

    for (let i = 0; i < 3; i += 1) expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('should give each authenticated client its own bucket, whatever its address', async () => {
    const app = await start({ RATE_LIMIT_REQUESTS: '1', AI_TICKET_AUTH_TOKEN: `alpha=${ALPHA},bravo=${BRAVO}` });

    expect((await send(app, from('127.0.0.2', { 'x-api-key': ALPHA }))).statusCode).toBe(200);
    expect((await send(app, from('127.0.0.2', { 'x-api-key': BRAVO }))).statusCode).toBe(200);
    expect((await send(app, from('127.0.0.3', { 'x-api-key': ALPHA }))).statusCode).toBe(429);
  });

  it('should disable limiting with RATE_LIMIT_REQUESTS=0', async () => {
    const app = await start({ RATE_LIMIT_REQUESTS: '0' });

    for (let i = 0; i < 5; i += 1) {
      const res = await postEvent(app, { content: 'hi' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
  });

  describe('client address', () => {
    it('should ignore X-Forwarded-For with TRUST_PROXY_COUNT=0', async () => {
      const app = await start({ RATE_LIMIT_REQUESTS: '2', TRUST_PROXY_COUNT: '0' });

      expect((await send(app, from('127.0.0.5', { 'x-forwarded-for': '10.1.1.1' }))).statusCode).toBe(200);
      expect((await send(app, from('127.0.0.5', { 'x-forwarded-for': '10.2.2.2' }))).statusCode).toBe(200);
      expect((await send(app, from('127.0.0.5', { 'x-forwarded-for': '10.3.3.3' }))).statusCode).toBe(429);
      expect((await send(app, from('127.0.0.6'))).statusCode).toBe(200);
    });

    it('should trust only the last hop with TRUST_PROXY_COUNT=1', async () => {
      const app = await start({ RATE_LIMIT_REQUESTS: '2', TRUST_PROXY_COUNT: '1' });

      // The proxy appends the real client (10.9.9.9); what the client wrote before it cannot pick a bucket.
      expect((await send(app, from('127.0.0.1', { 'x-forwarded-for': '1.1.1.1, 10.9.9.9' }))).statusCode).toBe(200);
      expect((await send(app, from('127.0.0.1', { 'x-forwarded-for': '2.2.2.2, 10.9.9.9' }))).statusCode).toBe(200);
      expect((await send(app, from('127.0.0.1', { 'x-forwarded-for': '3.3.3.3, 10.9.9.9' }))).statusCode).toBe(429);
      // Another client behind the same proxy has its own bucket.
      expect((await send(app, from('127.0.0.1', { 'x-forwarded-for': '10.8.8.8' }))).statusCode).toBe(200);
    });
  });

  describe('when the store fails', () => {
    let redis: BrokenRedis;
    beforeEach(async () => {
      redis = await BrokenRedis.start();
    });
    afterEach(() => redis.close());

    it('should admit requests with RATE_LIMIT_FAIL_MODE=open', async () => {
      const app = await start({ RATE_LIMIT_BACKEND: 'redis', REDIS_URL: redis.url, RATE_LIMIT_FAIL_MODE: 'open' });

      const res = await postEvent(app, { content: 'hi' });

      expect(res.statusCode).toBe(200);
    });

    it('should refuse requests with 503 and Retry-After with RATE_LIMIT_FAIL_MODE=closed', async () => {
      const app = await start({ RATE_LIMIT_BACKEND: 'redis', REDIS_URL: redis.url, RATE_LIMIT_FAIL_MODE: 'closed' });

      const res = await postEvent(app, { content: 'hi' });

      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual(errorBody.rateLimiterUnavailable);
      expect(res.headers['retry-after']).toBe('1');
      expect(fixture.upstream.requests).toHaveLength(0);
    });

    it('should report unready with RATE_LIMIT_FAIL_MODE=closed, naming the store', async () => {
      const app = await start({ RATE_LIMIT_BACKEND: 'redis', REDIS_URL: redis.url, RATE_LIMIT_FAIL_MODE: 'closed' });

      const res = await app.inject({ method: 'GET', url: '/readyz' });

      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'unavailable', failing: ['rate-limit-store'], inFlight: 0 });
    });

    it('should stay ready with RATE_LIMIT_FAIL_MODE=open', async () => {
      const app = await start({ RATE_LIMIT_BACKEND: 'redis', REDIS_URL: redis.url, RATE_LIMIT_FAIL_MODE: 'open' });

      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    });
  });
});
