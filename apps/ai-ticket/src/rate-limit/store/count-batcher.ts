import type { WindowCount } from './rate-limit.store';

/** Counts `n` requests for `key` in ONE atomic step; resolves with the window after the last of them. */
export type CountMany = (key: string, windowMs: number, n: number) => Promise<WindowCount>;

interface Waiter {
  resolve(count: WindowCount): void;
  reject(error: unknown): void;
}

interface Group {
  readonly key: string;
  readonly windowMs: number;
  readonly waiters: Waiter[];
}

/**
 * Coalesces the counts asked for while a store round trip is under way: the requests of one key that
 * arrive meanwhile are counted together by the next step (hits + n), and each gets its own hit
 * number, as if they had been counted one by one. Exactness is kept (every step is still atomic in
 * the store), and an idle store answers the first request at once; under load, one step per key per
 * round trip replaces one per request.
 */
export class CountBatcher {
  private pending = new Map<string, Group>();
  private draining = false;

  constructor(private readonly countMany: CountMany) {}

  count(key: string, windowMs: number): Promise<WindowCount> {
    return new Promise((resolve, reject) => {
      const id = `${windowMs}:${key}`;
      let group = this.pending.get(id);
      if (!group) this.pending.set(id, (group = { key, windowMs, waiters: [] }));
      group.waiters.push({ resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.pending.size > 0) {
      const batch = [...this.pending.values()];
      this.pending = new Map();
      await Promise.all(batch.map((group) => this.countGroup(group)));
    }
    this.draining = false;
  }

  private async countGroup({ key, windowMs, waiters }: Group): Promise<void> {
    try {
      const { hits, windowEndsAt } = await this.countMany(key, windowMs, waiters.length);
      // The step counted hits - n + 1 … hits for this group, in arrival order.
      const first = hits - waiters.length + 1;
      waiters.forEach((waiter, i) => waiter.resolve({ hits: first + i, windowEndsAt }));
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
    }
  }
}
