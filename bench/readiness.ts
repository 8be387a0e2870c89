import type { ManagedChild } from './child-process';

const POLL_MS = 100;

/** Polls `url` until it answers 200; fails fast if the child dies, and after `timeoutMs`. */
export async function waitUntilReady(child: ManagedChild, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (!child.running) throw new Error(`${child.name} exited before it was ready: ${child.recentStderr}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${child.name} not ready at ${url} within ${timeoutMs} ms (${last}): ${child.recentStderr}`);
}
