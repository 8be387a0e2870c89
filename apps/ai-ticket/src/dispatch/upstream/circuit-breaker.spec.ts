import { AppException, ErrorCode } from '@ai-ticket/errors';
import { CircuitBreaker, type CircuitPermit } from './circuit-breaker';

const THRESHOLD = 3;
const COOLDOWN_MS = 10_000;

describe(CircuitBreaker.name, () => {
  let sut: CircuitBreaker;
  let now: number;

  beforeEach(() => {
    now = 1_000_000;
    sut = new CircuitBreaker({ threshold: THRESHOLD, cooldownMs: COOLDOWN_MS, now: () => now });
  });

  function fail(times: number): void {
    for (let i = 0; i < times; i += 1) sut.failed(sut.enter());
  }

  function rejectionOf(action: () => unknown): AppException {
    try {
      action();
    } catch (error) {
      expect(error).toBeInstanceOf(AppException);
      return error as AppException;
    }
    throw new Error('expected the breaker to refuse');
  }

  /** Opens the circuit and lets the cool-down pass, so the next `enter()` is the probe. */
  function halfOpen(): void {
    fail(THRESHOLD);
    now += COOLDOWN_MS;
  }

  describe('enter', () => {
    it('should let requests through while closed', () => {
      expect(sut.enter()).toEqual({ probe: false });
      expect(sut.state).toBe('closed');
    });

    it('should stay closed below the threshold', () => {
      fail(THRESHOLD - 1);

      expect(sut.state).toBe('closed');
      expect(() => sut.enter()).not.toThrow();
    });

    it('should open after threshold consecutive failures', () => {
      fail(THRESHOLD);

      expect(sut.state).toBe('open');
    });

    it('should refuse with upstream_unavailable while open', () => {
      fail(THRESHOLD);
      now += 2_500;

      const error = rejectionOf(() => sut.enter());

      expect(error.code).toBe(ErrorCode.UpstreamUnavailable);
      expect(error.details).toEqual({ reason: 'circuit_open' });
      expect(error.retryAfterSeconds).toBe(8); // 7.5 s of cool-down left, rounded up
    });

    it('should advise at least one second just before the cool-down ends', () => {
      fail(THRESHOLD);
      now += COOLDOWN_MS - 1;

      expect(rejectionOf(() => sut.enter()).retryAfterSeconds).toBe(1);
    });

    it('should go half-open after the cool-down and let one probe through', () => {
      halfOpen();

      expect(sut.state).toBe('half-open');
      expect(sut.enter()).toEqual({ probe: true });
    });

    it('should let only one probe through at a time', () => {
      halfOpen();
      sut.enter();

      const error = rejectionOf(() => sut.enter());

      expect(error.code).toBe(ErrorCode.UpstreamUnavailable);
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(error.details).toEqual({ reason: 'circuit_open' });
    });
  });

  describe('succeeded', () => {
    it('should reset the count of consecutive failures', () => {
      fail(THRESHOLD - 1);
      sut.succeeded(sut.enter());
      fail(THRESHOLD - 1);

      expect(sut.state).toBe('closed');
    });

    it('should close the circuit when the probe succeeds', () => {
      halfOpen();
      sut.succeeded(sut.enter());

      expect(sut.state).toBe('closed');
      expect(sut.enter()).toEqual({ probe: false });
    });

    it('should need a full threshold of failures to re-open after a successful probe', () => {
      halfOpen();
      sut.succeeded(sut.enter());
      fail(THRESHOLD - 1);

      expect(sut.state).toBe('closed');
    });
  });

  describe('failed', () => {
    it('should re-open the circuit when the probe fails, for a whole new cool-down', () => {
      halfOpen();
      sut.failed(sut.enter());

      expect(sut.state).toBe('open');
      now += COOLDOWN_MS - 1;
      expect(sut.state).toBe('open');
      now += 1;
      expect(sut.state).toBe('half-open');
    });

    it('should free the probe slot when the probe fails', () => {
      halfOpen();
      sut.failed(sut.enter());
      now += COOLDOWN_MS;

      expect(sut.enter()).toEqual({ probe: true });
    });
  });

  describe('released', () => {
    it('should free the probe without changing the state', () => {
      halfOpen();
      const probe: CircuitPermit = sut.enter();
      sut.released(probe);

      expect(sut.state).toBe('half-open');
      expect(sut.enter()).toEqual({ probe: true });
    });

    it('should neither reset nor add to the count of failures', () => {
      fail(THRESHOLD - 1);
      sut.released(sut.enter());
      sut.failed(sut.enter());

      expect(sut.state).toBe('open');
    });

    it('should not count a released request towards opening', () => {
      fail(THRESHOLD - 1);
      sut.released(sut.enter());

      expect(sut.state).toBe('closed');
    });
  });

  describe('assertNotOpen', () => {
    it('should pass while closed', () => {
      expect(() => sut.assertNotOpen()).not.toThrow();
    });

    it('should refuse while open', () => {
      fail(THRESHOLD);

      expect(rejectionOf(() => sut.assertNotOpen()).code).toBe(ErrorCode.UpstreamUnavailable);
    });

    it('should pass when half-open with no probe in flight, without taking the probe', () => {
      halfOpen();

      expect(() => sut.assertNotOpen()).not.toThrow();
      expect(sut.enter()).toEqual({ probe: true });
    });

    it('should refuse when half-open with a probe in flight', () => {
      halfOpen();
      sut.enter();

      expect(rejectionOf(() => sut.assertNotOpen()).details).toEqual({ reason: 'circuit_open' });
    });
  });
});
