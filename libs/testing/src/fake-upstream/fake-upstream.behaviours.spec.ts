import { FakeUpstream } from './fake-upstream.server';
import { chatContent, eventually, postJson } from './fake-upstream.test-helper';

describe(FakeUpstream.name, () => {
  let upstream: FakeUpstream;
  const path = '/v1/chat/completions';
  const ask = (init?: RequestInit): Promise<Response> => postJson(`${upstream.url}${path}`, { messages: [{ role: 'user', content: 'q' }] }, init);

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
  });
  afterEach(() => upstream.reset());
  afterAll(() => upstream.close());

  describe('behaviours', () => {
    it('should answer ok with a scripted text in the route format', async () => {
      upstream.enqueue(path, { kind: 'ok', text: 'scripted' });
      expect(await chatContent(await ask())).toBe('scripted');
    });

    it('should answer a status with its body and headers', async () => {
      upstream.enqueue(path, { kind: 'status', status: 429, body: { error: 'slow down' }, headers: { 'retry-after': '1' } });
      const response = await ask();
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.json()).toEqual({ error: 'slow down' });
    });

    it('should give a status without a body a JSON detail', async () => {
      upstream.enqueue(path, { kind: 'status', status: 401 });
      const response = await ask();
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ detail: 'Unauthorized' });
    });

    it("should answer busy with KoboldCPP's 503 body and an optional retry-after", async () => {
      upstream.enqueue(path, { kind: 'busy' }, { kind: 'busy', retryAfterSeconds: 2 });
      const first = await ask();
      expect(first.status).toBe(503);
      expect(first.headers.get('retry-after')).toBeNull();
      expect(await first.json()).toEqual({ detail: { msg: 'Server is busy; please try again later.', type: 'service_unavailable' } });
      expect((await ask()).headers.get('retry-after')).toBe('2');
    });

    it('should answer malformed JSON with a JSON content type', async () => {
      upstream.enqueue(path, { kind: 'malformed' });
      const response = await ask();
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      const text = await response.text();
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
    });

    it('should answer valid JSON of the wrong shape', async () => {
      upstream.enqueue(path, { kind: 'wrong-shape' });
      const response = await ask();
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ unexpected: true });
    });

    it('should drop the connection without a response', async () => {
      upstream.enqueue(path, { kind: 'drop' });
      const error = (await ask().catch((e: unknown) => e)) as Error & { cause?: { code?: string } };
      expect(error.message).toBe('fetch failed');
      expect(error.cause?.code).toBe('ECONNRESET');
      expect(upstream.abortedRequests).toBe(0);
    });

    it('should hang until the client aborts, and count the abort', async () => {
      upstream.enqueue(path, { kind: 'hang' });
      const controller = new AbortController();
      const pending = ask({ signal: controller.signal });
      await upstream.waitForRequests(1);
      controller.abort();
      await expect(pending).rejects.toThrow('aborted');
      await eventually(() => upstream.abortedRequests === 1);
      expect(upstream.abortedRequests).toBe(1);
    });

    it('should delay, then behave as told', async () => {
      upstream.enqueue(path, { kind: 'delay', ms: 60, then: { kind: 'status', status: 502 } });
      const startedAt = performance.now();
      const response = await ask();
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(55);
      expect(response.status).toBe(502);
    });

    it('should clear a pending delay when the client leaves', async () => {
      const setSpy = jest.spyOn(global, 'setTimeout');
      const clearSpy = jest.spyOn(global, 'clearTimeout');
      try {
        upstream.enqueue(path, { kind: 'delay', ms: 60_000, then: { kind: 'ok' } });
        const controller = new AbortController();
        const pending = ask({ signal: controller.signal }).catch(() => undefined);
        await upstream.waitForRequests(1);
        const delayTimer = setSpy.mock.results[setSpy.mock.calls.findIndex(([, ms]) => ms === 60_000)]?.value as unknown;
        expect(delayTimer).toBeDefined();
        controller.abort();
        await pending;
        await eventually(() => upstream.abortedRequests === 1);
        expect(clearSpy).toHaveBeenCalledWith(delayTimer);
      } finally {
        setSpy.mockRestore();
        clearSpy.mockRestore();
      }
    });

    it('should keep answering normally once a behaviour is used up', async () => {
      upstream.enqueue(path, { kind: 'wrong-shape' });
      await ask();
      expect(await chatContent(await ask())).toBe('echo: q');
    });
  });
});
