import { AppException } from '@ai-ticket/errors';
import { parseTextRequest } from './text-request.parser';

describe(parseTextRequest.name, () => {
  it('should read a string prompt with max_tokens', () => {
    expect(parseTextRequest({ model: 'm', prompt: 'Once', max_tokens: 3, stop: ['.'] })).toEqual({
      generation: { prompt: 'Once', maxTokens: 3, stop: ['.'] },
      model: 'm',
      stream: false,
      includeUsage: false,
    });
  });

  it('should read a list holding one prompt', () => {
    expect(parseTextRequest({ model: 'm', prompt: ['Once'] }).generation.prompt).toBe('Once');
  });

  it('should not read max_completion_tokens, which the completions API does not have', () => {
    expect(parseTextRequest({ model: 'm', prompt: 'x', max_completion_tokens: 3 }).generation.maxTokens).toBeUndefined();
  });

  it.each([
    ['a batch of prompts', { model: 'm', prompt: ['a', 'b'] }, 'prompt'],
    ['token ids', { model: 'm', prompt: [1, 2, 3] }, 'prompt'],
    ['no prompt', { model: 'm' }, 'prompt'],
    ['best_of = 2', { model: 'm', prompt: 'x', best_of: 2 }, 'best_of'],
  ])('should refuse %s', (_case, body, param) => {
    expect(() => parseTextRequest(body)).toThrow(AppException);
    try {
      parseTextRequest(body);
    } catch (error) {
      expect((error as AppException).details).toEqual({ param });
    }
  });
});
