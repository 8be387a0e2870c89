/**
 * The end of one upstream attempt: when the caller goes away or the attempt's time runs out, and able
 * to tell which of the two happened. A JSON attempt registers what to cancel (`onAbort`); a stream, whose
 * client API takes a signal, asks for `signal`, made on first use (most attempts never need one). Always
 * `dispose()` it, so no timer or listener outlives the attempt.
 */
export class AttemptScope {
  private controller: AbortController | undefined;
  private cancel: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private aborted = false;
  private expired = false;

  constructor(
    private readonly caller: AbortSignal,
    timeoutMs: number,
  ) {
    if (caller.aborted) this.aborted = true;
    else caller.addEventListener('abort', this.abort, { once: true });
    this.timer = setTimeout(() => {
      this.expired = true;
      this.abort();
    }, timeoutMs);
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort();
    }
    return this.controller.signal;
  }

  /** Calls `cancel` once when the attempt ends early (at once if it already has). One canceller per attempt. */
  onAbort(cancel: () => void): void {
    if (this.aborted) cancel();
    else this.cancel = cancel;
  }

  get timedOut(): boolean {
    return this.expired;
  }

  get callerAborted(): boolean {
    return this.caller.aborted;
  }

  /** Stops the deadline, e.g. once a stream is open and only the idle timeout should apply. */
  clearDeadline(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.clearDeadline();
    this.cancel = undefined;
    this.caller.removeEventListener('abort', this.abort);
  }

  private readonly abort = (): void => {
    if (this.aborted) return;
    this.aborted = true;
    this.controller?.abort();
    this.cancel?.();
  };
}
