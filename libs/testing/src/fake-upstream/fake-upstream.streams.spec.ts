import { defaultCompletionFor } from './completion-text.util';
import { FakeUpstream } from './fake-upstream.server';
import { eventually, parseSse, postJson, readUntilCut, type SseEvent } from './fake-upstream.test-helper';

interface Chunk {
  object: string;
  choices: { index: number; delta?: { content?: string }; text?: string; finish_reason: string | null }[];
}

const chunksOf = (events: SseEvent[]): Chunk[] => events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data) as Chunk);
const nativeTokens = (events: SseEvent[]): string[] => events.map((e) => (JSON.parse(e.data) as { token: string }).token);

describe(FakeUpstream.name, () => {
  let upstream: FakeUpstream;
  const chatBody = { stream: true, messages: [{ role: 'user', content: 'tell me a story' }] };
  const expected = defaultCompletionFor('tell me a story');

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
  });
  afterEach(() => upstream.reset());
  afterAll(() => upstream.close());

  describe('streams', () => {
    it('should stream OpenAI chat chunks, a stop chunk and [DONE]', async () => {
      const response = await postJson(`${upstream.url}/v1/chat/completions`, chatBody);
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      const events = parseSse(await response.text());
      const chunks = chunksOf(events);
      expect(events.at(-1)).toEqual({ data: '[DONE]' });
      expect(chunks.slice(0, -1).map((c) => c.choices[0].delta?.content).join('')).toBe(expected);
      expect(chunks.slice(0, -1).every((c) => c.object === 'chat.completion.chunk' && c.choices[0].finish_reason === null)).toBe(true);
      expect(chunks.at(-1)).toMatchObject({ model: 'koboldcpp/fake', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
      expect(new Set(chunks.map((c) => (c as unknown as { id: string }).id)).size).toBe(1);
    });

    it('should stream OpenAI text chunks when asked', async () => {
      const response = await postJson(`${upstream.url}/v1/completions`, { prompt: 'p q', stream: true });
      const events = parseSse(await response.text());
      const chunks = chunksOf(events);
      expect(events.at(-1)).toEqual({ data: '[DONE]' });
      expect(chunks.every((c) => c.object === 'text_completion')).toBe(true);
      expect(chunks.map((c) => c.choices[0].text).join('')).toBe('echo: p q');
      expect(chunks.at(-1)?.choices[0].finish_reason).toBe('stop');
    });

    it('should stream native events with the stop on the last token and no [DONE]', async () => {
      const response = await postJson(`${upstream.url}/api/extra/generate/stream`, { prompt: 'hi there' });
      const events = parseSse(await response.text());
      expect(events.every((e) => e.event === 'message')).toBe(true);
      expect(nativeTokens(events)).toEqual(['echo:', ' hi', ' there']);
      expect(events.map((e) => (JSON.parse(e.data) as { finish_reason: string | null }).finish_reason)).toEqual([null, null, 'stop']);
    });

    it('should stream scripted tokens in the route format even without stream: true', async () => {
      upstream.enqueue('/api/v1/generate', { kind: 'stream', tokens: ['a', 'b'] });
      const events = parseSse(await (await postJson(`${upstream.url}/api/v1/generate`, { prompt: 'x' })).text());
      expect(nativeTokens(events)).toEqual(['a', 'b']);
    });

    it('should pace tokens by intervalMs', async () => {
      upstream.enqueue('/v1/chat/completions', { kind: 'stream', tokens: ['a', 'b', 'c'], intervalMs: 30 });
      const startedAt = performance.now();
      await (await postJson(`${upstream.url}/v1/chat/completions`, chatBody)).text();
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(55);
    });

    it('should send headers at once and the first token after firstTokenDelayMs', async () => {
      upstream.enqueue('/v1/chat/completions', { kind: 'stream', tokens: ['late'], firstTokenDelayMs: 80 });
      const startedAt = performance.now();
      const response = await postJson(`${upstream.url}/v1/chat/completions`, chatBody);
      const headersAfter = performance.now() - startedAt;
      const reader = response.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(headersAfter).toBeLessThan(60);
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(75);
      expect(first).toContain('"late"');
      await reader.cancel();
    });

    it('should cut the connection after dropAfter tokens', async () => {
      upstream.enqueue('/v1/chat/completions', { kind: 'stream', tokens: ['a', 'b', 'c', 'd'], dropAfter: 2 });
      const { text, error } = await readUntilCut(await postJson(`${upstream.url}/v1/chat/completions`, chatBody));
      expect(error).toBeDefined();
      expect(chunksOf(parseSse(text)).map((c) => c.choices[0].delta?.content)).toEqual(['a', 'b']);
      expect(text).not.toContain('[DONE]');
      expect(upstream.abortedRequests).toBe(0);
    });

    it('should stop streaming and count the abort when the client leaves', async () => {
      upstream.enqueue('/api/extra/generate/stream', { kind: 'stream', tokens: ['a', 'b', 'c'], intervalMs: 1_000 });
      const controller = new AbortController();
      const response = await postJson(`${upstream.url}/api/extra/generate/stream`, { prompt: 'x' }, { signal: controller.signal });
      await response.body!.getReader().read();
      controller.abort();
      await eventually(() => upstream.abortedRequests === 1);
      expect(upstream.abortedRequests).toBe(1);
    });
  });
});
