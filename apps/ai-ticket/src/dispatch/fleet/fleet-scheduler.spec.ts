import { AppException, ErrorCode } from '@ai-ticket/errors';
import { CallerAbortedError } from '../upstream/upstream-failure';
import { FleetScheduler, type UpstreamLease } from './fleet-scheduler';
import { buildFleet, flushPromises, track } from './fleet.test-helper';

/** Starts an acquisition and lets it reach the queue (an arrival that found no slot is queued a tick later). */
async function queued<T>(promise: Promise<T>): Promise<ReturnType<typeof track<T>>> {
  const state = track(promise);
  await flushPromises();
  return state;
}

const A = 'http://gpu-a:5001';
const B = 'http://gpu-b:5001';

describe(FleetScheduler.name, () => {
  let signal: AbortSignal;

  beforeEach(() => {
    jest.useFakeTimers();
    signal = new AbortController().signal;
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  describe('one single-slot upstream (the queue)', () => {
    let sut: FleetScheduler;
    beforeEach(() => {
      sut = buildFleet([{ url: A, slots: 1 }]).scheduler;
    });

    it('should grant a slot at once while one is free', async () => {
      const lease = await sut.acquire(signal);

      expect(lease.upstream.key).toBe(A);
      expect(lease.upstream.inFlight).toBe(1);
      expect(sut.depth).toBe(0);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('should grant waiters in arrival order, and not let a newcomer overtake them', async () => {
      sut = buildFleet([{ url: A, slots: 1 }], { queueSize: 3 }).scheduler;
      const granted: string[] = [];
      const first = await sut.acquire(signal);
      const second = sut.acquire(signal).then((lease) => (granted.push('second'), lease));
      await flushPromises();
      const third = sut.acquire(signal).then((lease) => (granted.push('third'), lease));
      await flushPromises();

      first.release();
      const newcomer = sut.acquire(signal).then((lease) => (granted.push('newcomer'), lease));
      (await second).release();
      (await third).release();
      (await newcomer).release();

      expect(granted).toEqual(['second', 'third', 'newcomer']);
    });

    it('should refuse at once with queue_full when the waiting list is full', async () => {
      await sut.acquire(signal);
      const waiters = [await queued(sut.acquire(signal)), await queued(sut.acquire(signal))];

      const error: unknown = await sut.acquire(signal).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(AppException);
      expect(error).toMatchObject({ code: ErrorCode.UpstreamUnavailable, details: { reason: 'queue_full' }, retryAfterSeconds: 1 });
      expect(sut.depth).toBe(2);
      expect(waiters.every((w) => !w.settled)).toBe(true);
    });

    it('should let a retry in at the head of a full queue', async () => {
      const first = await sut.acquire(signal);
      const waiters = [await queued(sut.acquire(signal)), await queued(sut.acquire(signal))];

      const retry = await queued(sut.acquire(signal, { retry: true }));
      first.release();
      await flushPromises();

      expect(retry.value).toMatchObject({ upstream: expect.anything() });
      expect(waiters.every((w) => !w.settled)).toBe(true);
    });

    it('should give up with queue_timeout after the wait timeout, and stop every timer', async () => {
      await sut.acquire(signal);
      const waiting = await queued(sut.acquire(signal));

      jest.advanceTimersByTime(999);
      await flushPromises();
      expect(waiting.settled).toBe(false);
      jest.advanceTimersByTime(1);
      await flushPromises();

      expect(waiting.error).toMatchObject({ code: ErrorCode.UpstreamUnavailable, details: { reason: 'queue_timeout' } });
      expect(sut.depth).toBe(0);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('should honour a shorter wait for one event', async () => {
      await sut.acquire(signal);
      const waiting = await queued(sut.acquire(signal, { waitTimeoutMs: 100 }));

      jest.advanceTimersByTime(100);
      await flushPromises();

      expect(waiting.error).toMatchObject({ details: { reason: 'queue_timeout' } });
    });

    it('should reject with CallerAbortedError, at once or while waiting, and pass the slot to the next waiter', async () => {
      await expect(sut.acquire(AbortSignal.abort())).rejects.toBeInstanceOf(CallerAbortedError);
      const controller = new AbortController();
      const first = await sut.acquire(signal);
      const aborted = await queued(sut.acquire(controller.signal));
      const behind = await queued(sut.acquire(signal));

      controller.abort();
      first.release();
      await flushPromises();

      expect(aborted.error).toBeInstanceOf(CallerAbortedError);
      expect(behind.value).toMatchObject({ upstream: expect.anything() });
      expect(sut.depth).toBe(0);
    });

    it('should not queue a caller who left while its first try was under way', async () => {
      await sut.acquire(signal);
      const controller = new AbortController();

      const attempt = sut.acquire(controller.signal);
      controller.abort();

      await expect(attempt).rejects.toBeInstanceOf(CallerAbortedError);
      expect(sut.depth).toBe(0);
    });

    it('should release idempotently, handing over only one slot', async () => {
      const first = await sut.acquire(signal);
      const second = await queued(sut.acquire(signal));
      const third = await queued(sut.acquire(signal));

      first.release();
      first.release();
      await flushPromises();

      expect(second.settled).toBe(true);
      expect(third.settled).toBe(false);
      expect((second.value as UpstreamLease).upstream.inFlight).toBe(1);
    });
  });

  describe('several upstreams', () => {
    it('should spread single-slot upstreams round-robin and queue only when all are taken', async () => {
      const { scheduler } = buildFleet([
        { url: A, slots: 1 },
        { url: B, slots: 1 },
      ]);

      const first = await scheduler.acquire(signal);
      const second = await scheduler.acquire(signal);
      const third = await queued(scheduler.acquire(signal));
      await flushPromises();

      expect(new Set([first.upstream.key, second.upstream.key])).toEqual(new Set([A, B]));
      expect(third.settled).toBe(false);
      second.release();
      await flushPromises();
      expect((third.value as UpstreamLease).upstream.key).toBe(second.upstream.key);
    });

    it('should prefer the least busy upstream', async () => {
      const { scheduler } = buildFleet([
        { url: A, slots: 3 },
        { url: B, slots: 3 },
      ]);
      const leases = [await scheduler.acquire(signal), await scheduler.acquire(signal), await scheduler.acquire(signal)];
      const busier = leases.filter((lease) => lease.upstream.key === A).length > 1 ? A : B;

      const next = await scheduler.acquire(signal);

      expect(next.upstream.key).not.toBe(busier);
    });

    it('should skip an upstream whose circuit is open, and fail fast with circuit_open when all are', async () => {
      const { scheduler, upstream } = buildFleet([
        { url: A, slots: 1 },
        { url: B, slots: 1 },
      ]);
      upstream(A).breaker.failed(upstream(A).breaker.enter());

      expect((await scheduler.acquire(signal)).upstream.key).toBe(B);
      upstream(B).breaker.failed(upstream(B).breaker.enter());
      const error: unknown = await scheduler.acquire(signal).catch((e: unknown) => e);

      expect(error).toMatchObject({ code: ErrorCode.UpstreamUnavailable, details: { reason: 'circuit_open' }, retryAfterSeconds: 10 });
    });

    it('should serve a waiter from an upstream whose cool-down ended, on its re-check', async () => {
      const { scheduler, upstream } = buildFleet([
        { url: A, slots: 1 },
        { url: B, slots: 1 },
      ]);
      upstream(A).breaker.failed(upstream(A).breaker.enter());
      await scheduler.acquire(signal);
      const waiting = await queued(scheduler.acquire(signal, { waitTimeoutMs: 60_000 }));

      jest.advanceTimersByTime(10_000 + 1_000);
      await flushPromises();

      expect((waiting.value as UpstreamLease).upstream.key).toBe(A);
    });

    it('should fail fast with no_upstream when the fleet is empty', async () => {
      const { scheduler } = buildFleet([]);

      await expect(scheduler.acquire(signal)).rejects.toMatchObject({ details: { reason: 'no_upstream' } });
    });

    it('should give an event that avoids an upstream a slot elsewhere, and that one to whoever does not avoid it', async () => {
      const { scheduler, upstream } = buildFleet([
        { url: A, slots: 1 },
        { url: B, slots: 1 },
      ]);
      const [first, second] = [await scheduler.acquire(signal), await scheduler.acquire(signal)];
      const onA = first.upstream.key === A ? first : second;
      const onB = first.upstream.key === A ? second : first;
      const avoidingA = await queued(scheduler.acquire(signal, { avoid: new Set([upstream(A)]) }));
      const plain = await queued(scheduler.acquire(signal));

      onA.release();
      await flushPromises();
      expect(avoidingA.settled).toBe(false);
      expect((plain.value as UpstreamLease).upstream.key).toBe(A);

      onB.release();
      await flushPromises();
      expect((avoidingA.value as UpstreamLease).upstream.key).toBe(B);
    });

    it('should take a free slot elsewhere now, or answer null without waiting', async () => {
      const { scheduler, upstream } = buildFleet([
        { url: A, slots: 1 },
        { url: B, slots: 1 },
      ]);

      const elsewhere = await scheduler.acquireElsewhereNow(new Set([upstream(A)]));
      expect(elsewhere?.upstream.key).toBe(B);
      await expect(scheduler.acquireElsewhereNow(new Set([upstream(A)]))).resolves.toBeNull();
      expect(scheduler.hasOtherThan(new Set([upstream(A)]))).toBe(true);
      expect(scheduler.hasOtherThan(new Set([upstream(A), upstream(B)]))).toBe(false);
    });
  });

  describe('discovery changes', () => {
    it('should send no new work to a backend that left, keep its events, and forget it when they end', async () => {
      const { scheduler, pool, recorded } = buildFleet([{ url: A, slots: 1 }]);
      const onA = await scheduler.acquire(signal);

      pool.replace([{ url: B, slots: 1 }]);
      const next = await scheduler.acquire(signal);

      expect(next.upstream.key).toBe(B);
      expect(pool.all.map((member) => member.key).sort()).toEqual([A, B]);
      expect(recorded.left).toEqual([]);
      onA.release();
      expect(pool.all.map((member) => member.key)).toEqual([B]);
      expect(recorded.left).toEqual([A]);
    });

    it('should serve waiting events as soon as a backend joins', async () => {
      const { scheduler, pool } = buildFleet([{ url: A, slots: 1 }]);
      await scheduler.acquire(signal);
      const waiting = await queued(scheduler.acquire(signal));

      pool.replace([
        { url: A, slots: 1 },
        { url: B, slots: 1 },
      ]);
      await flushPromises();

      expect((waiting.value as UpstreamLease).upstream.key).toBe(B);
    });
  });
});
