/**
 * The signal for one upstream attempt: aborted when the caller goes away or the attempt's time runs
 * out, and able to tell which of the two happened. Always `dispose()` it, so no timer or listener
 * outlives the attempt.
 */
export class AttemptScope {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private expired = false;

  constructor(
    private readonly caller: AbortSignal,
    timeoutMs: number,
  ) {
    if (caller.aborted) this.controller.abort();
    else caller.addEventListener('abort', this.onCallerAbort, { once: true });
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort();
    }, timeoutMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
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
    this.caller.removeEventListener('abort', this.onCallerAbort);
  }

  private readonly onCallerAbort = (): void => this.controller.abort();
}
