import { FakeUpstream } from './fake-upstream.server';
import { eventually, postJson } from './fake-upstream.test-helper';

const BUSY = { detail: { msg: 'Server is busy; please try again later.', type: 'service_unavailable' } };
const GENERATE = '/api/v1/generate';
const CHAT = '/v1/chat/completions';

describe(FakeUpstream.name, () => {
  let upstream: FakeUpstream;
  const post = (path: string, init?: RequestInit): Promise<Response> =>
    postJson(`${upstream.url}${path}`, path === CHAT ? { messages: [{ role: 'user', content: 'q' }] } : { prompt: 'q' }, init);
  const perf = async (): Promise<{ queue: number; idle: number }> => (await fetch(`${upstream.url}/api/extra/perf`)).json() as Promise<{ queue: number; idle: number }>;
  /** Starts a generation that hangs until the returned abort is called. */
  const hangingGeneration = async (path = GENERATE): Promise<() => Promise<void>> => {
    upstream.enqueue(path, { kind: 'hang' });
    const controller = new AbortController();
    const pending = post(path, { signal: controller.signal }).catch(() => undefined);
    await eventually(() => upstream.generationsInProgress === 1);
    return async () => {
      controller.abort();
      await pending;
      await eventually(() => upstream.generationsInProgress === 0);
    };
  };

  describe('with one slot', () => {
    beforeEach(async () => {
      upstream = await FakeUpstream.start({ slots: 1 });
    });
    afterEach(() => upstream.close());

    it('should refuse a generation beyond the slot at once with the busy 503, without consuming the script', async () => {
      const leave = await hangingGeneration();
      upstream.enqueue(GENERATE, { kind: 'ok', text: 'kept' });
      const refused = await post(GENERATE);
      expect(refused.status).toBe(503);
      expect(await refused.json()).toEqual(BUSY);
      await leave();
      expect(await (await post(GENERATE)).json()).toEqual({ results: [{ text: 'kept', finish_reason: 'stop' }] });
      expect(upstream).toMatchObject({ busyRefusals: 1, maxConcurrentGenerations: 1, servedGenerations: 1, generationsInProgress: 0 });
    });

    it('should share the slot between every generation route and keep answering the others', async () => {
      const leave = await hangingGeneration(CHAT);
      const statuses = await Promise.all(['/chat/completions', '/v1/completions', '/completions', GENERATE, '/api/extra/generate/stream'].map(async (p) => (await post(p)).status));
      expect(statuses).toEqual([503, 503, 503, 503, 503]);
      expect((await fetch(`${upstream.url}/api/extra/version`)).status).toBe(200);
      expect((await postJson(`${upstream.url}/api/extra/abort`, { genkey: 'k' })).status).toBe(200);
      await leave();
      expect(upstream.busyRefusals).toBe(5);
    });

    it('should report idle 0 in perf while a generation runs and 1 once it is over', async () => {
      expect(await perf()).toMatchObject({ queue: 0, idle: 1 });
      const leave = await hangingGeneration();
      expect(await perf()).toMatchObject({ queue: 0, idle: 0 });
      await leave();
      expect(await perf()).toMatchObject({ queue: 0, idle: 1 });
    });

    it('should hold the slot for the whole of a stream', async () => {
      upstream.enqueue(CHAT, { kind: 'stream', tokens: ['a', 'b', 'c'], intervalMs: 40 });
      const streaming = await post(CHAT);
      expect((await post(CHAT)).status).toBe(503);
      await streaming.text();
      await eventually(() => upstream.generationsInProgress === 0);
      expect((await post(CHAT)).status).toBe(200);
      expect(upstream.servedGenerations).toBe(2);
    });

    it('should hold the slot during a delay', async () => {
      upstream.enqueue(GENERATE, { kind: 'delay', ms: 80, then: { kind: 'ok' } });
      const delayed = post(GENERATE);
      await eventually(() => upstream.generationsInProgress === 1);
      expect((await post(GENERATE)).status).toBe(503);
      expect((await delayed).status).toBe(200);
    });

    it('should free the slot of a dropped connection without counting it served', async () => {
      upstream.enqueue(GENERATE, { kind: 'drop' });
      await expect(post(GENERATE)).rejects.toThrow('fetch failed');
      await eventually(() => upstream.generationsInProgress === 0);
      expect((await post(GENERATE)).status).toBe(200);
      expect(upstream.servedGenerations).toBe(1);
    });

    it('should never refuse requests sent one after another', async () => {
      for (let i = 0; i < 30; i += 1) expect((await post(i % 2 === 0 ? GENERATE : CHAT)).status).toBe(200);
      expect(upstream).toMatchObject({ busyRefusals: 0, servedGenerations: 30, maxConcurrentGenerations: 1 });
    });

    it('should reset the counters but not the generation in progress', async () => {
      const leave = await hangingGeneration();
      await post(GENERATE);
      upstream.reset();
      expect(upstream).toMatchObject({ busyRefusals: 0, servedGenerations: 0, generationsInProgress: 1, maxConcurrentGenerations: 1 });
      expect((await post(GENERATE)).status).toBe(503);
      await leave();
    });
  });

  describe('without slots', () => {
    beforeEach(async () => {
      upstream = await FakeUpstream.start();
    });
    afterEach(() => upstream.close());

    it('should accept every generation and still count them', async () => {
      upstream.setDefault(GENERATE, { kind: 'delay', ms: 50, then: { kind: 'ok' } });
      const statuses = await Promise.all([1, 2, 3].map(async () => (await post(GENERATE)).status));
      expect(statuses).toEqual([200, 200, 200]);
      expect(upstream).toMatchObject({ maxConcurrentGenerations: 3, busyRefusals: 0, servedGenerations: 3, generationsInProgress: 0 });
    });

    it('should not count a scripted non-200 answer as served', async () => {
      upstream.enqueue(GENERATE, { kind: 'status', status: 500 });
      await post(GENERATE);
      expect(upstream).toMatchObject({ servedGenerations: 0, maxConcurrentGenerations: 1 });
    });
  });

  describe('start', () => {
    it.each([{ slots: 0 }, { slots: 1.5 }, { generationDelayMs: -1 }])('should reject %j', async (options) => {
      await expect(FakeUpstream.start(options)).rejects.toThrow(RangeError);
    });
  });
});
