import { CallerAbortedError } from './upstream-failure';

/** Waits `ms`, or rejects with `CallerAbortedError` as soon as the caller leaves. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new CallerAbortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CallerAbortedError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
