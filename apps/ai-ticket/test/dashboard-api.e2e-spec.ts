import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeUpstream, errorBody } from '@ai-ticket/testing';
import { SnapshotBroadcaster } from '../src/dashboard/stream/snapshot-broadcaster.service';
import { EventRecorder } from '../src/metrics/history/event-recorder.service';
import { forceGc } from './support/force-gc';
import { SseReader } from './support/sse-reader';
import { postEvent, startTestApp, type TestApp } from './support/test-app';

const TOKEN = 'dashboard-token-0123456789abcdef';
const snapshotOf = (data: string | undefined) => JSON.parse(data ?? '{}') as { totals: { requests: number } };

describe('dashboard APIs', () => {
  let upstream: FakeUpstream;
  let dir: string;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    dir = mkdtempSync(join(tmpdir(), 'ai-ticket-dash-'));
  });
  afterAll(async () => {
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  const start = async (env: Record<string, string> = {}, listen = false) => {
    const app = await startTestApp({ KOBOLDCPP_API_URL: upstream.url, ...env }, { listen });
    apps.push(app);
    return app;
  };

  describe('GET /api/metrics/summary', () => {
    it('should answer the snapshot contract', async () => {
      const { app } = await start();
      await postEvent(app, { content: 'hi' });
      await postEvent(app, { content: '' });
      await app.get(EventRecorder).flush();

      const res = await app.inject({ method: 'GET', url: '/api/metrics/summary' });

      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toEqual({
        timestamp: expect.any(String),
        totals: { requests: 2, successes: 1, errors: 1 },
        latency: { average: expect.any(Number), p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number) },
        throughput: { perSecond: expect.any(Number), perMinute: expect.any(Number) },
        sparkline: expect.any(Array),
        statusPanels: {
          backend: { status: 'online', message: expect.any(String) },
          latency: { status: 'online', message: expect.any(String) },
          throughput: { status: 'online', message: expect.any(String) },
        },
        recentErrors: [{ id: expect.any(String), code: 'prompt_extraction_failed', message: expect.any(String), timestamp: expect.any(String) }],
        queue: { depth: 0, inFlight: 0 },
        upstreams: [
          { upstream: upstream.url, state: 'closed', slots: 1, slotsInUse: 0, inFlight: 0, served: 1, busy: 0, lastError: null },
        ],
      });
      expect(body.sparkline).toHaveLength(24);
      expect(body.throughput.perMinute).toBeGreaterThan(0);
    });

    it('should report the same totals from every replica sharing a database, and keep them across restarts', async () => {
      const shared = { HISTORY_BACKEND: 'sqlite', AI_TICKET_METRICS_DB: join(dir, 'shared-history.sqlite') };
      const first = await start(shared);
      const second = await start(shared);
      for (let i = 0; i < 3; i += 1) await postEvent(first.app, { content: `one ${i}` });
      await postEvent(second.app, { content: 'two' });
      await first.app.get(EventRecorder).flush();
      await second.app.get(EventRecorder).flush();

      const totalsOf = async (app: TestApp) => (await app.app.inject({ method: 'GET', url: '/api/metrics/summary' })).json().totals;
      expect(await totalsOf(first)).toEqual({ requests: 4, successes: 4, errors: 0 });
      expect(await totalsOf(second)).toEqual({ requests: 4, successes: 4, errors: 0 });

      await Promise.all(apps.splice(0).map((app) => app.close()));
      const restarted = await start(shared);
      expect(await totalsOf(restarted)).toEqual({ requests: 4, successes: 4, errors: 0 });
    });
  });

  describe('sessions', () => {
    const cookieOf = (setCookie: string | string[] | undefined) => String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0];

    it('should exchange a token for an HttpOnly, SameSite=Strict cookie that the dashboard APIs accept', async () => {
      const { app } = await start({ AI_TICKET_AUTH_TOKEN: `ops=${TOKEN}` });
      expect((await app.inject({ method: 'GET', url: '/api/session' })).json()).toEqual({ authRequired: true, authenticated: false });
      expect((await app.inject({ method: 'GET', url: '/api/metrics/summary' })).statusCode).toBe(401);

      const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { token: TOKEN } });

      expect(signIn.statusCode).toBe(204);
      expect(signIn.headers['set-cookie']).toMatch(/^ai_ticket_session=[^;]+; Path=\/; Max-Age=3600; HttpOnly; SameSite=Strict$/);
      const cookie = cookieOf(signIn.headers['set-cookie']);
      expect((await app.inject({ method: 'GET', url: '/api/metrics/summary', headers: { cookie } })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json()).toEqual({ authRequired: true, authenticated: true });
      expect(signIn.body).not.toContain(TOKEN);
    });

    it('should not let the cookie authorise anything but reading the dashboard', async () => {
      const { app } = await start({ AI_TICKET_AUTH_TOKEN: TOKEN });
      const cookie = cookieOf((await app.inject({ method: 'POST', url: '/api/session', payload: { token: TOKEN } })).headers['set-cookie']);

      const res = await postEvent(app, { content: 'hi' }, { cookie });

      expect(res.statusCode).toBe(401);
    });

    it.each([
      ['a tampered signature', (cookie: string) => cookie.slice(0, -2) + (cookie.endsWith('AA') ? 'BB' : 'AA')],
      ['another client name', (cookie: string) => cookie.replace(/=([^.]+)\./, `=${Buffer.from('someone-else').toString('base64url')}.`)],
      ['a later expiry', (cookie: string) => cookie.replace(/\.(\d+)\./, (_m, expiry: string) => `.${Number(expiry) + 3_600_000}.`)],
    ])('should refuse a cookie with %s', async (_case, tamper) => {
      const { app } = await start({ AI_TICKET_AUTH_TOKEN: `ops=${TOKEN}` });
      const cookie = cookieOf((await app.inject({ method: 'POST', url: '/api/session', payload: { token: TOKEN } })).headers['set-cookie']);

      expect((await app.inject({ method: 'GET', url: '/api/metrics/summary', headers: { cookie: tamper(cookie) } })).statusCode).toBe(401);
    });

    it('should refuse a wrong token with 403 and a missing one with 400', async () => {
      const { app } = await start({ AI_TICKET_AUTH_TOKEN: TOKEN });

      const wrong = await app.inject({ method: 'POST', url: '/api/session', payload: { token: 'not-the-token-0123456789' } });
      const missing = await app.inject({ method: 'POST', url: '/api/session', payload: {} });

      expect(wrong.statusCode).toBe(403);
      expect(wrong.json()).toEqual(errorBody.forbidden);
      expect(wrong.headers['set-cookie']).toBeUndefined();
      expect(missing.statusCode).toBe(400);
      expect(missing.json()).toEqual({ ...errorBody.invalidRequest, details: { token: expect.any(String) } });
    });
  });

  describe('GET /api/metrics/stream', () => {
    it('should send retry advice and a snapshot at once, with the anti-buffering headers', async () => {
      const { url } = await start({}, true);

      const feed = await SseReader.open(`${url}/api/metrics/stream`);
      const first = await feed.next((m) => m.event === 'snapshot');
      feed.close();

      expect(feed.status).toBe(200);
      expect(feed.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(feed.headers['cache-control']).toBe('no-cache, no-transform');
      expect(feed.headers['x-accel-buffering']).toBe('no');
      expect(feed.messages[0].retry).toBeGreaterThan(0);
      expect(snapshotOf(first.data).totals.requests).toBe(0);
    });

    it('should push a new snapshot within a second of an event', async () => {
      const { app, url } = await start({}, true);
      const feed = await SseReader.open(`${url}/api/metrics/stream`);
      await feed.next((m) => m.event === 'snapshot');
      const from = feed.messages.length;

      const sentAt = Date.now();
      await postEvent(app, { content: 'hi' });
      const update = await feed.next((m) => m.event === 'snapshot' && snapshotOf(m.data).totals.requests === 1, from, 1500);
      feed.close();

      expect(snapshotOf(update.data).totals.requests).toBe(1);
      expect(Date.now() - sentAt).toBeLessThan(1000);
    });

    it('should need credentials when auth is on, and accept the session cookie', async () => {
      const { app, url } = await start({ AI_TICKET_AUTH_TOKEN: TOKEN }, true);
      const cookie = String((await app.inject({ method: 'POST', url: '/api/session', payload: { token: TOKEN } })).headers['set-cookie']).split(';')[0];

      const refused = await SseReader.open(`${url}/api/metrics/stream`);
      const accepted = await SseReader.open(`${url}/api/metrics/stream`, { cookie });
      await accepted.next((m) => m.event === 'snapshot');
      refused.close();
      accepted.close();

      expect(refused.status).toBe(401);
      expect(accepted.status).toBe(200);
    });

    it('should release everything a departed client held, over 200 connect/disconnect cycles', async () => {
      const { app, url } = await start({}, true);
      const broadcaster = app.get(SnapshotBroadcaster);
      const server = app.getHttpServer();
      const cycle = async () => {
        const feed = await SseReader.open(`${url}/api/metrics/stream`);
        await feed.next((m) => m.event === 'snapshot');
        feed.close();
      };
      for (let i = 0; i < 20; i += 1) await cycle();
      await waitFor(() => broadcaster.clientCount === 0);
      forceGc();
      const heapBefore = process.memoryUsage().heapUsed;
      const listenersBefore = server.listenerCount('request') + server.listenerCount('connection');

      for (let i = 0; i < 200; i += 1) await cycle();
      await waitFor(() => broadcaster.clientCount === 0);
      forceGc();

      expect(broadcaster.clientCount).toBe(0);
      expect(server.listenerCount('request') + server.listenerCount('connection')).toBe(listenersBefore);
      // Measured after a full GC: a leak of 10 KiB per client would show as 2 MiB here.
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(2 * 1024 * 1024);
    }, 30_000);
  });

  describe('static files', () => {
    it('should redirect /dashboard relatively, so ingress sub-paths keep working', async () => {
      const { app } = await start();

      const res = await app.inject({ method: 'GET', url: '/dashboard' });

      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe('dashboard/');
    });

    it.each(['/dashboard/../package.json', '/dashboard/..%2fpackage.json', '/dashboard/%2e%2e/package.json', '/dashboard/..%5cpackage.json', '/dashboard/%252e%252e%252fpackage.json'])(
      'should not escape its folder for %s',
      async (url) => {
        const { app } = await start();

        const res = await app.inject({ method: 'GET', url });

        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.body).not.toContain('"devDependencies"');
      },
    );
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
