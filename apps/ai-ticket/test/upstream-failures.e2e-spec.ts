import { FakeUpstream, errorBody } from '@ai-ticket/testing';
import { freePort as closedPort } from './support/free-port';
import { postEvent, startTestApp, type TestApp } from './support/test-app';

const CHAT = '/v1/chat/completions';
const COMPLETIONS = '/v1/completions';
const NATIVE = '/api/v1/generate';

describe('POST /event — upstream failures', () => {
  let upstream: FakeUpstream;
  let sut: TestApp;
  const paths = () => upstream.requests.map((r) => r.path);

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
  });
  afterAll(() => upstream.close());
  beforeEach(async () => {
    upstream.reset();
    sut = await startTestApp({ KOBOLDCPP_API_URL: upstream.url, UPSTREAM_MAX_RETRIES: '2', UPSTREAM_API_KEY: 'sk-upstream-secret' });
  });
  afterEach(() => sut.close());

  it('should send UPSTREAM_API_KEY as a bearer token', async () => {
    await postEvent(sut.app, { content: 'hi' });

    expect(upstream.requests[0].headers.authorization).toBe('Bearer sk-upstream-secret');
  });

  describe('error table', () => {
    it.each([
      ['5xx after retries', { kind: 'status', status: 500 }, 502, errorBody.apiServerError],
      ['429 after retries', { kind: 'status', status: 429, headers: { 'retry-after': '0' } }, 502, errorBody.apiRateLimited],
    ] as const)('should answer %s and retry UPSTREAM_MAX_RETRIES times', async (_case, behaviour, status, body) => {
      upstream.setDefault(CHAT, behaviour);
      upstream.setDefault(COMPLETIONS, behaviour);
      upstream.setDefault(NATIVE, behaviour);

      const res = await postEvent(sut.app, { content: 'hi' });

      expect(res.statusCode).toBe(status);
      expect(res.json()).toMatchObject(body);
      // 1 attempt + 2 retries in all, across the endpoints tried.
      expect(upstream.requests).toHaveLength(behaviour.kind === 'status' && behaviour.status === 500 ? 5 : 3);
    });

    it('should wait on a busy upstream without spending retries, then answer 503 upstream_busy when it stays busy', async () => {
      await sut.close();
      sut = await startTestApp({ KOBOLDCPP_API_URL: upstream.url, UPSTREAM_MAX_RETRIES: '1', UPSTREAM_RETRY_BASE_MS: '20', UPSTREAM_QUEUE_TIMEOUT_MS: '400' });
      upstream.setDefault(CHAT, { kind: 'busy' });

      const started = Date.now();
      const res = await postEvent(sut.app, { content: 'hi' });

      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ ...errorBody.upstreamUnavailable, details: { reason: 'upstream_busy' } });
      expect(res.headers['retry-after']).toBe('1');
      expect(Date.now() - started).toBeLessThan(1500);
      // Far more than 1 + UPSTREAM_MAX_RETRIES tries, all on the chat API: busy is not a failure of the API.
      expect(paths().length).toBeGreaterThan(3);
      expect(new Set(paths())).toEqual(new Set([CHAT]));
    });

    it.each([
      ['401', 401, errorBody.apiAuthenticationError],
      ['403', 403, errorBody.apiAuthenticationError],
      ['400', 400, errorBody.apiClientError],
      ['422', 422, errorBody.apiClientError],
    ])('should answer an upstream %s at once, without retry or fallback', async (_case, status, body) => {
      upstream.setDefault(CHAT, { kind: 'status', status, body: { detail: 'internal upstream detail' } });

      const res = await postEvent(sut.app, { content: 'hi' });

      expect(res.statusCode).toBe(502);
      expect(res.json()).toEqual({ ...body, details: { endpoint: 'chat', upstreamStatus: status } });
      expect(res.body).not.toContain('internal upstream detail');
      expect(paths()).toEqual([CHAT]);
    });

    it('should answer api_connection_error when the upstream is unreachable', async () => {
      await sut.close();
      sut = await startTestApp({ KOBOLDCPP_API_URL: `http://127.0.0.1:${await closedPort()}`, UPSTREAM_MAX_RETRIES: '1' });

      const res = await postEvent(sut.app, { content: 'hi' });

      expect(res.statusCode).toBe(502);
      expect(res.json()).toEqual({ ...errorBody.apiConnectionError, details: { endpoint: 'chat' } });
    });

    it('should answer api_connection_error when the upstream drops the connection', async () => {
      upstream.setDefault(CHAT, { kind: 'drop' });

      const res = await postEvent(sut.app, { content: 'hi' });

      expect(res.statusCode).toBe(502);
      expect(res.json()).toMatchObject(errorBody.apiConnectionError);
      expect(paths()).toEqual([CHAT, CHAT, CHAT]);
    });

    it.each([
      ['not JSON', { kind: 'malformed' }, errorBody.apiResponseFormatError],
      ['JSON of the wrong shape', { kind: 'wrong-shape' }, errorBody.apiResponseStructureError],
    ] as const)('should answer an upstream answer that is %s after trying every API', async (_case, behaviour, body) => {
      for (const path of [CHAT, COMPLETIONS, NATIVE]) upstream.setDefault(path, behaviour);

      const res = await postEvent(sut.app, { content: 'hi' });

      expect(res.statusCode).toBe(502);
      expect(res.json()).toEqual({ ...body, details: { endpoint: 'native' } });
      expect(paths()).toEqual([CHAT, COMPLETIONS, NATIVE]);
    });

    it('should answer upstream_timeout (504) when the upstream does not answer in time', async () => {
      await sut.close();
      sut = await startTestApp({ KOBOLDCPP_API_URL: upstream.url, UPSTREAM_TIMEOUT_MS: '300' });
      upstream.setDefault(CHAT, { kind: 'hang' });

      const started = Date.now();
      const res = await postEvent(sut.app, { content: 'hi' });

      expect(res.statusCode).toBe(504);
      expect(res.json()).toMatchObject(errorBody.upstreamTimeout);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(paths()).toEqual([CHAT]);
    });
  });

  describe('retries', () => {
    it('should recover from transient failures within the retry budget', async () => {
      upstream.enqueue(CHAT, { kind: 'status', status: 502 }, { kind: 'busy' });

      const res = await postEvent(sut.app, { content: 'hi' });

      expect(res.statusCode).toBe(200);
      expect(paths()).toEqual([CHAT, CHAT, CHAT]);
    });

    it.each([
      ['a 429', { kind: 'status', status: 429, headers: { 'retry-after': '1' } }],
      ['a busy answer', { kind: 'busy', retryAfterSeconds: 1 }],
    ] as const)('should wait as long as Retry-After advises before retrying %s', async (_case, behaviour) => {
      upstream.enqueue(CHAT, behaviour);
      await sut.close();
      sut = await startTestApp({ KOBOLDCPP_API_URL: upstream.url, UPSTREAM_RETRY_MAX_MS: '5000' });

      const res = await postEvent(sut.app, { content: 'hi' });

      expect(res.statusCode).toBe(200);
      const [first, second] = upstream.requests;
      expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(950);
    });
  });

  describe('fallback order', () => {
    it('should try chat, then completions, then the native API when the others are missing', async () => {
      upstream.setDefault(CHAT, { kind: 'status', status: 404 });
      upstream.setDefault(COMPLETIONS, { kind: 'status', status: 405 });

      const res = await postEvent(sut.app, { content: 'hi' });

      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ completion: 'echo: hi' });
      expect(paths()).toEqual([CHAT, COMPLETIONS, NATIVE]);
      expect(upstream.requests[2].body).toMatchObject({ prompt: 'hi' });
    });

    it('should remember missing APIs and go straight to the working one next time', async () => {
      upstream.setDefault(CHAT, { kind: 'status', status: 404 });
      await postEvent(sut.app, { content: 'first' });
      upstream.requests.length = 0;

      await postEvent(sut.app, { content: 'second' });

      expect(paths()).toEqual([COMPLETIONS]);
    });

    it('should fall back when an API keeps failing with 5xx', async () => {
      upstream.setDefault(CHAT, { kind: 'status', status: 500 });

      const res = await postEvent(sut.app, { content: 'hi' });

      expect(res.statusCode).toBe(200);
      expect(paths()).toEqual([CHAT, CHAT, CHAT, COMPLETIONS]);
    });

    it('should answer api_client_error when the upstream has none of the APIs', async () => {
      for (const path of [CHAT, COMPLETIONS, NATIVE]) upstream.setDefault(path, { kind: 'status', status: 404 });

      const res = await postEvent(sut.app, { content: 'hi' });

      expect(res.statusCode).toBe(502);
      expect(res.json()).toMatchObject(errorBody.apiClientError);
    });
  });

  describe('circuit breaker', () => {
    it('should open after consecutive failures, answer 503 with Retry-After, then probe and close', async () => {
      await sut.close();
      sut = await startTestApp({
        KOBOLDCPP_API_URL: upstream.url,
        UPSTREAM_MAX_RETRIES: '0',
        UPSTREAM_CIRCUIT_THRESHOLD: '2',
        UPSTREAM_CIRCUIT_COOLDOWN_MS: '300',
      });
      upstream.setDefault(CHAT, { kind: 'drop' });
      await postEvent(sut.app, { content: 'one' });
      await postEvent(sut.app, { content: 'two' });
      const sentWhileClosed = upstream.requests.length;

      const rejected = await postEvent(sut.app, { content: 'three' });

      expect(rejected.statusCode).toBe(503);
      expect(rejected.json()).toEqual({ ...errorBody.upstreamUnavailable, details: { reason: 'circuit_open' } });
      expect(rejected.headers['retry-after']).toBe('1');
      expect(upstream.requests).toHaveLength(sentWhileClosed);

      upstream.reset();
      await new Promise((resolve) => setTimeout(resolve, 350));
      const probe = await postEvent(sut.app, { content: 'four' });
      const after = await postEvent(sut.app, { content: 'five' });

      expect(probe.statusCode).toBe(200);
      expect(after.statusCode).toBe(200);
    });
  });

  describe('queue', () => {
    beforeEach(async () => {
      await sut.close();
      sut = await startTestApp({
        KOBOLDCPP_API_URL: upstream.url,
        UPSTREAM_CONCURRENCY: '1',
        UPSTREAM_QUEUE_SIZE: '1',
        UPSTREAM_QUEUE_TIMEOUT_MS: '2000',
      });
    });

    it('should serve one at a time, queue one, and refuse the overflow at once with 503', async () => {
      upstream.enqueue(CHAT, { kind: 'delay', ms: 300, then: { kind: 'ok' } });

      const first = postEvent(sut.app, { content: 'first' });
      await upstream.waitForRequests(1);
      const second = postEvent(sut.app, { content: 'second' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const overflow = await postEvent(sut.app, { content: 'third' });

      expect(overflow.statusCode).toBe(503);
      expect(overflow.json()).toEqual({ ...errorBody.upstreamUnavailable, details: { reason: 'queue_full' } });
      expect(overflow.headers['retry-after']).toBe('1');
      expect((await first).statusCode).toBe(200);
      expect((await second).statusCode).toBe(200);
      // Never more than one at the upstream: the second arrived only after the first was answered.
      expect(upstream.requests[1].receivedAt).toBeGreaterThanOrEqual(upstream.requests[0].receivedAt + 290);
    });

    it('should give up waiting after UPSTREAM_QUEUE_TIMEOUT_MS', async () => {
      await sut.close();
      sut = await startTestApp({ KOBOLDCPP_API_URL: upstream.url, UPSTREAM_QUEUE_TIMEOUT_MS: '100' });
      upstream.enqueue(CHAT, { kind: 'delay', ms: 400, then: { kind: 'ok' } });

      const first = postEvent(sut.app, { content: 'first' });
      await upstream.waitForRequests(1);
      const waited = await postEvent(sut.app, { content: 'second' });

      expect(waited.statusCode).toBe(503);
      expect(waited.json()).toEqual({ ...errorBody.upstreamUnavailable, details: { reason: 'queue_timeout' } });
      expect((await first).statusCode).toBe(200);
    });
  });
});
