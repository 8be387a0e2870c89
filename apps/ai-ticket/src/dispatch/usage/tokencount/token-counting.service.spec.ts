import type { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { TokenCounting } from './token-counting.service';
import type { UpstreamTokenCounter } from './upstream-token-counter';

const config = (tokenCount: 'auto' | 'off') => ({ get: () => tokenCount }) as unknown as ConfigService<AppConfig, true>;

/** A tokenizer counting one token per character, or answering what `answer` says. */
function tokenizer(available = true, answer: (text: string) => Promise<number | undefined> = (text) => Promise.resolve(text.length)) {
  const asked: string[] = [];
  const counter = {
    available,
    count: (text: string) => {
      asked.push(text);
      return answer(text);
    },
  };
  return { counter: counter as unknown as UpstreamTokenCounter, asked };
}

describe(TokenCounting.name, () => {
  describe('count', () => {
    it('should count the prompt and the completion with the tokenizer', async () => {
      const sut = new TokenCounting(config('auto'));
      const { counter, asked } = tokenizer();

      await expect(sut.count(counter, 'prompt', 'done')).resolves.toEqual({ promptTokens: 6, completionTokens: 4 });
      expect(asked).toEqual(['prompt', 'done']);
    });

    it.each([
      ['tokencount is off', 'off' as const, true, true],
      ['no upstream answered', 'auto' as const, false, true],
      ['the upstream is known to lack tokencount', 'auto' as const, true, false],
    ])('should not ask when %s', (_case, mode, withTokenizer, available) => {
      const sut = new TokenCounting(config(mode));
      const { counter, asked } = tokenizer(available);

      expect(sut.count(withTokenizer ? counter : undefined, 'p', 'c')).toBeUndefined();
      expect(sut.enabled).toBe(mode === 'auto');
      expect(asked).toEqual([]);
    });

    it('should answer undefined when either count is missing', async () => {
      const sut = new TokenCounting(config('auto'));
      const { counter } = tokenizer(true, (text) => Promise.resolve(text === 'p' ? 3 : undefined));

      await expect(sut.count(counter, 'p', 'c')).resolves.toBeUndefined();
    });

    it('should answer undefined, never reject, when the tokenizer fails', async () => {
      const sut = new TokenCounting(config('auto'));
      const { counter } = tokenizer(true, () => Promise.reject(new Error('timeout')));

      await expect(sut.count(counter, 'p', 'c')).resolves.toBeUndefined();
    });

    it('should refuse new counts while four are running, and take them again once one ends', async () => {
      const sut = new TokenCounting(config('auto'));
      const releases: (() => void)[] = [];
      const { counter } = tokenizer(true, () => new Promise((resolve) => releases.push(() => resolve(1))));
      const running = [1, 2, 3, 4].map(() => sut.count(counter, 'p', 'c'));

      expect(sut.count(counter, 'p', 'c')).toBeUndefined();
      releases.splice(0, 2).forEach((release) => release());
      await running[0];
      const next = sut.count(counter, 'p', 'c');
      expect(next).toBeDefined();
      releases.forEach((release) => release());
      await Promise.all([...running, next]);
    });
  });
});
