import { nativeGenerateEndpoint } from './native-generate.endpoint';

describe('nativeGenerateEndpoint', () => {
  const sut = nativeGenerateEndpoint;

  describe('path', () => {
    it('should use the generate path when not streaming', () => {
      expect(sut.path(false)).toBe('/api/v1/generate');
    });

    it('should use the extra stream path when streaming', () => {
      expect(sut.path(true)).toBe('/api/extra/generate/stream');
    });
  });

  describe('body', () => {
    it('should send only the prompt when no sampling field is set', () => {
      expect(sut.body({ prompt: 'hi' }, { stream: true, model: 'ignored' })).toEqual({ prompt: 'hi' });
    });

    it('should send max_length for maxTokens, with temperature and top_p', () => {
      const body = sut.body({ prompt: 'hi', maxTokens: 80, temperature: 0.3, topP: 0.5 }, { stream: false });

      expect(body).toEqual({ prompt: 'hi', max_length: 80, temperature: 0.3, top_p: 0.5 });
      expect(body).not.toHaveProperty('max_tokens');
    });

    it('should never send a model or a stream flag', () => {
      const body = sut.body({ prompt: 'hi' }, { stream: true, model: 'llama' });

      expect(body).not.toHaveProperty('model');
      expect(body).not.toHaveProperty('stream');
    });
  });

  describe('completionOf', () => {
    it('should read the first result text', () => {
      expect(sut.completionOf({ results: [{ text: 'native answer', finish_reason: 'stop' }] })).toBe('native answer');
    });

    it.each([
      ['null', null],
      ['an OpenAI answer', { choices: [{ text: 'x' }] }],
      ['an empty result list', { results: [] }],
      ['results that is not a list', { results: { text: 'x' } }],
      ['a non-string text', { results: [{ text: null }] }],
    ])('should return undefined for %s', (_case, answer) => {
      expect(sut.completionOf(answer)).toBeUndefined();
    });
  });

  describe('streamEventOf', () => {
    it('should read the token of an event', () => {
      expect(sut.streamEventOf('{"token":" world","finish_reason":null}')).toEqual({ kind: 'delta', text: ' world' });
    });

    it('should read an empty token as an empty delta with its finish reason', () => {
      expect(sut.streamEventOf('{"token":"","finish_reason":"stop"}')).toEqual({ kind: 'delta', text: '', details: { finishReason: 'stop' } });
    });

    it('should send the stop sequences as stop_sequence', () => {
      expect(sut.body({ prompt: 'hi', stop: ['###'] }, { stream: false })).toEqual({ prompt: 'hi', stop_sequence: ['###'] });
    });

    it.each([
      ['non-JSON', 'nope'],
      ['an OpenAI chunk', '{"choices":[{"text":"x"}]}'],
      ['a non-string token', '{"token":5}'],
    ])('should return undefined for %s', (_case, data) => {
      expect(sut.streamEventOf(data)).toBeUndefined();
    });
  });
});
