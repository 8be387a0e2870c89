import { DIRECT, VIA_SERVICE, rowOf, type BenchResults } from './results';

/** One number the service is judged by. `met` is undefined for numbers reported without a target. */
export interface Headline {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean | undefined;
}

export const MIN_RATE_RATIO = 0.5;
export const MAX_ADDED_MEDIAN_MS = 1;

/** The ratios the brief sets targets for, always against the production log level (info). */
export function headlinesOf(results: BenchResults): Headline[] {
  const rateRatio = rowOf(results.throughput, VIA_SERVICE).requestsPerSecond / rowOf(results.throughput, DIRECT).requestsPerSecond;
  const latencyDirect = rowOf(results.latency, DIRECT);
  const latencyService = rowOf(results.latency, VIA_SERVICE);
  const addedP50 = latencyService.p50Ms - latencyDirect.p50Ms;
  const addedP99 = latencyService.p99Ms - latencyDirect.p99Ms;
  const streamDirect = rowOf(results.streaming, DIRECT);
  const streamService = rowOf(results.streaming, VIA_SERVICE);
  return [
    {
      name: `Request rate via service / direct (${rowOf(results.throughput, DIRECT).connections} connections)`,
      value: rateRatio.toFixed(2),
      target: `>= ${MIN_RATE_RATIO.toFixed(2)}`,
      met: rateRatio >= MIN_RATE_RATIO,
    },
    { name: 'Added median latency (1 connection)', value: ms(addedP50), target: `< ${MAX_ADDED_MEDIAN_MS} ms`, met: addedP50 < MAX_ADDED_MEDIAN_MS },
    { name: 'Added p99 latency (1 connection)', value: ms(addedP99), target: '-', met: undefined },
    { name: 'Added median time to first token', value: ms(streamService.firstTokenP50Ms - streamDirect.firstTokenP50Ms), target: '-', met: undefined },
    { name: 'Added p99 time to first token', value: ms(streamService.firstTokenP99Ms - streamDirect.firstTokenP99Ms), target: '-', met: undefined },
  ];
}

export function verdict(headline: Headline): string {
  if (headline.met === undefined) return '';
  return headline.met ? 'PASS' : 'FALL SHORT';
}

function ms(value: number): string {
  return `${value.toFixed(3)} ms`;
}
