import { RateLimitStore, type WindowCount } from './rate-limit.store';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const TTL_MS = 60_000;
const LIMIT = 5;

/** Answers `count` with a canned window, to test the translation the base class does. */
class CannedRateLimitStore extends RateLimitStore {
  next: WindowCount = { hits: 1, windowEndsAt: NOW + TTL_MS };
  readonly calls: Array<{ key: string; windowMs: number }> = [];

  async count(key: string, windowMs: number): Promise<WindowCount> {
    this.calls.push({ key, windowMs });
    return this.next;
  }

  async ping(): Promise<void> {}

  async sweepExpired(): Promise<number> {
    return 0;
  }
}

describe(RateLimitStore.name, () => {
  let sut: CannedRateLimitStore;

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
    sut = new CannedRateLimitStore();
  });

  afterEach(() => jest.useRealTimers());

  const increment = () => sut.increment('ip:203.0.113.7', TTL_MS, LIMIT, TTL_MS, 'default');

  describe('increment', () => {
    it('should count under <throttlerName>:<key> with the ttl as the window', async () => {
      await sut.increment('client:ci-bot', 30_000, LIMIT, 0, 'burst');

      expect(sut.calls).toEqual([{ key: 'burst:client:ci-bot', windowMs: 30_000 }]);
    });

    it('should report the hits of the window', async () => {
      sut.next = { hits: 3, windowEndsAt: NOW + TTL_MS };

      expect((await increment()).totalHits).toBe(3);
    });

    it('should report the time left in whole seconds, rounded up', async () => {
      sut.next = { hits: 1, windowEndsAt: NOW + 1_500 };

      expect((await increment()).timeToExpire).toBe(2);
    });

    it('should report exactly the seconds left on a whole-second boundary', async () => {
      sut.next = { hits: 1, windowEndsAt: NOW + TTL_MS };

      expect((await increment()).timeToExpire).toBe(60);
    });

    it.each([
      ['a millisecond left', 1],
      ['the window ending now', 0],
      ['the window already ended', -5_000],
    ])('should report at least one second with %s', async (_case, offsetMs) => {
      sut.next = { hits: 1, windowEndsAt: NOW + offsetMs };

      expect((await increment()).timeToExpire).toBe(1);
    });

    it('should follow the clock between requests in the same window', async () => {
      sut.next = { hits: 1, windowEndsAt: NOW + TTL_MS };
      jest.advanceTimersByTime(45_200);

      expect((await increment()).timeToExpire).toBe(15);
    });

    it('should admit up to the limit, with no block time', async () => {
      sut.next = { hits: LIMIT, windowEndsAt: NOW + 10_000 };

      expect(await increment()).toEqual({ totalHits: LIMIT, timeToExpire: 10, isBlocked: false, timeToBlockExpire: 0 });
    });

    it('should block past the limit until the window ends', async () => {
      sut.next = { hits: LIMIT + 1, windowEndsAt: NOW + 10_000 };

      expect(await increment()).toEqual({ totalHits: LIMIT + 1, timeToExpire: 10, isBlocked: true, timeToBlockExpire: 10 });
    });

    it('should block for at least one second when the window has just ended', async () => {
      sut.next = { hits: LIMIT + 1, windowEndsAt: NOW - 1 };

      const record = await increment();

      expect(record.isBlocked).toBe(true);
      expect(record.timeToBlockExpire).toBe(1);
    });
  });
});
