/**
 * Capped exponential backoff with jitter. Jitter matters here: after a gateway restart every open
 * dashboard reconnects at once, and identical delays would have them all retry in lock-step.
 */

export interface BackoffOptions {
  /** Delay before the first retry (attempt 0), in ms. */
  baseMs: number;
  /** No delay is ever longer than this, jitter included. */
  maxMs: number;
  /** Growth per attempt. */
  factor: number;
  /** Fraction of the delay randomised either way (0.2 = ±20 %). */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 30_000, factor: 2, jitter: 0.2 };

/** The delay before retry number `attempt` (0-based); `random` returns [0, 1) like Math.random. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const safeAttempt = Math.max(0, Math.floor(attempt));
  // Cap the exponent first so a long outage cannot overflow to Infinity.
  const raw = Math.min(options.maxMs, options.baseMs * options.factor ** Math.min(safeAttempt, 64));
  const spread = 1 - options.jitter + 2 * options.jitter * random();
  return Math.round(Math.min(options.maxMs, Math.max(0, raw * spread)));
}
