import { AppException, ErrorCode } from '@ai-ticket/errors';
import { CallerAbortedError } from '../upstream/upstream-failure';

export interface UpstreamQueueOptions {
  /** Requests allowed at the upstream at once (KoboldCPP generates one at a time). */
  concurrency: number;
  /** Requests allowed to wait; beyond that callers are turned away at once. */
  maxWaiting: number;
  /** How long one request may wait for a slot. */
  waitTimeoutMs: number;
  /** Called after every change of depth or in-flight count (metrics). */
  onChange?: (depth: number, inFlight: number) => void;
}

/** Gives back the slot; calling it more than once is harmless. */
export type ReleaseSlot = () => void;

interface Waiter {
  grant: (release: ReleaseSlot) => void;
  fail: (error: Error) => void;
}

/**
 * A bounded FIFO in front of the upstream: at most `concurrency` in flight, at most `maxWaiting`
 * waiting, each for at most `waitTimeoutMs`. Refusing early (503) beats piling requests onto a server
 * that can only serve one at a time.
 */
export class UpstreamQueue {
  private active = 0;
  private readonly waiters: Waiter[] = [];

  constructor(private readonly options: UpstreamQueueOptions) {}

  get inFlight(): number {
    return this.active;
  }

  get depth(): number {
    return this.waiters.length;
  }

  acquire(signal: AbortSignal): Promise<ReleaseSlot> {
    if (signal.aborted) return Promise.reject(new CallerAbortedError());
    if (this.active < this.options.concurrency) {
      this.active += 1;
      this.changed();
      return Promise.resolve(this.releaser());
    }
    if (this.waiters.length >= this.options.maxWaiting) {
      return Promise.reject(unavailable('The upstream queue is full.', 'queue_full'));
    }
    return this.wait(signal);
  }

  private wait(signal: AbortSignal): Promise<ReleaseSlot> {
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        this.changed();
      };
      const waiter: Waiter = {
        grant: (release) => {
          settle();
          resolve(release);
        },
        fail: (error) => {
          settle();
          reject(error);
        },
      };
      const onAbort = () => waiter.fail(new CallerAbortedError());
      const timer = setTimeout(
        () => waiter.fail(unavailable('Timed out waiting for the upstream.', 'queue_timeout')),
        this.options.waitTimeoutMs,
      );
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.changed();
    });
  }

  private releaser(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters[0];
      // Hand the slot straight to the oldest waiter, so a newcomer cannot overtake the queue.
      if (next) next.grant(this.releaser());
      else {
        this.active -= 1;
        this.changed();
      }
    };
  }

  private changed(): void {
    this.options.onChange?.(this.waiters.length, this.active);
  }
}

function unavailable(message: string, reason: string): AppException {
  return new AppException(ErrorCode.UpstreamUnavailable, message, { retryAfterSeconds: 1, details: { reason } });
}
