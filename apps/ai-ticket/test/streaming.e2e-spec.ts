import { FakeUpstream, errorBody } from '@ai-ticket/testing';
import { streamEvent } from './support/sse-client';
import { postEvent, startTestApp, type TestApp } from './support/test-app';

const CHAT = '/v1/chat/completions';

describe('POST /event with stream: true', () => {
  let upstream: FakeUpstream;
  let sut: TestApp;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    sut = await startTestApp({ KOBOLDCPP_API_URL: upstream.url, UPSTREAM_MAX_RETRIES: '1', UPSTREAM_QUEUE_TIMEOUT_MS: '2000' }, { listen: true });
  });
  afterAll(async () => {
    await sut.close();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  it('should relay each token as an SSE event with the anti-buffering headers', async () => {
    upstream.enqueue(CHAT, { kind: 'stream', tokens: ['Hel', 'lo', ' world'] });

    const res = await streamEvent(sut.url, { content: 'hi', stream: true });

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.headers['cache-control']).toBe('no-cache, no-transform');
    expect(res.headers['x-accel-buffering']).toBe('no');
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(res.events.map((e) => e.data)).toEqual([
      { delta: 'Hel', done: false },
      { delta: 'lo', done: false },
      { delta: ' world', done: false },
      { delta: '', done: true },
    ]);
    expect(upstream.requests[0].body).toMatchObject({ stream: true });
  });

  it('should deliver the first token before the upstream has finished', async () => {
    upstream.enqueue(CHAT, { kind: 'stream', tokens: ['a', 'b', 'c', 'd', 'e'], intervalMs: 150 });

    const res = await streamEvent(sut.url, { content: 'hi', stream: true });

    const first = res.events[0];
    const last = res.events[res.events.length - 1];
    expect(first.data).toEqual({ delta: 'a', done: false });
    // Five tokens 150 ms apart: the first must arrive ~600 ms before the end, not with it.
    expect(last.at - first.at).toBeGreaterThanOrEqual(450);
  });

  it('should relay the native KoboldCPP stream (no [DONE] marker) when the OpenAI APIs are missing', async () => {
    upstream.setDefault(CHAT, { kind: 'status', status: 404 });
    upstream.setDefault('/v1/completions', { kind: 'status', status: 404 });
    upstream.enqueue('/api/extra/generate/stream', { kind: 'stream', tokens: ['na', 'tive'] });

    const res = await streamEvent(sut.url, { content: 'hi', stream: true });

    expect(res.events.map((e) => e.data)).toEqual([
      { delta: 'na', done: false },
      { delta: 'tive', done: false },
      { delta: '', done: true },
    ]);
    expect(upstream.requests.map((r) => r.path)).toEqual([CHAT, '/v1/completions', '/api/extra/generate/stream']);
    upstream.reset();
    // The catalog now skips the missing APIs for a while; clear it for the next tests.
    await sut.close();
    sut = await startTestApp({ KOBOLDCPP_API_URL: upstream.url, UPSTREAM_MAX_RETRIES: '1', UPSTREAM_QUEUE_TIMEOUT_MS: '2000' }, { listen: true });
  });

  it('should answer with an HTTP error, not a stream, when the upstream fails before streaming', async () => {
    upstream.setDefault(CHAT, { kind: 'status', status: 401 });

    const res = await streamEvent(sut.url, { content: 'hi', stream: true });

    expect(res.status).toBe(502);
    expect(JSON.parse(res.body)).toEqual({ ...errorBody.apiAuthenticationError, details: { endpoint: 'chat', upstreamStatus: 401 } });
  });

  it('should report a failure mid-stream as a final error event', async () => {
    upstream.enqueue(CHAT, { kind: 'stream', tokens: ['one', 'two', 'three'], dropAfter: 2 });

    const res = await streamEvent(sut.url, { content: 'hi', stream: true });

    expect(res.events.map((e) => e.data)).toEqual([
      { delta: 'one', done: false },
      { delta: 'two', done: false },
      { error: 'api_connection_error', message: expect.any(String), done: true },
    ]);
    expect(upstream.requests).toHaveLength(1);
  });

  describe('caller disconnect', () => {
    it('should abort the upstream stream and free the slot when the caller leaves mid-stream', async () => {
      upstream.enqueue(CHAT, { kind: 'stream', tokens: Array.from({ length: 50 }, (_, i) => `t${i} `), intervalMs: 40 });

      await streamEvent(sut.url, { content: 'hi', stream: true }, (event) => ((event.data as { delta: string }).delta === 't1 ' ? 'abort' : undefined));
      await waitFor(() => upstream.abortedRequests === 1);
      const next = await postEvent(sut.app, { content: 'after' });

      expect(upstream.abortedRequests).toBe(1);
      expect(next.statusCode).toBe(200);
    });

    it('should abort a pending non-streaming upstream request when the caller leaves', async () => {
      upstream.enqueue(CHAT, { kind: 'hang' });
      const controller = new AbortController();

      const call = fetch(`${sut.url}/event`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'hi' }),
        signal: controller.signal,
      }).catch((error: unknown) => error);
      await upstream.waitForRequests(1);
      controller.abort();
      await call;
      await waitFor(() => upstream.abortedRequests === 1);
      const next = await postEvent(sut.app, { content: 'after' });

      expect(upstream.abortedRequests).toBe(1);
      expect(next.statusCode).toBe(200);
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
