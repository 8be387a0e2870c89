import { RetryPolicy, type RetryPolicyOptions } from './retry-policy';
import { UpstreamFailure, type UpstreamFailureKind } from './upstream-failure';

const OPTIONS: RetryPolicyOptions = { maxRetries: 2, baseMs: 100, maxMs: 1_000 };

function failure(kind: UpstreamFailureKind, retryAfterMs?: number): UpstreamFailure {
  return new UpstreamFailure(kind, 'test failure', { endpoint: 'chat', retryAfterMs });
}

describe(RetryPolicy.name, () => {
  let sut: RetryPolicy;

  describe('isTransient', () => {
    beforeEach(() => {
      sut = new RetryPolicy(OPTIONS);
    });

    it.each<UpstreamFailureKind>(['connection', 'server', 'busy', 'rate-limited'])('should treat %s as transient', (kind) => {
      expect(sut.isTransient(failure(kind))).toBe(true);
    });

    it.each<UpstreamFailureKind>(['timeout', 'auth', 'not-found', 'client', 'format', 'structure'])(
      'should not treat %s as transient',
      (kind) => {
        expect(sut.isTransient(failure(kind))).toBe(false);
      },
    );
  });

  describe('canRetry', () => {
    beforeEach(() => {
      sut = new RetryPolicy(OPTIONS);
    });

    it('should allow retries up to maxRetries', () => {
      expect(sut.canRetry(failure('server'), 0)).toBe(true);
      expect(sut.canRetry(failure('server'), 1)).toBe(true);
      expect(sut.canRetry(failure('server'), 2)).toBe(false);
    });

    it('should never retry a permanent failure', () => {
      expect(sut.canRetry(failure('auth'), 0)).toBe(false);
    });

    it('should never retry when maxRetries is 0', () => {
      sut = new RetryPolicy({ ...OPTIONS, maxRetries: 0 });

      expect(sut.canRetry(failure('connection'), 0)).toBe(false);
    });
  });

  describe('delayMs', () => {
    it('should honour the upstream Retry-After advice', () => {
      sut = new RetryPolicy({ ...OPTIONS, random: () => 0.5 });

      expect(sut.delayMs(failure('rate-limited', 700), 0)).toBe(700);
    });

    it('should cap the Retry-After advice at maxMs', () => {
      sut = new RetryPolicy(OPTIONS);

      expect(sut.delayMs(failure('busy', 60_000), 0)).toBe(1_000);
    });

    it('should honour a zero Retry-After', () => {
      sut = new RetryPolicy({ ...OPTIONS, random: () => 1 });

      expect(sut.delayMs(failure('busy', 0), 1)).toBe(0);
    });

    it.each([
      [0, 50],
      [1, 100],
      [2, 200],
      [3, 400],
    ])('should wait at least half the ceiling before retry %d (%d ms)', (retriesSoFar, expected) => {
      sut = new RetryPolicy({ ...OPTIONS, random: () => 0 });

      expect(sut.delayMs(failure('server'), retriesSoFar)).toBe(expected);
    });

    it.each([
      [0, 100],
      [1, 200],
      [2, 400],
      [3, 800],
    ])('should wait at most the full ceiling before retry %d (%d ms)', (retriesSoFar, expected) => {
      sut = new RetryPolicy({ ...OPTIONS, random: () => 1 });

      expect(sut.delayMs(failure('server'), retriesSoFar)).toBe(expected);
    });

    it('should cap the backoff at maxMs', () => {
      sut = new RetryPolicy({ ...OPTIONS, random: () => 1 });

      expect(sut.delayMs(failure('server'), 10)).toBe(1_000);
    });

    it('should keep the jitter within half of maxMs once capped', () => {
      sut = new RetryPolicy({ ...OPTIONS, random: () => 0 });

      expect(sut.delayMs(failure('server'), 10)).toBe(500);
    });
  });
});
