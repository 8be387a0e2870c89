import autocannon from 'autocannon';
import { PROMPT, type Target } from './targets';

/** One autocannon run, already checked for errors. */
export interface LoadRun {
  readonly requestsPerSecond: number;
  readonly requests: number;
  /** Every response time, in ms with sub-ms precision. */
  readonly latenciesMs: readonly number[];
}

function start(target: Target, connections: number, limit: { duration: number } | { amount: number }, timeoutSeconds = 10): autocannon.Instance {
  return autocannon({
    url: target.url,
    connections,
    ...limit,
    method: 'POST',
    headers: { ...target.headers, 'content-type': 'application/json' },
    body: target.body(PROMPT, false),
    timeout: timeoutSeconds,
  });
}

/**
 * Throws if anything but a 2xx came back: a benchmark that quietly counts fast errors as throughput
 * is worse than none.
 */
function assertClean(result: autocannon.Result, what: string): void {
  const failures = { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, mismatches: result.mismatches };
  if (Object.values(failures).some((count) => count !== 0) || result.requests.total === 0) {
    throw new Error(`${what}: ${JSON.stringify(failures)} of ${result.requests.total} requests, status codes ${JSON.stringify(result.statusCodeStats)}`);
  }
}

/** Loads `target` for `seconds` and throws if anything but a 2xx came back. */
export async function loadTarget(target: Target, connections: number, seconds: number): Promise<LoadRun> {
  const latenciesMs: number[] = [];
  const instance = start(target, connections, { duration: seconds });
  // autocannon's own histogram keeps whole milliseconds, too coarse for sub-ms added latency.
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
    latenciesMs.push(responseTimeMs);
  });
  const result = await instance;
  assertClean(result, `${target.name} at ${connections} connection(s)`);
  return { requestsPerSecond: result.requests.total / result.duration, requests: result.requests.total, latenciesMs };
}

/**
 * Sends exactly `amount` plain events to `target`, calling `onResponse` after each answer; stops at the
 * first non-2xx (or when `shouldStop` says so) and then throws, rather than finishing a doomed run.
 */
export async function sendRequests(
  target: Target,
  connections: number,
  amount: number,
  onResponse: () => void,
  options: { timeoutSeconds?: number; shouldStop?: () => boolean } = {},
): Promise<{ requests: number; seconds: number }> {
  const instance = start(target, connections, { amount }, options.timeoutSeconds);
  let firstBadStatus: number | undefined;
  instance.on('response', (_client: unknown, status: number) => {
    if ((status < 200 || status > 299) && firstBadStatus === undefined) {
      firstBadStatus = status;
      instance.stop();
    }
    onResponse();
    if (options.shouldStop?.()) instance.stop();
  });
  const result = await instance;
  const what = `${target.name}, ${amount} requests at ${connections} connections`;
  if (firstBadStatus !== undefined) throw new Error(`${what}: got HTTP ${firstBadStatus}; status codes ${JSON.stringify(result.statusCodeStats)}`);
  assertClean(result, what);
  return { requests: result.requests.total, seconds: result.duration };
}
