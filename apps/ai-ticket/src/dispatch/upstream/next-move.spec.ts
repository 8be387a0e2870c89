import { nextMove, type MoveContext } from './next-move';
import { RetryPolicy } from './retry-policy';
import { UpstreamFailure, type UpstreamFailureKind } from './upstream-failure';

const retries = new RetryPolicy({ maxRetries: 2, baseMs: 100, maxMs: 1_000, random: () => 0.5 });
const CONTEXT: MoveContext = { retries: 0, busyWaits: 0, deadlineLeftMs: 60_000, waitLeftMs: 30_000, otherUpstream: false, hereTakesWork: true };
const failure = (kind: UpstreamFailureKind, retryAfterMs?: number) => new UpstreamFailure(kind, kind, { endpoint: 'chat', retryAfterMs });
const sut = (kind: UpstreamFailureKind, context: Partial<MoveContext> = {}, retryAfterMs?: number) => nextMove(failure(kind, retryAfterMs), { ...CONTEXT, ...context }, retries);

describe(nextMove.name, () => {
  describe('busy', () => {
    it('should wait as advised, and take a free slot elsewhere first', () => {
      expect(sut('busy', {}, 700)).toEqual({ kind: 'move-if-free', reason: 'busy', delayMs: 700 });
    });

    it('should not spend retries, however many were spent', () => {
      expect(sut('busy', { retries: 2, busyWaits: 10 })).toEqual({ kind: 'move-if-free', reason: 'busy', delayMs: 750 });
    });

    it('should give up once the pause would outlast the wait for a slot or the deadline', () => {
      expect(sut('busy', { waitLeftMs: 500 }, 700)).toEqual({ kind: 'give-up' });
      expect(sut('busy', { deadlineLeftMs: 500 }, 700)).toEqual({ kind: 'give-up' });
    });
  });

  describe('connection failure', () => {
    it('should move to another upstream that takes work', () => {
      expect(sut('connection', { otherUpstream: true })).toEqual({ kind: 'move', reason: 'connection' });
    });

    it('should back off and retry here when no other upstream takes work', () => {
      expect(sut('connection')).toEqual({ kind: 'retry-here', delayMs: 75 });
    });

    it('should give up when the retries are spent, or the pause would pass the deadline', () => {
      expect(sut('connection', { retries: 2, otherUpstream: true })).toEqual({ kind: 'give-up' });
      expect(sut('connection', { deadlineLeftMs: 50 })).toEqual({ kind: 'give-up' });
    });

    it('should leave an upstream whose circuit has just opened instead of pausing on it', () => {
      expect(sut('connection', { hereTakesWork: false })).toEqual({ kind: 'give-up' });
    });
  });

  describe('5xx and 429', () => {
    it('should back off and retry here', () => {
      expect(sut('server', { retries: 1 })).toEqual({ kind: 'retry-here', delayMs: 150 });
      expect(sut('rate-limited', {}, 400)).toEqual({ kind: 'retry-here', delayMs: 400 });
    });

    it('should try the next API after the retries for 5xx, and give up for 429', () => {
      expect(sut('server', { retries: 2 })).toEqual({ kind: 'next-endpoint' });
      expect(sut('rate-limited', { retries: 2 })).toEqual({ kind: 'give-up' });
    });

    it('should move elsewhere when this upstream stopped taking work and another does', () => {
      expect(sut('server', { hereTakesWork: false, otherUpstream: true })).toEqual({ kind: 'move', reason: 'circuit_open' });
    });
  });

  it.each(['not-found', 'format', 'structure'] as const)('should try the next API after %s', (kind) => {
    expect(sut(kind)).toEqual({ kind: 'next-endpoint' });
  });

  it.each(['timeout', 'auth', 'client'] as const)('should give up at once after %s', (kind) => {
    expect(sut(kind, { otherUpstream: true })).toEqual({ kind: 'give-up' });
  });
});
