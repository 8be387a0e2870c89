import { defaultCompletionFor } from './completion-text.util';
import { FakeUpstream } from './fake-upstream.server';
import { eventually, postJson, readUntilCut } from './fake-upstream.test-helper';

describe(FakeUpstream.name, () => {
  let upstream: FakeUpstream;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
  });
  afterEach(() => upstream.reset());
  afterAll(() => upstream.close());

  const chat = { model: 'any', messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi there' }] };

  describe('start', () => {
    it('should listen on an ephemeral 127.0.0.1 port by default', () => {
      expect(upstream.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });
  });

  describe('routes', () => {
    it.each(['/v1/chat/completions', '/chat/completions'])('should answer OpenAI chat on %s', async (path) => {
      const response = await postJson(`${upstream.url}${path}`, chat);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toEqual({
        id: expect.stringMatching(/^chatcmpl-/),
        object: 'chat.completion',
        created: expect.any(Number),
        model: 'koboldcpp/fake',
        choices: [{ index: 0, message: { role: 'assistant', content: 'echo: be brief\nhi there' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 4, completion_tokens: 5, total_tokens: 9 },
      });
    });

    it.each(['/v1/completions', '/completions'])('should answer OpenAI text completions on %s', async (path) => {
      const body = await (await postJson(`${upstream.url}${path}`, { prompt: 'once upon' })).json();
      expect(body).toEqual({
        id: expect.stringMatching(/^cmpl-/),
        object: 'text_completion',
        created: expect.any(Number),
        model: 'koboldcpp/fake',
        choices: [{ index: 0, text: 'echo: once upon', finish_reason: 'stop' }],
        usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 },
      });
    });

    it('should answer KoboldAI native generate', async () => {
      const body = await (await postJson(`${upstream.url}/api/v1/generate`, { prompt: 'hello', max_length: 5 })).json();
      expect(body).toEqual({ results: [{ text: defaultCompletionFor('hello'), finish_reason: 'stop' }] });
    });

    it('should answer an abort and record its genkey', async () => {
      const body = await (await postJson(`${upstream.url}/api/extra/abort`, { genkey: 'KCPP1' })).json();
      expect(body).toEqual({ success: 'true', done: 'true' });
      expect(upstream.requests.at(-1)).toMatchObject({ path: '/api/extra/abort', body: { genkey: 'KCPP1' } });
    });

    it('should count generations in perf', async () => {
      await postJson(`${upstream.url}/api/v1/generate`, { prompt: 'a' });
      await postJson(`${upstream.url}/v1/chat/completions`, chat);
      const perf = await (await fetch(`${upstream.url}/api/extra/perf`)).json();
      expect(perf).toEqual({ last_process: 0.1, last_eval: 0.2, last_token_count: 5, total_gens: 2, queue: 0, idle: 1, stop_reason: 1, uptime: expect.any(Number) });
    });

    it('should answer version and models', async () => {
      expect(await (await fetch(`${upstream.url}/api/extra/version`)).json()).toEqual({ result: 'KoboldCpp', version: '1.80' });
      const models = await (await fetch(`${upstream.url}/v1/models`)).json();
      expect(models).toEqual({ object: 'list', data: [expect.objectContaining({ id: 'koboldcpp/fake', object: 'model' })] });
    });

    it('should answer 404 JSON on an unknown path', async () => {
      const response = await fetch(`${upstream.url}/nowhere`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ detail: 'Not Found' });
    });

    it('should answer 405 on a wrong method without consuming the script', async () => {
      upstream.enqueue('/api/v1/generate', { kind: 'busy' });
      const response = await fetch(`${upstream.url}/api/v1/generate`);
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
      expect((await postJson(`${upstream.url}/api/v1/generate`, { prompt: 'x' })).status).toBe(503);
    });

    it('should answer 500 JSON to a body that is not JSON', async () => {
      const response = await fetch(`${upstream.url}/v1/chat/completions`, { method: 'POST', body: '{"messages": [' });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ detail: expect.objectContaining({ type: 'bad_input' }) });
    });
  });

  describe('recording', () => {
    it('should record every request in order with its parsed body', async () => {
      await postJson(`${upstream.url}/v1/chat/completions?trace=1`, chat, { headers: { 'content-type': 'application/json', 'x-test': 'yes' } });
      await fetch(`${upstream.url}/api/v1/generate`, { method: 'POST', body: 'not json' });
      expect(upstream.requests).toEqual([
        { method: 'POST', path: '/v1/chat/completions', headers: expect.objectContaining({ 'x-test': 'yes' }), body: chat, receivedAt: expect.any(Number) },
        { method: 'POST', path: '/api/v1/generate', headers: expect.any(Object), body: 'not json', receivedAt: expect.any(Number) },
      ]);
    });

    it('should resolve waitForRequests once enough requests arrived', async () => {
      const waiting = upstream.waitForRequests(2);
      await fetch(`${upstream.url}/api/extra/version`);
      await fetch(`${upstream.url}/api/extra/version`);
      await expect(waiting).resolves.toBeUndefined();
    });

    it('should reject waitForRequests on timeout', async () => {
      await expect(upstream.waitForRequests(1, 20)).rejects.toThrow('expected 1 request(s) within 20 ms, got 0');
    });
  });

  describe('close', () => {
    it('should resolve with a hanging request in flight and close its socket', async () => {
      const other = await FakeUpstream.start({ tokenIntervalMs: 5 });
      other.setDefault('/api/v1/generate', { kind: 'hang' });
      const pending = postJson(`${other.url}/api/v1/generate`, { prompt: 'x' });
      await other.waitForRequests(1);
      // Attach the expectation now: close() rejects the wait synchronously.
      const neverReached = expect(other.waitForRequests(99)).rejects.toThrow('FakeUpstream closed');
      expect(other.openConnections).toBe(1);
      await other.close();
      await expect(pending).rejects.toThrow('fetch failed');
      await neverReached;
      await expect(other.close()).resolves.toBeUndefined();
      await eventually(() => other.openConnections === 0);
      expect(other.abortedRequests).toBe(0);
    });

    it('should reset the connection of a request in flight, so the upstream looks gone', async () => {
      const other = await FakeUpstream.start({ slots: 1 });
      other.setDefault('/v1/chat/completions', { kind: 'delay', ms: 60_000, then: { kind: 'ok' } });
      const pending = postJson(`${other.url}/v1/chat/completions`, chat).then(
        () => undefined,
        (e: unknown) => e as Error & { cause?: { code?: string } },
      );
      await other.waitForRequests(1);
      await other.close();
      expect((await pending)?.cause?.code).toBe('ECONNRESET');
      expect(other.generationsInProgress).toBe(0);
      await expect(fetch(`${other.url}/api/extra/version`)).rejects.toThrow('fetch failed');
    });

    it('should reset a stream in progress', async () => {
      const other = await FakeUpstream.start();
      other.enqueue('/v1/chat/completions', { kind: 'stream', tokens: ['a', 'b'], intervalMs: 60_000 });
      const response = await postJson(`${other.url}/v1/chat/completions`, { ...chat, stream: true });
      const reading = readUntilCut(response);
      await eventually(() => other.generationsInProgress === 1);
      await other.close();
      const { text, error } = await reading;
      expect(text).toContain('"a"');
      expect((error as Error & { cause?: { code?: string } }).cause?.code).toBe('ECONNRESET');
    });

    it('should let a new fake take over the same port after a close', async () => {
      const gone = await FakeUpstream.start();
      await gone.close();
      const back = await FakeUpstream.start({ port: Number(new URL(gone.url).port) });
      try {
        expect(back.url).toBe(gone.url);
        expect((await fetch(`${back.url}/api/extra/version`)).status).toBe(200);
      } finally {
        await back.close();
      }
    });
  });
});
