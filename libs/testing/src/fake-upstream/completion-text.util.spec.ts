import { countWordTokens, defaultCompletionFor, splitWordTokens } from './completion-text.util';

describe(splitWordTokens.name, () => {
  it('should split words keeping the whitespace before each', () => {
    expect(splitWordTokens('echo: hi there')).toEqual(['echo:', ' hi', ' there']);
  });

  it.each(['', '  lead and trail  ', 'multi\nline\ttext', '   '])('should re-join to exactly %j', (text) => {
    expect(splitWordTokens(text).join('')).toBe(text);
  });

  it('should count the tokens', () => {
    expect(countWordTokens('a b c')).toBe(3);
  });
});

describe(defaultCompletionFor.name, () => {
  it('should echo the prompt', () => {
    expect(defaultCompletionFor('hi')).toBe('echo: hi');
  });
});
