import { FakeUpstream } from '@ai-ticket/testing';
import OpenAI from 'openai';
import { startTestApp, type TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const CHAT = '/v1/chat/completions';
const TEXT = '/v1/completions';
const TOKEN = 'alpha-token-0123456789abcdef';

/** The official OpenAI SDK (a client we did not write) against the service and the fake KoboldCPP. */
describe('OpenAI SDK against /v1', () => {
  let upstream: FakeUpstream;
  let sut: TestApp;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    sut = await startTestApp({ KOBOLDCPP_API_URL: upstream.url, AI_TICKET_AUTH_TOKEN: TOKEN, RATE_LIMIT_REQUESTS: '0' }, { listen: true });
    client = new OpenAI({ baseURL: `${sut.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  });
  afterAll(async () => {
    await sut.close();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  describe('chat.completions.create', () => {
    it('should answer a chat completion, sending the messages and sampling fields upstream', async () => {
      const completion = await client.chat.completions.create({
        model: 'any-model',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: [{ type: 'text', text: 'Hello' }] },
        ],
        max_completion_tokens: 20,
        temperature: 0.5,
        top_p: 0.9,
        stop: ['\n\n'],
        user: 'someone',
        // An unknown vendor field is ignored, as OpenAI ignores it.
        ...({ kobold_url: 'http://evil.example' } as object),
      });

      expect(completion.choices[0].message.content).toBe('echo: Be brief.\nHello');
      expect(completion.model).toBe('any-model');
      expect(upstream.requests[0].body).toEqual({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello' },
        ],
        max_tokens: 20,
        temperature: 0.5,
        top_p: 0.9,
        stop: ['\n\n'],
        stream: false,
      });
    });

    it('should stream chunks that the SDK reads with for await', async () => {
      upstream.enqueue(CHAT, { kind: 'stream', tokens: ['Hel', 'lo'] });

      const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
      const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);

      expect(chunks.map((c) => c.choices[0].delta)).toEqual([{ role: 'assistant', content: '' }, { content: 'Hel' }, { content: 'lo' }, {}]);
      expect(chunks.map((c) => c.choices[0].finish_reason)).toEqual([null, null, null, 'stop']);
      expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    });

    it('should raise a failure after the stream started as an SDK error with our code', async () => {
      upstream.enqueue(CHAT, { kind: 'stream', tokens: ['one', 'two', 'three'], dropAfter: 2 });

      const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
      const texts: string[] = [];
      const failure = await (async () => {
        for await (const chunk of stream) texts.push(chunk.choices[0].delta.content ?? '');
      })().catch((e: unknown) => e);

      expect(texts).toEqual(['', 'one', 'two']);
      expect(failure).toBeInstanceOf(OpenAI.APIError);
      expect(failure).toMatchObject({ error: { code: 'api_connection_error', type: 'server_error' } });
    });

    it('should abort the upstream when the caller aborts mid-stream', async () => {
      upstream.enqueue(CHAT, { kind: 'stream', tokens: Array.from({ length: 50 }, (_, i) => `t${i} `), intervalMs: 40 });

      const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
      let seen = 0;
      for await (const chunk of stream) {
        if (chunk.choices[0].delta.content) seen += 1;
        if (seen === 2) stream.controller.abort();
      }
      await waitFor(() => upstream.abortedRequests === 1);

      expect(upstream.abortedRequests).toBe(1);
      expect(seen).toBe(2);
    });
  });

  describe('completions.create', () => {
    it('should answer a text completion', async () => {
      upstream.setDefault(CHAT, { kind: 'status', status: 404 });

      const completion = await client.completions.create({ model: 'm', prompt: 'Once upon', max_tokens: 5 });

      expect(completion.object).toBe('text_completion');
      expect(completion.choices[0].text).toBe('echo: Once upon');
      expect(upstream.requests.at(-1)?.path).toBe(TEXT);
    });

    it('should stream text completion chunks', async () => {
      upstream.enqueue(TEXT, { kind: 'stream', tokens: ['a', 'b'] });

      const stream = await client.completions.create({ model: 'm', prompt: 'x', stream: true });
      const texts: string[] = [];
      for await (const chunk of stream) texts.push(chunk.choices[0].text);

      expect(texts).toEqual(['a', 'b', '']);
    });
  });

  describe('models.list', () => {
    it("should list the upstream's models", async () => {
      const models = [];
      for await (const model of client.models.list()) models.push(model);

      expect(models).toEqual([{ id: 'koboldcpp/fake', object: 'model', created: expect.any(Number), owned_by: 'koboldcpp' }]);
    });
  });

  describe('errors', () => {
    it('should surface a missing token as AuthenticationError with our code', async () => {
      const anonymous = new OpenAI({ baseURL: `${sut.url}/v1`, apiKey: 'unused', maxRetries: 0, defaultHeaders: { authorization: null } });

      const error = await anonymous.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
      expect(error).toMatchObject({ status: 401, code: 'unauthorised', type: 'authentication_error', param: null });
    });

    it('should surface a wrong token as PermissionDeniedError with our code', async () => {
      const stranger = new OpenAI({ baseURL: `${sut.url}/v1`, apiKey: 'wrong-token-guess-12345', maxRetries: 0 });

      const error = await stranger.models.list().catch((e: unknown) => e);

      expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
      expect(error).toMatchObject({ status: 403, code: 'forbidden' });
    });

    it.each([
      ['n=2', { n: 2 }, 'n'],
      ['a bad role', { messages: [{ role: 'wizard', content: 'hi' }] }, 'messages[0].role'],
      ['a temperature above 2', { temperature: 3 }, 'temperature'],
      ['an image part', { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'http://x' } }] }] }, 'messages[0].content[0].type'],
      ['five stop sequences', { stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop'],
    ])('should refuse %s as BadRequestError with param', async (_case, fields, param) => {
      const body = { model: 'm', messages: [{ role: 'user', content: 'hi' }], ...fields } as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;

      const error = await client.chat.completions.create(body).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect(error).toMatchObject({ status: 400, code: 'invalid_request', type: 'invalid_request_error', param });
      expect(upstream.requests).toHaveLength(0);
    });
  });
});

describe('OpenAI SDK and the rate limit', () => {
  let upstream: FakeUpstream;
  let sut: TestApp;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    sut = await startTestApp({ KOBOLDCPP_API_URL: upstream.url, RATE_LIMIT_REQUESTS: '1', RATE_LIMIT_WINDOW_SECONDS: '60' }, { listen: true });
  });
  afterAll(async () => {
    await sut.close();
    await upstream.close();
  });

  it('should surface 429 as RateLimitError with our code and Retry-After', async () => {
    const client = new OpenAI({ baseURL: `${sut.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });

    const error = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', type: 'rate_limit_error' });
    expect(Number((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
