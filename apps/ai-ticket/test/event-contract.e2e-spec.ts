import { FakeUpstream, defaultCompletionFor, errorBody } from '@ai-ticket/testing';
import { postEvent, startTestApp, type TestApp } from './support/test-app';

describe('POST /event — request contract', () => {
  let upstream: FakeUpstream;
  let sut: TestApp;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    sut = await startTestApp({ KOBOLDCPP_API_URL: upstream.url, BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(async () => {
    await sut.close();
    await upstream.close();
  });
  beforeEach(() => upstream.reset());

  const promptSentUpstream = () => {
    const body = upstream.requests[0]?.body as { messages: Array<{ role: string; content: string }> };
    return body.messages[0].content;
  };

  describe('content forms', () => {
    it.each([
      ['a plain string', 'Write a haiku', 'Write a haiku'],
      ['a string holding a JSON object', JSON.stringify({ prompt: 'from json' }), 'from json'],
      ['a string holding a JSON list', JSON.stringify(['one', { prompt: 'two' }]), 'one\ntwo'],
      ['text that only looks like JSON', '[draft] fix the login page', '[draft] fix the login page'],
      [
        'OpenAI chat messages (user turns only)',
        { messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }, { role: 'assistant', content: 'hey' }, { role: 'user', content: 'again' }] },
        'hi\nagain',
      ],
      ['an object with prompt', { prompt: 'Summarise this' }, 'Summarise this'],
      ['a list of strings and objects', ['first', { prompt: 'second' }, { messages: [{ role: 'user', content: 'third' }] }], 'first\nsecond\nthird'],
    ])('should accept %s', async (_form, content, expectedPrompt) => {
      const res = await postEvent(sut.app, { content });

      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ completion: defaultCompletionFor(expectedPrompt) });
      expect(promptSentUpstream()).toBe(expectedPrompt);
    });

    it('should pass generation parameters upstream', async () => {
      const res = await postEvent(sut.app, { content: 'hi', max_tokens: 64, temperature: 0.2, top_p: 0.9 });

      expect(res.statusCode).toBe(200);
      expect(upstream.requests[0].body).toMatchObject({ max_tokens: 64, temperature: 0.2, top_p: 0.9, stream: false });
    });
  });

  describe('errors', () => {
    it.each([
      ['malformed JSON', '{"content": ', 400, errorBody.invalidRequest],
      ['an array body', '[1, 2]', 400, errorBody.invalidInputFormat],
      ['a string body', '"just text"', 400, errorBody.invalidInputFormat],
      ['a number body', '42', 400, errorBody.invalidInputFormat],
      ['a null body', 'null', 400, errorBody.invalidInputFormat],
      ['no content field', '{"text": "hi"}', 400, errorBody.missingContentField],
      ['empty content', '{"content": ""}', 422, errorBody.promptExtractionFailed],
      ['whitespace content', '{"content": "  \\n "}', 422, errorBody.promptExtractionFailed],
      ['an empty object', '{"content": {}}', 422, errorBody.promptExtractionFailed],
      ['an empty list', '{"content": []}', 422, errorBody.promptExtractionFailed],
      ['messages without a user turn', '{"content": {"messages": [{"role": "system", "content": "x"}]}}', 422, errorBody.promptExtractionFailed],
      ['a null content', '{"content": null}', 422, errorBody.promptExtractionFailed],
    ])('should reject %s', async (_case, payload, status, body) => {
      const res = await postEvent(sut.app, payload);

      expect(res.statusCode).toBe(status);
      expect(res.json()).toEqual(body);
      expect(upstream.requests).toHaveLength(0);
    });

    it('should reject out-of-range parameters with per-field details', async () => {
      const res = await postEvent(sut.app, { content: 'hi', max_tokens: 0, temperature: 5, top_p: '0.5' });

      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        ...errorBody.invalidRequest,
        details: { max_tokens: expect.any(String), temperature: expect.any(String), top_p: expect.any(String) },
      });
    });

    it('should refuse a kobold_url instead of following it', async () => {
      const res = await postEvent(sut.app, { content: 'hi', kobold_url: 'http://169.254.169.254/' });

      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ ...errorBody.invalidRequest, details: { kobold_url: expect.any(String) } });
      expect(upstream.requests).toHaveLength(0);
    });

    it('should refuse a URL inside the content object', async () => {
      const res = await postEvent(sut.app, { content: { prompt: 'hi', kobold_url: 'http://evil.example/' } });

      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ ...errorBody.invalidRequest, details: { 'content.kobold_url': expect.any(String) } });
    });

    it('should reject a body over BODY_LIMIT_BYTES with 413', async () => {
      const res = await postEvent(sut.app, { content: 'x'.repeat(4096) });

      expect(res.statusCode).toBe(413);
      expect(res.json()).toEqual(errorBody.payloadTooLarge);
    });

    it.each([
      ['text/plain', 'hello'],
      ['application/x-www-form-urlencoded', 'content=hello'],
    ])('should reject a %s body as invalid_request', async (contentType, payload) => {
      const res = await sut.app.inject({ method: 'POST', url: '/event', headers: { 'content-type': contentType }, payload });

      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(errorBody.invalidRequest);
    });

    it('should reject a request without a body as invalid_request', async () => {
      const res = await sut.app.inject({ method: 'POST', url: '/event' });

      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual(errorBody.invalidRequest);
    });

    it('should answer unknown routes with not_found', async () => {
      const res = await sut.app.inject({ method: 'GET', url: '/nope' });

      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(errorBody.notFound);
    });
  });

  describe('request id', () => {
    it('should echo an acceptable X-Request-Id in the header and error body', async () => {
      const res = await postEvent(sut.app, '[]', { 'x-request-id': 'build-42.step:7' });

      expect(res.headers['x-request-id']).toBe('build-42.step:7');
      expect(res.json()).toEqual({ ...errorBody.invalidInputFormat, requestId: 'build-42.step:7' });
    });

    it('should replace an unsafe X-Request-Id with a generated one', async () => {
      const res = await postEvent(sut.app, { content: 'hi' }, { 'x-request-id': 'bad id\nforged log line' });

      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
