import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };

describe(backoffDelay.name, () => {
  describe('without jitter', () => {
    it('should double from the base delay', () => {
      expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, noJitter))).toEqual([1_000, 2_000, 4_000, 8_000]);
    });

    it('should never exceed the cap, even after a very long outage', () => {
      expect(backoffDelay(5, noJitter)).toBe(30_000);
      expect(backoffDelay(10_000, noJitter)).toBe(30_000);
    });

    it('should treat a negative or fractional attempt as a whole attempt from 0', () => {
      expect(backoffDelay(-3, noJitter)).toBe(1_000);
      expect(backoffDelay(1.9, noJitter)).toBe(2_000);
    });
  });

  describe('with jitter', () => {
    it('should spread the delay by the jitter fraction either way', () => {
      expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(1_600);
      expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0.5)).toBe(2_000);
      expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0.999999)).toBe(2_400);
    });

    it('should keep the jittered delay within the cap', () => {
      expect(backoffDelay(20, DEFAULT_BACKOFF, () => 0.999999)).toBe(30_000);
    });
  });
});
