import type { OnModuleDestroy } from '@nestjs/common';
import { RateLimitStore, type WindowCount } from './rate-limit.store';

/**
 * Counts in this process's memory: exact for one process, and the zero-setup default. Each replica
 * counts on its own, so N replicas admit up to N × the limit: use SQLite or Redis when scaling out.
 */
export class MemoryRateLimitStore extends RateLimitStore implements OnModuleDestroy {
  private readonly windows = new Map<string, WindowCount>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepIntervalMs = 60_000) {
    super();
    this.sweeper = setInterval(() => void this.sweepExpired(), sweepIntervalMs);
    this.sweeper.unref();
  }

  /** Answers at once: one synchronous block, so nothing can interleave between the read and the write. */
  count(key: string, windowMs: number): WindowCount {
    const now = Date.now();
    const current = this.windows.get(key);
    const next = current && current.windowEndsAt > now ? { hits: current.hits + 1, windowEndsAt: current.windowEndsAt } : { hits: 1, windowEndsAt: now + windowMs };
    this.windows.set(key, next);
    return { ...next };
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  sweepExpired(): Promise<number> {
    const now = Date.now();
    let removed = 0;
    for (const [key, window] of this.windows) {
      if (window.windowEndsAt <= now) {
        this.windows.delete(key);
        removed += 1;
      }
    }
    return Promise.resolve(removed);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}
