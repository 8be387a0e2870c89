import { AppException, ErrorCode } from '@ai-ticket/errors';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failed requests that open the circuit. */
  threshold: number;
  /** How long the circuit stays open before one probe request is let through. */
  cooldownMs: number;
  now?: () => number;
  /** Called when the state a caller can observe changes (metrics). */
  onStateChange?: (state: CircuitState) => void;
}

export interface CircuitPermit {
  readonly probe: boolean;
}

/**
 * Stops sending to an upstream that keeps failing, so callers get a fast 503 instead of waiting on
 * timeouts, and the upstream gets room to recover. After the cool-down one probe decides.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private currentState: CircuitState = 'closed';
  private probeInFlight = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.currentState === 'open' && this.now() - this.openedAt >= this.options.cooldownMs) return 'half-open';
    return this.currentState;
  }

  /** Throws `upstream_unavailable` when no request may pass now; otherwise returns a permit to settle. */
  enter(): CircuitPermit {
    const state = this.state;
    if (state === 'closed') return { probe: false };
    if (state === 'half-open' && !this.probeInFlight) {
      this.probeInFlight = true;
      this.options.onStateChange?.('half-open');
      return { probe: true };
    }
    throw this.unavailable();
  }

  /** Fails fast without taking a permit (used before queueing). */
  assertNotOpen(): void {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.probeInFlight)) throw this.unavailable();
  }

  succeeded(permit: CircuitPermit): void {
    if (permit.probe) this.probeInFlight = false;
    this.failures = 0;
    if (this.currentState !== 'closed') this.options.onStateChange?.('closed');
    this.currentState = 'closed';
  }

  failed(permit: CircuitPermit): void {
    if (permit.probe) this.probeInFlight = false;
    this.failures += 1;
    if (permit.probe || this.failures >= this.options.threshold) {
      this.currentState = 'open';
      this.openedAt = this.now();
      this.options.onStateChange?.('open');
    }
  }

  /** The request ended for a reason that says nothing about the upstream's health (e.g. the caller left). */
  released(permit: CircuitPermit): void {
    if (permit.probe) this.probeInFlight = false;
  }

  private unavailable(): AppException {
    const remainingMs = Math.max(0, this.options.cooldownMs - (this.now() - this.openedAt));
    return new AppException(ErrorCode.UpstreamUnavailable, 'The upstream is failing; requests are paused while it recovers.', {
      retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)),
      details: { reason: 'circuit_open' },
    });
  }
}
