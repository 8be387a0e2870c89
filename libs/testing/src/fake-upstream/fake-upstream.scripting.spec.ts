import { FakeUpstream } from './fake-upstream.server';
import { chatContent, postJson } from './fake-upstream.test-helper';

describe(FakeUpstream.name, () => {
  let upstream: FakeUpstream;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
  });
  afterEach(() => upstream.reset());
  afterAll(() => upstream.close());

  describe('scripting', () => {
    const generate = (): Promise<Response> => postJson(`${upstream.url}/api/v1/generate`, { prompt: 'p' });

    it('should play enqueued behaviours in order, then fall back to the route', async () => {
      upstream.enqueue('/api/v1/generate', { kind: 'status', status: 500 }, { kind: 'busy' });
      const statuses = [(await generate()).status, (await generate()).status, (await generate()).status];
      expect(statuses).toEqual([500, 503, 200]);
    });

    it('should apply a default until reset, with queued behaviours first', async () => {
      upstream.setDefault('/api/v1/generate', { kind: 'status', status: 401 }).enqueue('/api/v1/generate', { kind: 'ok', text: 'queued' });
      expect(await (await generate()).json()).toEqual({ results: [{ text: 'queued', finish_reason: 'stop' }] });
      expect([(await generate()).status, (await generate()).status]).toEqual([401, 401]);
      upstream.reset();
      expect((await generate()).status).toBe(200);
    });

    it('should scope behaviours to their path', async () => {
      upstream.enqueue('/v1/completions', { kind: 'status', status: 500 });
      expect((await generate()).status).toBe(200);
    });

    it('should answer a scripted unknown path, then 404 again', async () => {
      upstream.enqueue('/custom', { kind: 'ok', text: 'custom' });
      const first = await postJson(`${upstream.url}/custom`, {});
      expect(await chatContent(first)).toBe('custom');
      expect((await fetch(`${upstream.url}/custom`)).status).toBe(404);
    });

    it('should reset recorded requests and counters', async () => {
      await generate();
      upstream.reset();
      expect(upstream.requests).toEqual([]);
      expect(upstream.abortedRequests).toBe(0);
      expect(await (await fetch(`${upstream.url}/api/extra/perf`)).json()).toMatchObject({ total_gens: 0 });
    });
  });
});
