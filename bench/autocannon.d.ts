// autocannon ships no types and @types/autocannon is not installed: this declares only what the bench uses.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Options {
      url: string;
      connections: number;
      /** Seconds. */
      duration?: number;
      /** Requests to send in all; when set, `duration` is ignored. */
      amount?: number;
      method?: 'GET' | 'POST';
      headers?: Record<string, string>;
      body?: string;
      /** Seconds before a request counts as a timeout. */
      timeout?: number;
    }

    interface Stats {
      average: number;
      mean: number;
      p50: number;
      p99: number;
      total: number;
    }

    interface Result {
      /** Seconds. */
      duration: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      resets: number;
      requests: Stats;
      latency: Stats;
      statusCodeStats: Record<string, { count: number }>;
    }

    /** Emits `response` (client, statusCode, bytes, responseTimeMs) for every answer; awaitable for the result. */
    interface Instance extends EventEmitter, PromiseLike<Result> {
      /** Ends the run early; the result covers what was sent so far. */
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
