import { FakeUpstream } from '@ai-ticket/testing';
import type { LoggerService } from '@nestjs/common';
import { drainAndClose } from '../src/health/graceful-shutdown';
import { startTestApp, type TestApp } from './support/test-app';

const silentLogger: LoggerService = { log: jest.fn(), warn: jest.fn(), error: jest.fn() };

describe('health and lifecycle', () => {
  let upstream: FakeUpstream;
  let sut: TestApp;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
  });
  afterAll(() => upstream.close());
  beforeEach(async () => {
    upstream.reset();
    sut = await startTestApp({ KOBOLDCPP_API_URL: upstream.url }, { listen: true });
  });
  afterEach(() => sut.app.close().catch(() => undefined));

  describe('probes', () => {
    it('should answer /health in the original shape', async () => {
      const res = await fetch(`${sut.url}/health`);

      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'healthy', shutdown_initiated: false });
    });

    it('should answer /healthz and /readyz when ready', async () => {
      expect((await fetch(`${sut.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${sut.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', inFlight: 0 });
    });

    it('should not depend on the upstream for liveness or readiness', async () => {
      upstream.setDefault('/v1/chat/completions', { kind: 'hang' });

      expect((await fetch(`${sut.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${sut.url}/readyz`)).status).toBe(200);
    });
  });

  describe('graceful shutdown', () => {
    it('should fail readiness at once, finish the in-flight request, then close', async () => {
      upstream.enqueue('/v1/chat/completions', { kind: 'delay', ms: 400, then: { kind: 'ok' } });
      const inFlight = fetch(`${sut.url}/event`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'slow one' }),
      });
      await upstream.waitForRequests(1);

      const shutdown = drainAndClose(sut.app, 5000, silentLogger);
      const readyDuringDrain = await fetch(`${sut.url}/readyz`);
      const healthDuringDrain = await (await fetch(`${sut.url}/health`)).json();
      const answer = await inFlight;
      await shutdown;

      expect(readyDuringDrain.status).toBe(503);
      expect(healthDuringDrain).toEqual({ status: 'healthy', shutdown_initiated: true });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ completion: 'echo: slow one' });
      expect(silentLogger.log).toHaveBeenLastCalledWith(expect.objectContaining({ msg: 'shutdown complete', drained: true }));
      await expect(fetch(`${sut.url}/healthz`)).rejects.toThrow();
    });

    it('should let an in-flight stream finish during the drain', async () => {
      upstream.enqueue('/v1/chat/completions', { kind: 'stream', tokens: ['a', 'b', 'c'], intervalMs: 100 });
      const stream = fetch(`${sut.url}/event`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'hi', stream: true }),
      });
      await upstream.waitForRequests(1);

      await drainAndClose(sut.app, 5000, silentLogger);
      const body = await (await stream).text();

      expect(body).toContain('"done":true');
      expect(body).not.toContain('"error"');
    });

    it('should stop waiting after the grace period', async () => {
      upstream.enqueue('/v1/chat/completions', { kind: 'hang' });
      void fetch(`${sut.url}/event`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'never answered' }),
      }).catch(() => undefined);
      await upstream.waitForRequests(1);

      const started = Date.now();
      await drainAndClose(sut.app, 200, silentLogger);

      expect(Date.now() - started).toBeLessThan(3000);
      expect(silentLogger.warn).toHaveBeenCalledWith(expect.objectContaining({ inFlight: 1 }));
    });
  });
});
