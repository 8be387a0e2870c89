import { BARE_PROXY, DIRECT, rowOf, type BenchResults, type MeasuredVariant } from './results';

export const MIN_RATE_RATIO = 0.5;
export const MAX_ADDED_MEDIAN_MS = 1;

/** One target's numbers against the direct baseline of the same run. */
export interface TargetHeadline {
  readonly requestsPerSecond: number;
  /** Requests per second via the target / direct, at the throughput connection count. */
  readonly rateRatio: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** 1-connection latency via the target minus direct. */
  readonly addedP50Ms: number;
  readonly addedP99Ms: number;
  /** 1-connection latency via the target / direct. */
  readonly p50Ratio: number;
  readonly p99Ratio: number;
  /** CPU time of the target's process per event at the throughput connection count, in µs (undefined without /proc). */
  readonly cpuPerEventUs: number | undefined;
}

/** One service configuration, with the verdict on the brief's targets. */
export interface VariantHeadline extends TargetHeadline {
  readonly variant: MeasuredVariant;
  readonly rateMet: boolean;
  readonly latencyMet: boolean;
}

/**
 * The ratios of one target (a variant, or the bare proxy) to direct, always at the production log level
 * (info); `process` names the target's process in the CPU shares.
 */
export function headlineOf(results: BenchResults, target: string, process: string): TargetHeadline {
  const direct = rowOf(results.latency, DIRECT);
  const throughput = rowOf(results.throughput, target);
  const rate = throughput.requestsPerSecond;
  const latency = rowOf(results.latency, target);
  const cpuPercent = throughput.cpu[process];
  return {
    requestsPerSecond: rate,
    rateRatio: rate / rowOf(results.throughput, DIRECT).requestsPerSecond,
    p50Ms: latency.p50Ms,
    p99Ms: latency.p99Ms,
    addedP50Ms: latency.p50Ms - direct.p50Ms,
    addedP99Ms: latency.p99Ms - direct.p99Ms,
    p50Ratio: latency.p50Ms / direct.p50Ms,
    p99Ratio: latency.p99Ms / direct.p99Ms,
    cpuPerEventUs: cpuPerEventUs(cpuPercent, rate),
  };
}

/** A process's share of one core over a run, divided by that run's rate: its CPU time per event, in µs. */
export function cpuPerEventUs(cpuPercent: number | undefined, requestsPerSecond: number): number | undefined {
  return cpuPercent === undefined ? undefined : ((cpuPercent / 100) * 1e6) / requestsPerSecond;
}

/** The ratios the brief sets targets for, per variant. */
export function variantHeadlines(results: BenchResults): VariantHeadline[] {
  return results.variants.map((variant) => {
    const headline = headlineOf(results, variant.target, variant.id);
    return { ...headline, variant, rateMet: headline.rateRatio >= MIN_RATE_RATIO, latencyMet: headline.addedP50Ms < MAX_ADDED_MEDIAN_MS };
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
  const bare = headlineOf(results, BARE_PROXY, BARE_PROXY);
  return variantHeadlines(results).map((h) => ({
    variant: h.variant,
    rateRatio: h.requestsPerSecond / bare.requestsPerSecond,
    addedP50Ms: h.p50Ms - bare.p50Ms,
    addedP99Ms: h.p99Ms - bare.p99Ms,
  }));
}
