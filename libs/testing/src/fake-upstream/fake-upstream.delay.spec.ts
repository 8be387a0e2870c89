import { FakeUpstream } from './fake-upstream.server';
import { eventually, postJson } from './fake-upstream.test-helper';

const GENERATE = '/api/v1/generate';

describe(FakeUpstream.name, () => {
  let upstream: FakeUpstream;
  const generate = (): Promise<Response> => postJson(`${upstream.url}${GENERATE}`, { prompt: 'q' });
  const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
    const startedAt = performance.now();
    const result = await run();
    return [result, performance.now() - startedAt];
  };

  afterEach(() => upstream.close());

  describe('a default delay', () => {
    it('should delay every request, since a default is reused', async () => {
      upstream = await FakeUpstream.start();
      upstream.setDefault(GENERATE, { kind: 'delay', ms: 50, then: { kind: 'ok' } });
      for (let i = 0; i < 3; i += 1) {
        const [response, elapsedMs] = await timed(generate);
        expect(response.status).toBe(200);
        expect(elapsedMs).toBeGreaterThanOrEqual(45);
      }
    });
  });

  describe('generationDelayMs', () => {
    it('should delay every generation answer, scripted or not, holding the slot meanwhile', async () => {
      upstream = await FakeUpstream.start({ slots: 1, generationDelayMs: 60 });
      upstream.enqueue(GENERATE, { kind: 'status', status: 502 });
      const first = timed(generate);
      await eventually(() => upstream.generationsInProgress === 1);
      expect((await generate()).status).toBe(503);
      const [scripted, firstMs] = await first;
      expect(scripted.status).toBe(502);
      expect(firstMs).toBeGreaterThanOrEqual(55);
      const [normal, secondMs] = await timed(generate);
      expect(normal.status).toBe(200);
      expect(secondMs).toBeGreaterThanOrEqual(55);
    });

    it('should not delay the info routes', async () => {
      upstream = await FakeUpstream.start({ generationDelayMs: 5_000 });
      const [response, elapsedMs] = await timed(() => fetch(`${upstream.url}/api/extra/perf`));
      expect(response.status).toBe(200);
      expect(elapsedMs).toBeLessThan(1_000);
    });
  });
});
