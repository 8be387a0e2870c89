import { BARE_PROXY, DIRECT, rowOf, type BenchResults, type MeasuredVariant } from './results';

export const MIN_RATE_RATIO = 0.5;
export const MAX_ADDED_MEDIAN_MS = 1;

/** One service configuration against the direct baseline of the same run. */
export interface VariantHeadline {
  readonly variant: MeasuredVariant;
  readonly requestsPerSecond: number;
  /** Requests per second via the service / direct, at the throughput connection count. */
  readonly rateRatio: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** 1-connection latency via the service minus direct. */
  readonly addedP50Ms: number;
  readonly addedP99Ms: number;
  /** 1-connection latency via the service / direct. */
  readonly p50Ratio: number;
  readonly p99Ratio: number;
  readonly rateMet: boolean;
  readonly latencyMet: boolean;
}

/** The ratios the brief sets targets for, per variant, always at the production log level (info). */
export function variantHeadlines(results: BenchResults): VariantHeadline[] {
  const directRate = rowOf(results.throughput, DIRECT).requestsPerSecond;
  const direct = rowOf(results.latency, DIRECT);
  return results.variants.map((variant) => {
    const rate = rowOf(results.throughput, variant.target).requestsPerSecond;
    const latency = rowOf(results.latency, variant.target);
    const addedP50Ms = latency.p50Ms - direct.p50Ms;
    return {
      variant,
      requestsPerSecond: rate,
      rateRatio: rate / directRate,
      p50Ms: latency.p50Ms,
      p99Ms: latency.p99Ms,
      addedP50Ms,
      addedP99Ms: latency.p99Ms - direct.p99Ms,
      p50Ratio: latency.p50Ms / direct.p50Ms,
      p99Ratio: latency.p99Ms / direct.p99Ms,
      rateMet: rate / directRate >= MIN_RATE_RATIO,
      latencyMet: addedP50Ms < MAX_ADDED_MEDIAN_MS,
    };
  });
}

/** "PASS", or what fell short of its target. */
export function verdict(headline: VariantHeadline): string {
  const misses = [headline.rateMet ? '' : `rate < ${MIN_RATE_RATIO} of direct`, headline.latencyMet ? '' : `added p50 >= ${MAX_ADDED_MEDIAN_MS} ms`].filter(Boolean);
  return misses.length === 0 ? 'PASS' : `FALL SHORT (${misses.join('; ')})`;
}

/** Time to first token via each streamed service target, added to the direct one. */
export function streamingHeadlines(results: BenchResults): { target: string; addedP50Ms: number; addedP99Ms: number }[] {
  const direct = rowOf(results.streaming, DIRECT);
  return results.streaming
    .filter((row) => row.target !== DIRECT)
    .map((row) => ({ target: row.target, addedP50Ms: row.firstTokenP50Ms - direct.firstTokenP50Ms, addedP99Ms: row.firstTokenP99Ms - direct.firstTokenP99Ms }));
}

/** Each variant against the calibration target: what our own per-request work costs beyond Node's minimum. */
export function bareProxyComparisons(results: BenchResults): { variant: MeasuredVariant; rateRatio: number; addedP50Ms: number; addedP99Ms: number }[] {
  const bareRate = rowOf(results.throughput, BARE_PROXY).requestsPerSecond;
  const bare = rowOf(results.latency, BARE_PROXY);
  return results.variants.map((variant) => {
    const latency = rowOf(results.latency, variant.target);
    return {
      variant,
      rateRatio: rowOf(results.throughput, variant.target).requestsPerSecond / bareRate,
      addedP50Ms: latency.p50Ms - bare.p50Ms,
      addedP99Ms: latency.p99Ms - bare.p99Ms,
    };
  });
}
