import { AppException, ErrorCode } from '@ai-ticket/errors';
import { CallerAbortedError } from '../upstream/upstream-failure';
import type { Upstream } from './upstream';

/** A slot held on one upstream; `release()` gives it back (further calls do nothing). */
export interface UpstreamLease {
  readonly upstream: Upstream;
  release(): void;
}

/**
 * One event waiting in the queue for a slot. It ends exactly once: granted a lease, failed, timed out
 * (`queue_timeout`) or abandoned by its caller; a lease granted after that is given straight back.
 */
export class SlotWaiter {
  readonly lease: Promise<UpstreamLease>;
  private done = false;
  private resolve!: (lease: UpstreamLease) => void;
  private reject!: (error: Error) => void;
  private readonly timer: NodeJS.Timeout;

  constructor(
    /** Upstreams the event already failed on. */
    readonly avoid: ReadonlySet<Upstream> | undefined,
    private readonly signal: AbortSignal,
    timeoutMs: number,
    private readonly onEnd: (waiter: SlotWaiter) => void,
  ) {
    this.lease = new Promise<UpstreamLease>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.timer = setTimeout(() => this.fail(queueTimeout()), timeoutMs);
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  get settled(): boolean {
    return this.done;
  }

  grant(lease: UpstreamLease): void {
    if (this.end()) this.resolve(lease);
    else lease.release();
  }

  fail(error: Error): void {
    if (this.end()) this.reject(error);
  }

  private end(): boolean {
    if (this.done) return false;
    this.done = true;
    clearTimeout(this.timer);
    this.signal.removeEventListener('abort', this.onAbort);
    this.onEnd(this);
    return true;
  }

  private readonly onAbort = (): void => this.fail(new CallerAbortedError());
}

function queueTimeout(): AppException {
  return new AppException(ErrorCode.UpstreamUnavailable, 'Timed out waiting for the upstream.', { retryAfterSeconds: 1, details: { reason: 'queue_timeout' } });
}
