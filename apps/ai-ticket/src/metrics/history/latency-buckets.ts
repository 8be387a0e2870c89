/**
 * Upper bounds (ms, inclusive, like Prometheus's `le`) of the fixed latency buckets the history counts
 * per minute. Fixed so that minute aggregates from every replica and every minute add up bucket by
 * bucket; changing them needs a migration of the `history_minute` columns.
 */
export const LATENCY_BUCKET_BOUNDS_MS: readonly number[] = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, Infinity];

export const LATENCY_BUCKET_COUNT = LATENCY_BUCKET_BOUNDS_MS.length;

/** The bucket a latency falls in: the first whose upper bound is at least the latency. */
export function bucketIndex(latencyMs: number): number {
  for (let i = 0; i < LATENCY_BUCKET_COUNT - 1; i += 1) {
    if (latencyMs <= LATENCY_BUCKET_BOUNDS_MS[i]) return i;
  }
  return LATENCY_BUCKET_COUNT - 1;
}

/**
 * Estimates the `p`th percentile (0–100) from per-bucket counts (not cumulative), as Prometheus's
 * `histogram_quantile` does: find the bucket holding the rank, then interpolate linearly inside it,
 * assuming its observations are spread evenly. The open-ended last bucket answers its lower bound,
 * the only finite value it knows. No observations: 0.
 */
export function estimatePercentile(bucketCounts: readonly number[], p: number): number {
  const total = bucketCounts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return 0;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * total;
  let below = 0;
  for (let i = 0; i < bucketCounts.length; i += 1) {
    const count = bucketCounts[i];
    // Empty buckets cannot hold the rank (they would divide by zero below).
    if (count > 0 && below + count >= rank) {
      const lower = i === 0 ? 0 : LATENCY_BUCKET_BOUNDS_MS[i - 1];
      const upper = LATENCY_BUCKET_BOUNDS_MS[i];
      if (upper === Infinity) return lower;
      return lower + (upper - lower) * ((rank - below) / count);
    }
    below += count;
  }
  return 0;
}
