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
      const body = sut.body({ prompt: 'hi' }, { stream: false });

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
        stream_options: { include_usage: true },
        stream: true,
      });
    });

    it('should omit an empty model name', () => {
      expect(sut.body({ prompt: 'hi' }, { stream: false, model: '' })).not.toHaveProperty('model');
    });
  });

  describe('body with a conversation', () => {
    it('should send the messages, the stop sequences and, on a stream, always ask for usage', () => {
      const messages = [
        { role: 'system' as const, content: 'Be brief.' },
        { role: 'user' as const, content: 'hi' },
      ];

      expect(sut.body({ prompt: 'ignored', messages, stop: ['\n'] }, { stream: true })).toEqual({
        messages,
        stop: ['\n'],
        stream_options: { include_usage: true },
        stream: true,
      });
    });

    it('should not ask for usage without a stream', () => {
      expect(sut.body({ prompt: 'hi' }, { stream: false })).not.toHaveProperty('stream_options');
    });
  });

  describe('detailsOf', () => {
    it('should read the finish reason and usage', () => {
      const answer = { choices: [{ message: { content: 'x' }, finish_reason: 'length' }], usage: { prompt_tokens: 4, completion_tokens: 1 } };

      expect(sut.detailsOf(answer)).toEqual({ finishReason: 'length', usage: { promptTokens: 4, completionTokens: 1, totalTokens: 5 } });
    });

    it.each([
      ['no finish reason nor usage', { choices: [{ message: { content: 'x' } }] }],
      ['a usage with a negative count', { choices: [{}], usage: { prompt_tokens: -1, completion_tokens: 1 } }],
    ])('should return undefined for %s', (_case, answer) => {
      expect(sut.detailsOf(answer)).toBeUndefined();
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

    it('should ignore the text of a final chunk with an empty delta but keep its finish reason', () => {
      expect(sut.streamEventOf('{"choices":[{"delta":{},"finish_reason":"stop"}]}')).toEqual({ kind: 'ignore', details: { finishReason: 'stop' } });
    });

    it('should read the usage of a usage chunk', () => {
      expect(sut.streamEventOf('{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}')).toEqual({
        kind: 'ignore',
        details: { usage: { promptTokens: 3, completionTokens: 2, totalTokens: 5 } },
      });
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
