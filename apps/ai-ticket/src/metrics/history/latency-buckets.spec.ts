import { LATENCY_BUCKET_BOUNDS_MS, LATENCY_BUCKET_COUNT, bucketIndex, estimatePercentile } from './latency-buckets';

/** Counts with `n` observations in the bucket of upper bound `le` (ms). */
const countsWith = (...entries: Array<[le: number, n: number]>) => {
  const counts = new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
  for (const [le, n] of entries) counts[LATENCY_BUCKET_BOUNDS_MS.indexOf(le)] += n;
  return counts;
};

describe('latency buckets', () => {
  describe(bucketIndex.name, () => {
    it.each([
      [0, 5],
      [5, 5],
      [5.01, 10],
      [99, 100],
      [100, 100],
      [60_000, 60_000],
      [60_001, Infinity],
      [Number.MAX_VALUE, Infinity],
    ])('should put %p ms in the bucket up to %p ms (bounds are inclusive)', (latencyMs, le) => {
      expect(LATENCY_BUCKET_BOUNDS_MS[bucketIndex(latencyMs)]).toBe(le);
    });

    it('should have increasing bounds ending with +Inf', () => {
      expect([...LATENCY_BUCKET_BOUNDS_MS].sort((a, b) => a - b)).toEqual(LATENCY_BUCKET_BOUNDS_MS);
      expect(LATENCY_BUCKET_BOUNDS_MS.at(-1)).toBe(Infinity);
    });
  });

  describe(estimatePercentile.name, () => {
    it('should answer 0 without observations', () => {
      expect(estimatePercentile(countsWith(), 50)).toBe(0);
    });

    it('should interpolate linearly inside the bucket holding the rank', () => {
      // 10 in (50, 100] and 10 in (100, 250]: the median is the top of the first, p75 the middle of the second.
      const counts = countsWith([100, 10], [250, 10]);

      expect(estimatePercentile(counts, 50)).toBe(100);
      expect(estimatePercentile(counts, 75)).toBe(175);
      expect(estimatePercentile(counts, 100)).toBe(250);
    });

    it('should start the first bucket at 0', () => {
      expect(estimatePercentile(countsWith([5, 4]), 50)).toBe(2.5);
    });

    it('should skip empty buckets', () => {
      expect(estimatePercentile(countsWith([10, 1], [1000, 1]), 50)).toBe(10);
      expect(estimatePercentile(countsWith([10, 1], [1000, 1]), 0)).toBe(5);
    });

    it('should answer the lower bound for the open-ended bucket', () => {
      expect(estimatePercentile(countsWith([100, 1], [Infinity, 99]), 99)).toBe(60_000);
    });

    it('should clamp p to 0..100', () => {
      const counts = countsWith([100, 10]);

      expect(estimatePercentile(counts, 150)).toBe(100);
      expect(estimatePercentile(counts, -5)).toBe(50);
    });
  });
});
