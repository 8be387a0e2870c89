import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { useFakeUpstreamApp } from './support/fake-upstream-app';

const CHAT = '/v1/chat/completions';
const TEXT = '/v1/completions';
const NATIVE = '/api/v1/generate';

/*
 * Field by field against OpenAI's API reference (platform.openai.com/docs/api-reference): the chat
 * completion object, the chat completion chunk, the (legacy) completion object, the model list and
 * the error object. Exact bodies, so a renamed or extra field fails here.
 */
const id = (prefix: string) => expect.stringMatching(new RegExp(`^${prefix}-[0-9a-f]{32}$`));
const created = expect.any(Number);

function post(app: NestFastifyApplication, url: string, payload: unknown) {
  return app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
}

/** The `data:` payloads of an SSE body, `[DONE]` kept as a string. */
function dataEvents(body: string): unknown[] {
  return body
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice('data: '.length))
    .map((data) => (data === '[DONE]' ? data : (JSON.parse(data) as unknown)));
}

describe('OpenAI API shapes', () => {
  // An app per test: the dispatcher remembers for a minute which upstream APIs answered 404.
  const fixture = useFakeUpstreamApp({ RATE_LIMIT_REQUESTS: '0' });
  let app: NestFastifyApplication;
  const upstream = () => fixture.upstream;

  beforeEach(async () => {
    app = await fixture.start({});
  });

  it('should answer the chat completion object', async () => {
    const res = await post(app, CHAT, { model: 'my-model', messages: [{ role: 'user', content: 'hi there' }] });

    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({
      id: id('chatcmpl'),
      object: 'chat.completion',
      created,
      model: 'my-model',
      choices: [{ index: 0, message: { role: 'assistant', content: 'echo: hi there', refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 },
    });
  });

  it('should answer the completion object', async () => {
    upstream().setDefault(CHAT, { kind: 'status', status: 404 });

    const res = await post(app, TEXT, { model: 'm', prompt: ['one prompt'] });

    expect(res.json()).toEqual({
      id: id('cmpl'),
      object: 'text_completion',
      created,
      model: 'm',
      choices: [{ text: 'echo: one prompt', index: 0, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 },
    });
  });

  it('should stream chat chunks: role first, finish reason last, usage chunk with include_usage, then [DONE]', async () => {
    upstream().enqueue(CHAT, { kind: 'stream', tokens: ['A', 'B'] });

    const res = await post(app, CHAT, { model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });

    const head = { id: id('chatcmpl'), object: 'chat.completion.chunk', created, model: 'm' };
    const choice = (delta: object, finish: string | null) => [{ index: 0, delta, logprobs: null, finish_reason: finish }];
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(dataEvents(res.body)).toEqual([
      { ...head, choices: choice({ role: 'assistant', content: '' }, null), usage: null },
      { ...head, choices: choice({ content: 'A' }, null), usage: null },
      { ...head, choices: choice({ content: 'B' }, null), usage: null },
      { ...head, choices: choice({}, 'stop'), usage: null },
      { ...head, choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } },
      '[DONE]',
    ]);
    expect(upstream().requests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('should stream text completion chunks without usage fields when usage was not asked for', async () => {
    upstream().setDefault(CHAT, { kind: 'status', status: 404 });
    upstream().enqueue(TEXT, { kind: 'stream', tokens: ['x'] });

    const res = await post(app, TEXT, { model: 'm', prompt: 'p', stream: true });

    const head = { id: id('cmpl'), object: 'text_completion', created, model: 'm' };
    expect(dataEvents(res.body)).toEqual([
      { ...head, choices: [{ text: 'x', index: 0, logprobs: null, finish_reason: null }] },
      { ...head, choices: [{ text: '', index: 0, logprobs: null, finish_reason: 'stop' }] },
      '[DONE]',
    ]);
  });

  it('should translate a chat to the KoboldAI native API when the upstream has no OpenAI API', async () => {
    upstream().setDefault(CHAT, { kind: 'status', status: 404 });
    upstream().setDefault(TEXT, { kind: 'status', status: 404 });

    const res = await post(app, CHAT, { model: 'm', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }], max_tokens: 8, stop: 'END' });

    expect(res.json()).toMatchObject({ object: 'chat.completion', choices: [{ message: { content: 'echo: System: Be brief.\nUser: hi\nAssistant:' }, finish_reason: 'stop' }] });
    expect(res.json()).not.toHaveProperty('usage');
    expect(upstream().requests.at(-1)).toMatchObject({ path: NATIVE, body: { prompt: 'System: Be brief.\nUser: hi\nAssistant:', max_length: 8, stop_sequence: ['END'] } });
  });

  it('should pass the upstream finish reason length through', async () => {
    upstream().enqueue(CHAT, { kind: 'status', status: 200, body: { choices: [{ message: { role: 'assistant', content: 'cut' }, finish_reason: 'length' }] } });

    const res = await post(app, CHAT, { model: 'm', messages: [{ role: 'user', content: 'hi' }] });

    expect(res.json()).toMatchObject({ choices: [{ finish_reason: 'length' }] });
  });

  it('should list the models in the list object', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/models' });

    expect(res.json()).toEqual({ object: 'list', data: [{ id: 'koboldcpp/fake', object: 'model', created, owned_by: 'koboldcpp' }] });
  });

  it("should fall back to KoboldAI's /api/v1/model when the upstream has no /v1/models", async () => {
    upstream().setDefault('/v1/models', { kind: 'status', status: 404 });

    const res = await app.inject({ method: 'GET', url: '/v1/models' });

    expect(res.json()).toEqual({ object: 'list', data: [{ id: 'koboldcpp/fake', object: 'model', created, owned_by: 'koboldcpp' }] });
  });

  it('should answer 503 when no upstream names its models', async () => {
    upstream().setDefault('/v1/models', { kind: 'status', status: 500 });
    upstream().setDefault('/api/v1/model', { kind: 'status', status: 500 });

    const res = await app.inject({ method: 'GET', url: '/v1/models' });

    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json()).toMatchObject({ error: { type: 'server_error', code: 'upstream_unavailable' } });
  });

  describe('errors', () => {
    const errorOf = (message: unknown, type: string, param: string | null, code: string) => ({ error: { message, type, param, code } });

    it('should answer a validation error with the error object and its param', async () => {
      const res = await post(app, CHAT, { model: 'm', messages: [{ role: 'user', content: 'hi' }], n: 2 });

      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(errorOf(expect.stringContaining("'n' must be 1"), 'invalid_request_error', 'n', 'invalid_request'));
    });

    it('should refuse stream_options without stream', async () => {
      const res = await post(app, CHAT, { model: 'm', messages: [{ role: 'user', content: 'hi' }], stream_options: { include_usage: true } });

      expect(res.json()).toEqual(errorOf(expect.any(String), 'invalid_request_error', 'stream_options', 'invalid_request'));
    });

    it('should refuse a missing model', async () => {
      const res = await post(app, TEXT, { prompt: 'hi' });

      expect(res.json()).toEqual(errorOf(expect.any(String), 'invalid_request_error', 'model', 'invalid_request'));
    });

    it("should answer a body that is not JSON in OpenAI's shape", async () => {
      const res = await post(app, CHAT, '{"model": ');

      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(errorOf('The request body is not valid JSON.', 'invalid_request_error', null, 'invalid_request'));
    });

    it("should answer a body that is not JSON by content type in OpenAI's shape", async () => {
      const res = await app.inject({ method: 'POST', url: CHAT, headers: { 'content-type': 'text/plain' }, payload: 'hello' });

      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(errorOf(expect.stringContaining('JSON'), 'invalid_request_error', null, 'invalid_request'));
    });

    it('should answer a body over the limit as a 400 request error with our payload_too_large code', async () => {
      const res = await post(app, CHAT, { model: 'm', messages: [{ role: 'user', content: 'x'.repeat(2_000_000) }] });

      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(errorOf(expect.any(String), 'invalid_request_error', null, 'payload_too_large'));
    });

    it("should answer an unknown /v1 path with 404 in OpenAI's shape", async () => {
      const res = await post(app, '/v1/embeddings', { model: 'm', input: 'x' });

      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(errorOf('No such endpoint: POST /v1/embeddings.', 'not_found_error', null, 'not_found'));
    });

    it('should answer an upstream failure as a 500 server error with our code', async () => {
      upstream().setDefault(CHAT, { kind: 'status', status: 401 });

      const res = await post(app, CHAT, { model: 'm', messages: [{ role: 'user', content: 'hi' }] });

      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual(errorOf(expect.any(String), 'server_error', null, 'api_authentication_error'));
    });
  });

  it('should count the calls as events in the metrics', async () => {
    await post(app, CHAT, { model: 'm', messages: [{ role: 'user', content: 'hi' }] });

    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;

    expect(metrics).toMatch(/ai_ticket_http_requests_total\{method="POST",route="\/v1\/chat\/completions",status_code="200"\} [1-9]/);
    expect(metrics).toMatch(/ai_ticket_events_total\{outcome="success",error_code="none"\} [1-9]/);
  });
});
