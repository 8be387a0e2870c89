import { AppException, ErrorCode } from '@ai-ticket/errors';
import { CallerAbortedError } from '../upstream/upstream-failure';
import { UpstreamQueue, type ReleaseSlot, type UpstreamQueueOptions } from './upstream-queue';

const OPTIONS: UpstreamQueueOptions = { concurrency: 1, maxWaiting: 2, waitTimeoutMs: 1_000 };

/** Lets every already-resolved promise callback run. */
async function flushPromises(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

/** Observes a promise without awaiting it, so a test can check whether it has settled yet. */
function track<T>(promise: Promise<T>): { settled: boolean; value?: T; error?: unknown } {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

describe(UpstreamQueue.name, () => {
  let sut: UpstreamQueue;
  let signal: AbortSignal;

  beforeEach(() => {
    jest.useFakeTimers();
    sut = new UpstreamQueue(OPTIONS);
    signal = new AbortController().signal;
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  describe('acquire', () => {
    it('should grant a slot at once while under the concurrency limit', async () => {
      sut = new UpstreamQueue({ ...OPTIONS, concurrency: 2 });

      await expect(sut.acquire(signal)).resolves.toEqual(expect.any(Function));
      await expect(sut.acquire(signal)).resolves.toEqual(expect.any(Function));
      expect(sut.inFlight).toBe(2);
      expect(sut.depth).toBe(0);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('should make a caller wait when every slot is taken', async () => {
      await sut.acquire(signal);

      const waiting = track(sut.acquire(signal));
      await flushPromises();

      expect(waiting.settled).toBe(false);
      expect(sut.inFlight).toBe(1);
      expect(sut.depth).toBe(1);
    });

    it('should grant waiters in arrival order', async () => {
      const granted: string[] = [];
      const first = await sut.acquire(signal);
      const second = sut.acquire(signal).then((release) => {
        granted.push('second');
        return release;
      });
      const third = sut.acquire(signal).then((release) => {
        granted.push('third');
        return release;
      });

      first();
      (await second)();
      (await third)();

      expect(granted).toEqual(['second', 'third']);
      expect(sut.inFlight).toBe(0);
      expect(sut.depth).toBe(0);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('should not let a newcomer overtake a waiter when a slot frees up', async () => {
      const first = await sut.acquire(signal);
      const waiter = track(sut.acquire(signal));

      first();
      const newcomer = track(sut.acquire(signal));
      await flushPromises();

      expect(waiter.settled).toBe(true);
      expect(newcomer.settled).toBe(false);
      expect(sut.inFlight).toBe(1);
      expect(sut.depth).toBe(1);
    });

    it('should refuse at once with queue_full when the waiting list is full', async () => {
      await sut.acquire(signal);
      const waiters = [track(sut.acquire(signal)), track(sut.acquire(signal))];

      const error: unknown = await sut.acquire(signal).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(AppException);
      expect((error as AppException).code).toBe(ErrorCode.UpstreamUnavailable);
      expect((error as AppException).details).toEqual({ reason: 'queue_full' });
      expect((error as AppException).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(sut.depth).toBe(2);
      expect(waiters.every((w) => !w.settled)).toBe(true);
    });

    it('should refuse with queue_full when waiting is not allowed at all', async () => {
      sut = new UpstreamQueue({ ...OPTIONS, maxWaiting: 0 });
      await sut.acquire(signal);

      await expect(sut.acquire(signal)).rejects.toMatchObject({ code: ErrorCode.UpstreamUnavailable, details: { reason: 'queue_full' } });
    });

    it('should give up with queue_timeout after waitTimeoutMs', async () => {
      await sut.acquire(signal);
      const waiting = track(sut.acquire(signal));

      jest.advanceTimersByTime(OPTIONS.waitTimeoutMs - 1);
      await flushPromises();
      expect(waiting.settled).toBe(false);

      jest.advanceTimersByTime(1);
      await flushPromises();
      expect(waiting.error).toBeInstanceOf(AppException);
      expect(waiting.error).toMatchObject({
        code: ErrorCode.UpstreamUnavailable,
        details: { reason: 'queue_timeout' },
        retryAfterSeconds: expect.any(Number),
      });
      expect((waiting.error as AppException).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(sut.depth).toBe(0);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('should not hand a freed slot to a waiter that timed out', async () => {
      const first = await sut.acquire(signal);
      const waiting = track(sut.acquire(signal));
      jest.advanceTimersByTime(OPTIONS.waitTimeoutMs);
      await flushPromises();

      first();

      expect(waiting.error).toBeInstanceOf(AppException);
      expect(sut.inFlight).toBe(0);
    });

    it('should reject at once with CallerAbortedError when the signal is already aborted', async () => {
      await expect(sut.acquire(AbortSignal.abort())).rejects.toBeInstanceOf(CallerAbortedError);
      expect(sut.inFlight).toBe(0);
    });

    it('should reject with CallerAbortedError and leave the queue when aborted while waiting', async () => {
      const controller = new AbortController();
      await sut.acquire(signal);
      const aborted = track(sut.acquire(controller.signal));
      const behind = track(sut.acquire(signal));
      expect(sut.depth).toBe(2);

      controller.abort();
      await flushPromises();

      expect(aborted.error).toBeInstanceOf(CallerAbortedError);
      expect(sut.depth).toBe(1);
      expect(behind.settled).toBe(false);
      expect(jest.getTimerCount()).toBe(1); // only the remaining waiter's timer
    });

    it('should pass a freed slot to the waiter behind an aborted one', async () => {
      const controller = new AbortController();
      const first = await sut.acquire(signal);
      track(sut.acquire(controller.signal));
      const behind = track(sut.acquire(signal));
      controller.abort();

      first();
      await flushPromises();

      expect(behind.value).toEqual(expect.any(Function));
      expect(sut.inFlight).toBe(1);
    });

    it('should ignore an abort after the slot was granted', async () => {
      const controller = new AbortController();
      const first = await sut.acquire(signal);
      const granted = track(sut.acquire(controller.signal));
      first();
      await flushPromises();

      controller.abort();
      await flushPromises();

      expect(granted.value).toEqual(expect.any(Function));
      expect(granted.error).toBeUndefined();
      expect(sut.inFlight).toBe(1);
    });
  });

  describe('release', () => {
    it('should free the slot', async () => {
      const release = await sut.acquire(signal);

      release();

      expect(sut.inFlight).toBe(0);
      await expect(sut.acquire(signal)).resolves.toEqual(expect.any(Function));
    });

    it('should be idempotent', async () => {
      sut = new UpstreamQueue({ ...OPTIONS, concurrency: 2 });
      const first = await sut.acquire(signal);
      await sut.acquire(signal);

      first();
      first();

      expect(sut.inFlight).toBe(1);
    });

    it('should hand over only one slot when called twice with waiters queued', async () => {
      const first = await sut.acquire(signal);
      const second = track(sut.acquire(signal));
      const third = track(sut.acquire(signal));

      first();
      first();
      await flushPromises();

      expect(second.settled).toBe(true);
      expect(third.settled).toBe(false);
      expect(sut.inFlight).toBe(1);
      expect(sut.depth).toBe(1);
    });

    it('should leave no timers behind once everything has settled', async () => {
      const releases: ReleaseSlot[] = [];
      const first = await sut.acquire(signal);
      const controller = new AbortController();
      const waiters = [sut.acquire(controller.signal), sut.acquire(signal)];
      controller.abort();
      first();
      const results = await Promise.allSettled(waiters);
      for (const result of results) if (result.status === 'fulfilled') releases.push(result.value);
      releases.forEach((release) => release());

      expect(releases).toHaveLength(1);
      expect(sut.inFlight).toBe(0);
      expect(sut.depth).toBe(0);
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
