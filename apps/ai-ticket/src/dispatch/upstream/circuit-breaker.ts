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
    const permit = this.tryEnter();
    if (!permit) throw this.unavailable();
    return permit;
  }

  /** A permit to settle, or null when no request may pass now. */
  tryEnter(): CircuitPermit | null {
    const state = this.state;
    if (state === 'closed') return CLOSED_PERMIT;
    if (state === 'half-open' && !this.probeInFlight) {
      this.probeInFlight = true;
      this.options.onStateChange?.('half-open');
      return { probe: true };
    }
    return null;
  }

  /** Whether a request may pass now (without taking a permit). */
  admits(): boolean {
    const state = this.state;
    return state === 'closed' || (state === 'half-open' && !this.probeInFlight);
  }

  /** Fails fast without taking a permit (used before queueing). */
  assertNotOpen(): void {
    if (!this.admits()) throw this.unavailable();
  }

  /** Time until the next probe may pass (0 when requests pass now). */
  get cooldownLeftMs(): number {
    return this.admits() ? 0 : Math.max(0, this.options.cooldownMs - (this.now() - this.openedAt));
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
    return circuitOpenException(this.cooldownLeftMs);
  }
}

const CLOSED_PERMIT: CircuitPermit = Object.freeze({ probe: false });

/** `503 upstream_unavailable` while circuits are open; Retry-After says when the next probe may pass. */
export function circuitOpenException(cooldownLeftMs: number): AppException {
  return new AppException(ErrorCode.UpstreamUnavailable, 'The upstream is failing; requests are paused while it recovers.', {
    retryAfterSeconds: Math.max(1, Math.ceil(cooldownLeftMs / 1000)),
    details: { reason: 'circuit_open' },
  });
}
