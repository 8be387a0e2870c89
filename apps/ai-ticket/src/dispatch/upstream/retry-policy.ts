import type { UpstreamFailure } from './upstream-failure';

export interface RetryPolicyOptions {
  maxRetries: number;
  baseMs: number;
  maxMs: number;
  random?: () => number;
}

/** Retries transient failures with capped exponential backoff and jitter, honouring `Retry-After`. */
export class RetryPolicy {
  private readonly random: () => number;

  constructor(private readonly options: RetryPolicyOptions) {
    this.random = options.random ?? Math.random;
  }

  /** Connection drops, 5xx, busy and 429 are worth another try; a timeout is not (it would only wait again). */
  isTransient(failure: UpstreamFailure): boolean {
    return ['connection', 'server', 'busy', 'rate-limited'].includes(failure.kind);
  }

  canRetry(failure: UpstreamFailure, retriesSoFar: number): boolean {
    return this.isTransient(failure) && retriesSoFar < this.options.maxRetries;
  }

  /** Delay before retry number `retriesSoFar + 1`: the upstream's advice if given, else backoff with "equal jitter". */
  delayMs(failure: UpstreamFailure, retriesSoFar: number): number {
    const advised = failure.details.retryAfterMs;
    if (advised !== undefined) return Math.min(advised, this.options.maxMs);
    const ceiling = Math.min(this.options.maxMs, this.options.baseMs * 2 ** retriesSoFar);
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }
}
