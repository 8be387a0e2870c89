import autocannon from 'autocannon';
import { PROMPT, type Target } from './targets';

/** One autocannon run, already checked for errors. */
export interface LoadRun {
  readonly requestsPerSecond: number;
  readonly requests: number;
  /** Every response time, in ms with sub-ms precision. */
  readonly latenciesMs: readonly number[];
}

/**
 * Loads `target` for `seconds` and throws if anything but a 2xx came back: a benchmark that
 * quietly counts fast errors as throughput is worse than none.
 */
export async function loadTarget(target: Target, connections: number, seconds: number): Promise<LoadRun> {
  const latenciesMs: number[] = [];
  const instance = autocannon({
    url: target.url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: target.body(PROMPT, false),
    timeout: 10,
  });
  // autocannon's own histogram keeps whole milliseconds, too coarse for sub-ms added latency.
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
    latenciesMs.push(responseTimeMs);
  });
  const result = await instance;
  const failures = { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, mismatches: result.mismatches };
  if (Object.values(failures).some((count) => count !== 0) || result.requests.total === 0) {
    throw new Error(
      `${target.name} at ${connections} connection(s): ${JSON.stringify(failures)} of ${result.requests.total} requests, ` +
        `status codes ${JSON.stringify(result.statusCodeStats)}`,
    );
  }
  return { requestsPerSecond: result.requests.total / result.duration, requests: result.requests.total, latenciesMs };
}
