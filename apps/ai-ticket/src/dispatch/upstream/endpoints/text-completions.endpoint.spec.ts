import { textCompletionsEndpoint } from './text-completions.endpoint';

describe('textCompletionsEndpoint', () => {
  const sut = textCompletionsEndpoint;

  describe('path', () => {
    it.each([true, false])('should be the completions path when stream is %p', (stream) => {
      expect(sut.path(stream)).toBe('/v1/completions');
    });
  });

  describe('body', () => {
    it('should send the prompt and omit unset sampling fields and model', () => {
      const body = sut.body({ prompt: 'hi' }, { stream: false });

      expect(body).toEqual({ prompt: 'hi', stream: false });
      expect(Object.keys(body).sort()).toEqual(['prompt', 'stream']);
    });

    it('should send every sampling field and the model when given', () => {
      const body = sut.body({ prompt: 'hi', maxTokens: 16, temperature: 1.2, topP: 0 }, { stream: true, model: 'mistral' });

      expect(body).toEqual({ model: 'mistral', prompt: 'hi', max_tokens: 16, temperature: 1.2, top_p: 0, stream_options: { include_usage: true }, stream: true });
    });
  });

  describe('completionOf', () => {
    it('should read the first choice text', () => {
      expect(sut.completionOf({ choices: [{ text: 'answer', finish_reason: 'stop' }] })).toBe('answer');
    });

    it('should read an empty text as an empty completion', () => {
      expect(sut.completionOf({ choices: [{ text: '' }] })).toBe('');
    });

    it.each([
      ['undefined', undefined],
      ['no choices', { results: [{ text: 'x' }] }],
      ['an empty choice list', { choices: [] }],
      ['a chat-shaped choice', { choices: [{ message: { content: 'x' } }] }],
      ['a non-string text', { choices: [{ text: 5 }] }],
    ])('should return undefined for %s', (_case, answer) => {
      expect(sut.completionOf(answer)).toBeUndefined();
    });
  });

  describe('streamEventOf', () => {
    it('should read the text of a chunk', () => {
      expect(sut.streamEventOf('{"choices":[{"text":"tok","finish_reason":null}]}')).toEqual({ kind: 'delta', text: 'tok' });
    });

    it('should ignore a chunk without text but keep its finish reason', () => {
      expect(sut.streamEventOf('{"choices":[{"finish_reason":"stop"}]}')).toEqual({ kind: 'ignore', details: { finishReason: 'stop' } });
    });

    it('should send the stop sequences', () => {
      expect(sut.body({ prompt: 'hi', stop: ['.'] }, { stream: false })).toEqual({ prompt: 'hi', stop: ['.'], stream: false });
    });

    it('should read [DONE] as the end', () => {
      expect(sut.streamEventOf('[DONE]')).toEqual({ kind: 'done' });
    });

    it.each([
      ['non-JSON', 'oops'],
      ['JSON without choices', '{"token":"x"}'],
    ])('should return undefined for %s', (_case, data) => {
      expect(sut.streamEventOf(data)).toBeUndefined();
    });
  });
});
