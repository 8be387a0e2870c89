import { FakeUpstream } from './fake-upstream.server';
import type { FinishedGeneration } from './fake-upstream.types';
import { eventually, postJson } from './fake-upstream.test-helper';

const CHAT = '/v1/chat/completions';
const GENERATE = '/api/v1/generate';

describe(FakeUpstream.name, () => {
  let upstream: FakeUpstream;
  let ended: FinishedGeneration[];

  beforeEach(async () => {
    upstream = await FakeUpstream.start({ slots: 1, generationDelayMs: 30 });
    ended = [];
    upstream.onGenerationEnd((generation) => ended.push(generation));
  });
  afterEach(() => upstream.close());

  describe('onGenerationEnd', () => {
    it('should report each generation with its prompt and when it held the slot', async () => {
      await postJson(`${upstream.url}${CHAT}`, { messages: [{ role: 'user', content: 'from a' }] });
      await postJson(`${upstream.url}${GENERATE}`, { prompt: 'from b' });
      await eventually(() => ended.length === 2);
      expect(ended.map(({ path, prompt, answeredOk }) => ({ path, prompt, answeredOk }))).toEqual([
        { path: CHAT, prompt: 'from a', answeredOk: true },
        { path: GENERATE, prompt: 'from b', answeredOk: true },
      ]);
      expect(ended[0].endedAt - ended[0].startedAt).toBeGreaterThanOrEqual(25);
      expect(ended[1].startedAt).toBeGreaterThanOrEqual(ended[0].endedAt);
    });

    it('should report a generation cut short, but not a busy refusal or an info route', async () => {
      upstream.enqueue(GENERATE, { kind: 'drop' });
      await postJson(`${upstream.url}${GENERATE}`, { prompt: 'q' }).catch(() => undefined);
      const held = postJson(`${upstream.url}${GENERATE}`, { prompt: 'q' });
      await eventually(() => upstream.generationsInProgress === 1);
      expect((await postJson(`${upstream.url}${GENERATE}`, { prompt: 'q' })).status).toBe(503);
      await fetch(`${upstream.url}/api/extra/perf`);
      await held;
      await eventually(() => ended.length === 2);
      expect(ended.map((generation) => generation.answeredOk)).toEqual([false, true]);
    });
  });
});
