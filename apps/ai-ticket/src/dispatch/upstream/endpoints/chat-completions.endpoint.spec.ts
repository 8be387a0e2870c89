import { chatCompletionsEndpoint } from './chat-completions.endpoint';

describe('chatCompletionsEndpoint', () => {
  const sut = chatCompletionsEndpoint;

  describe('path', () => {
    it.each([true, false])('should be the chat completions path when stream is %p', (stream) => {
      expect(sut.path(stream)).toBe('/v1/chat/completions');
    });
  });

  describe('body', () => {
    it('should send the prompt as one user message and omit unset sampling fields and model', () => {
      expect(sut.body({ prompt: 'hi' }, { stream: false })).toEqual({
        messages: [{ role: 'user', content: 'hi' }],
        stream: false,
      });
    });

    it('should not even carry keys for unset sampling fields', () => {
      const body = sut.body({ prompt: 'hi' }, { stream: true });

      expect(Object.keys(body).sort()).toEqual(['messages', 'stream']);
    });

    it('should send every sampling field and the model when given', () => {
      const body = sut.body({ prompt: 'hi', maxTokens: 32, temperature: 0, topP: 0.9 }, { stream: true, model: 'llama' });

      expect(body).toEqual({
        model: 'llama',
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 32,
        temperature: 0,
        top_p: 0.9,
        stream: true,
      });
    });

    it('should omit an empty model name', () => {
      expect(sut.body({ prompt: 'hi' }, { stream: false, model: '' })).not.toHaveProperty('model');
    });
  });

  describe('completionOf', () => {
    it('should read the first choice message content', () => {
      const answer = { choices: [{ message: { role: 'assistant', content: 'hello there' } }, { message: { content: 'second' } }] };

      expect(sut.completionOf(answer)).toBe('hello there');
    });

    it.each([
      ['null', null],
      ['a string', 'hello'],
      ['no choices', {}],
      ['an empty choice list', { choices: [] }],
      ['choices that is not a list', { choices: { message: { content: 'x' } } }],
      ['a choice without message', { choices: [{ text: 'x' }] }],
      ['a null content', { choices: [{ message: { content: null } }] }],
      ['a numeric content', { choices: [{ message: { content: 1 } }] }],
    ])('should return undefined for %s', (_case, answer) => {
      expect(sut.completionOf(answer)).toBeUndefined();
    });
  });

  describe('streamEventOf', () => {
    it('should read the delta content of a chunk', () => {
      expect(sut.streamEventOf('{"choices":[{"delta":{"content":"tok"},"finish_reason":null}]}')).toEqual({ kind: 'delta', text: 'tok' });
    });

    it('should ignore a role-only chunk', () => {
      expect(sut.streamEventOf('{"choices":[{"delta":{"role":"assistant"}}]}')).toEqual({ kind: 'ignore' });
    });

    it('should ignore a final chunk with an empty delta', () => {
      expect(sut.streamEventOf('{"choices":[{"delta":{},"finish_reason":"stop"}]}')).toEqual({ kind: 'ignore' });
    });

    it('should ignore a chunk with no choices (a usage chunk)', () => {
      expect(sut.streamEventOf('{"choices":[],"usage":{"total_tokens":3}}')).toEqual({ kind: 'ignore' });
    });

    it.each(['[DONE]', ' [DONE] '])('should read %j as the end', (data) => {
      expect(sut.streamEventOf(data)).toEqual({ kind: 'done' });
    });

    it.each([
      ['non-JSON', 'not json'],
      ['JSON without choices', '{"error":{"message":"boom"}}'],
      ['a JSON list', '[1]'],
    ])('should return undefined for %s', (_case, data) => {
      expect(sut.streamEventOf(data)).toBeUndefined();
    });
  });
});
