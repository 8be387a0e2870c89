import type { RecordedRequest } from './fake-upstream.types';

/**
 * Only the most recent requests are kept so that a long benchmark run does not grow
 * memory without bound; `waitForRequests` counts every request, kept or not.
 */
export const MAX_RECORDED_REQUESTS = 10_000;

interface Waiter {
  readonly count: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class RequestRecorder {
  readonly requests: RecordedRequest[] = [];
  private total = 0;
  private waiters: Waiter[] = [];

  record(request: RecordedRequest): void {
    this.requests.push(request);
    if (this.requests.length > MAX_RECORDED_REQUESTS) this.requests.shift();
    this.total += 1;
    if (this.waiters.length > 0) this.settleReached();
  }

  waitFor(count: number, timeoutMs: number): Promise<void> {
    if (this.total >= count) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`FakeUpstream: expected ${count} request(s) within ${timeoutMs} ms, got ${this.total}`));
      }, timeoutMs);
      this.waiters.push({ count, resolve, reject, timer });
    });
  }

  /** Forgets the recorded requests; pending waits keep waiting and count from zero. */
  reset(): void {
    this.requests.length = 0;
    this.total = 0;
  }

  /** Fails every pending wait, so a test never hangs on a closed server. */
  rejectWaiters(error: Error): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.waiters = [];
  }

  private settleReached(): void {
    const pending: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (this.total < waiter.count) {
        pending.push(waiter);
        continue;
      }
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
    this.waiters = pending;
  }
}
