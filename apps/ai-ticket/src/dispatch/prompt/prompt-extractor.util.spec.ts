import { extractPrompt } from './prompt-extractor.util';

/** `levels` JSON strings, each an object whose `prompt` is the next one; the innermost prompt is `text`. */
function nestedPromptJson(levels: number, text: string): string {
  let value = text;
  for (let i = 0; i < levels; i += 1) value = JSON.stringify({ prompt: value });
  return value;
}

describe(extractPrompt.name, () => {
  describe('plain text', () => {
    it('should return a string trimmed', () => {
      expect(extractPrompt('  Write a haiku about tea.\n')).toBe('Write a haiku about tea.');
    });

    it.each(['', '   ', '\n\t '])('should return undefined for the blank string %j', (blank) => {
      expect(extractPrompt(blank)).toBeUndefined();
    });

    it('should keep text that merely starts with "[" as the prompt', () => {
      expect(extractPrompt('[draft] fix the login page')).toBe('[draft] fix the login page');
    });

    it('should keep text that merely starts with "{" as the prompt', () => {
      expect(extractPrompt('{not json} explain this')).toBe('{not json} explain this');
    });
  });

  describe('JSON held in a string', () => {
    it('should read an object held in a string', () => {
      expect(extractPrompt(' {"prompt": "from json"} ')).toBe('from json');
    });

    it('should read a list held in a string', () => {
      expect(extractPrompt('["first", {"prompt": "second"}]')).toBe('first\nsecond');
    });

    it('should read chat messages held in a string', () => {
      expect(extractPrompt(JSON.stringify({ messages: [{ role: 'user', content: 'hello' }] }))).toBe('hello');
    });
  });

  describe('chat messages', () => {
    it('should join the user turns with newlines and ignore system and assistant turns', () => {
      const content = {
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: ' first question ' },
          { role: 'assistant', content: 'an answer' },
          { role: 'user', content: 'second question' },
        ],
      };

      expect(extractPrompt(content)).toBe('first question\nsecond question');
    });

    it('should read the text parts of OpenAI content parts', () => {
      const content = {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'describe' },
              { type: 'image_url', image_url: { url: 'https://example.test/cat.png' } },
              { type: 'text', text: 'this picture' },
            ],
          },
        ],
      };

      expect(extractPrompt(content)).toBe('describe\nthis picture');
    });

    it('should return undefined when there is no user turn', () => {
      const content = {
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'assistant', content: 'Hello!' },
        ],
      };

      expect(extractPrompt(content)).toBeUndefined();
    });

    it('should skip blank user turns and malformed messages', () => {
      const content = { messages: ['user', null, { role: 'user', content: '   ' }, { role: 'user', content: 42 }, { role: 'user', content: 'kept' }] };

      expect(extractPrompt(content)).toBe('kept');
    });

    it('should return undefined for an empty message list', () => {
      expect(extractPrompt({ messages: [] })).toBeUndefined();
    });
  });

  describe('objects', () => {
    it('should read `prompt`, trimmed', () => {
      expect(extractPrompt({ prompt: '  tell me a joke ' })).toBe('tell me a joke');
    });

    it.each([
      ['an empty object', {}],
      ['a blank prompt', { prompt: '  ' }],
      ['a non-string prompt', { prompt: 7 }],
      ['an object with other fields only', { text: 'not read' }],
    ])('should return undefined for %s', (_case, content) => {
      expect(extractPrompt(content)).toBeUndefined();
    });
  });

  describe('lists', () => {
    it('should join strings and objects with newlines', () => {
      const content = ['one', { prompt: 'two' }, { messages: [{ role: 'user', content: 'three' }] }];

      expect(extractPrompt(content)).toBe('one\ntwo\nthree');
    });

    it('should skip nested lists', () => {
      expect(extractPrompt(['kept', ['nested', 'skipped'], 'also kept'])).toBe('kept\nalso kept');
    });

    it('should skip items without a prompt', () => {
      expect(extractPrompt(['', {}, 3, null, 'only this'])).toBe('only this');
    });

    it('should return undefined for an empty list', () => {
      expect(extractPrompt([])).toBeUndefined();
    });

    it('should return undefined for a list with nothing usable', () => {
      expect(extractPrompt([[], '  ', {}])).toBeUndefined();
    });
  });

  describe('other values', () => {
    it.each([0, 42, null, undefined, true, false])('should return undefined for %p', (content) => {
      expect(extractPrompt(content)).toBeUndefined();
    });
  });

  describe('depth limit', () => {
    it('should read a prompt nested up to the depth limit', () => {
      expect(extractPrompt(nestedPromptJson(4, 'deep enough'))).toBe('deep enough');
    });

    it('should give up on a prompt nested beyond the depth limit', () => {
      expect(extractPrompt(nestedPromptJson(5, 'too deep'))).toBeUndefined();
    });
  });
});
