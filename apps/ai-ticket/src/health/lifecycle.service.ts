import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

export type LifecyclePhase = 'starting' | 'ready' | 'draining';

/**
 * Knows whether the service should receive traffic, and how much work is in flight, so shutdown can
 * fail readiness first and then wait for that work to finish.
 */
@Injectable()
export class LifecycleService implements OnApplicationBootstrap {
  private current: LifecyclePhase = 'starting';
  private active = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly readinessChecks = new Map<string, () => Promise<void>>();
  private readonly drainListeners: Array<() => void> = [];

  get phase(): LifecyclePhase {
    return this.current;
  }

  get inFlight(): number {
    return this.active;
  }

  onApplicationBootstrap(): void {
    if (this.current === 'starting') this.current = 'ready';
  }

  beginDrain(): void {
    if (this.current === 'draining') return;
    this.current = 'draining';
    this.drainListeners.forEach((listener) => listener());
  }

  /** Called once when draining starts, e.g. to end endless streams so clients reconnect elsewhere. */
  onDrain(listener: () => void): void {
    this.drainListeners.push(listener);
  }

  /** Counts one unit of work until the returned function is called (idempotent). */
  beginWork(): () => void {
    this.active += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.active -= 1;
      if (this.active === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
    };
  }

  /** Adds a dependency without which this instance should not receive traffic; `check` rejects when it is down. */
  addReadinessCheck(name: string, check: () => Promise<void>): void {
    this.readinessChecks.set(name, check);
  }

  /** Names of the readiness checks that fail (reject or take longer than `timeoutMs`) right now. */
  async failingReadinessChecks(timeoutMs = 1_000): Promise<string[]> {
    const results = await Promise.all(
      [...this.readinessChecks].map(async ([name, check]) => ((await passesWithin(check, timeoutMs)) ? undefined : name)),
    );
    return results.filter((name): name is string => name !== undefined);
  }

  /** Resolves true once nothing is in flight, or false when `timeoutMs` ran out first. */
  waitForIdle(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((waiter) => waiter !== wake);
        resolve(false);
      }, timeoutMs);
      this.idleWaiters.push(wake);
    });
  }
}

async function passesWithin(check: () => Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([check().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
