import { FakeUpstream } from './fake-upstream.server';
import { parseSse, postJson } from './fake-upstream.test-helper';
import { fakeTokenIds } from './kobold-tokencount.format';

describe(`${FakeUpstream.name} usage and tokencount`, () => {
  let upstream: FakeUpstream;

  beforeEach(async () => {
    upstream = await FakeUpstream.start();
  });
  afterEach(() => upstream.close());

  const chat = { messages: [{ role: 'user', content: 'hi there' }] };
  const streamedChat = { ...chat, stream: true, stream_options: { include_usage: true } };
  const lastChunkOf = async (response: Response) => {
    const events = parseSse(await response.text());
    return JSON.parse(events.at(-2)!.data) as { choices: unknown[]; usage?: unknown };
  };

  describe('POST /api/extra/tokencount', () => {
    it("should answer KoboldCPP's value and ids, one token per character", async () => {
      const response = await postJson(`${upstream.url}/api/extra/tokencount`, { prompt: 'hi there' });

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ value: 8, ids: fakeTokenIds('hi there') });
      expect(upstream.requests).toEqual([expect.objectContaining({ method: 'POST', path: '/api/extra/tokencount', body: { prompt: 'hi there' } })]);
    });

    it('should count no prompt as 0', async () => {
      expect(await (await postJson(`${upstream.url}/api/extra/tokencount`, {})).json()).toEqual({ value: 0, ids: [] });
    });

    it('should answer 404 once switched off, and 200 again once switched on', async () => {
      upstream.offerTokenCount(false);
      const missing = await postJson(`${upstream.url}/api/extra/tokencount`, { prompt: 'x' });
      upstream.offerTokenCount(true);
      const back = await postJson(`${upstream.url}/api/extra/tokencount`, { prompt: 'x' });

      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ detail: 'Not Found' });
      expect(back.status).toBe(200);
    });

    it('should be back on after reset()', async () => {
      upstream.offerTokenCount(false).reportUsage(false);
      upstream.reset();

      expect((await postJson(`${upstream.url}/api/extra/tokencount`, { prompt: 'x' })).status).toBe(200);
      expect(await (await postJson(`${upstream.url}/v1/chat/completions`, chat)).json()).toHaveProperty('usage');
    });

    it('should not count as a generation', async () => {
      await postJson(`${upstream.url}/api/extra/tokencount`, { prompt: 'x' });

      expect(upstream.servedGenerations).toBe(0);
    });
  });

  describe('reportUsage', () => {
    it('should end a stream asked for usage with the usage chunk', async () => {
      const last = await lastChunkOf(await postJson(`${upstream.url}/v1/chat/completions`, streamedChat));

      expect(last).toMatchObject({ choices: [], usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 } });
    });

    it.each(['/v1/chat/completions', '/v1/completions'])('should omit usage from a %s answer once switched off', async (path) => {
      upstream.reportUsage(false);
      const body = (await (await postJson(`${upstream.url}${path}`, { ...chat, prompt: 'hi there' })).json()) as Record<string, unknown>;

      expect(body.choices).toHaveLength(1);
      expect(body).not.toHaveProperty('usage');
    });

    it('should omit the usage chunk from a stream once switched off', async () => {
      const off = await FakeUpstream.start({ reportUsage: false });
      try {
        const last = await lastChunkOf(await postJson(`${off.url}/v1/chat/completions`, streamedChat));

        expect(last).toMatchObject({ choices: [{ finish_reason: 'stop' }] });
        expect(last).not.toHaveProperty('usage');
      } finally {
        await off.close();
      }
    });
  });
});
