import { AttemptScope } from './attempt-scope';

describe(AttemptScope.name, () => {
  let scope: AttemptScope | undefined;
  afterEach(() => scope?.dispose());

  it('should cancel once when the caller leaves, and say so', () => {
    const caller = new AbortController();
    scope = new AttemptScope(caller.signal, 10_000);
    const cancel = jest.fn();
    scope.onAbort(cancel);

    caller.abort();
    caller.abort();

    expect(cancel).toHaveBeenCalledTimes(1);
    expect(scope.callerAborted).toBe(true);
    expect(scope.timedOut).toBe(false);
    expect(scope.signal.aborted).toBe(true);
  });

  it('should cancel at the deadline, and say so', async () => {
    scope = new AttemptScope(new AbortController().signal, 20);
    const signal = scope.signal;
    const cancelled = new Promise<void>((resolve) => scope?.onAbort(resolve));

    await cancelled;

    expect(scope.timedOut).toBe(true);
    expect(signal.aborted).toBe(true);
  });

  it('should cancel at once a canceller registered after the caller left', () => {
    const caller = new AbortController();
    caller.abort();
    scope = new AttemptScope(caller.signal, 10_000);
    const cancel = jest.fn();

    scope.onAbort(cancel);

    expect(cancel).toHaveBeenCalledTimes(1);
    expect(scope.signal.aborted).toBe(true);
  });

  it('should cancel nothing once disposed', () => {
    const caller = new AbortController();
    scope = new AttemptScope(caller.signal, 10_000);
    const cancel = jest.fn();
    scope.onAbort(cancel);

    scope.dispose();
    caller.abort();

    expect(cancel).not.toHaveBeenCalled();
  });
});
