import { CountBatcher, type CountMany } from './count-batcher';
import type { WindowCount } from './rate-limit.store';

/** An in-memory store step (one window per key and length) that records how many requests each call counted. */
function recordingStore(): { countMany: CountMany; calls: number[] } {
  const hits = new Map<string, number>();
  const calls: number[] = [];
  const countMany: CountMany = async (key, windowMs, n) => {
    calls.push(n);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const window = `${windowMs}:${key}`;
    hits.set(window, (hits.get(window) ?? 0) + n);
    return { hits: hits.get(window) ?? 0, windowEndsAt: 1_000 };
  };
  return { countMany, calls };
}

describe(CountBatcher.name, () => {
  it('should count a lone request at once, in a step of its own', async () => {
    const store = recordingStore();

    await expect(new CountBatcher(store.countMany).count('a', 60_000)).resolves.toEqual({ hits: 1, windowEndsAt: 1_000 });
    expect(store.calls).toEqual([1]);
  });

  it('should count the requests that arrive during a step together, each with its own hit number', async () => {
    const store = recordingStore();
    const batcher = new CountBatcher(store.countMany);

    const counts = await Promise.all(Array.from({ length: 10 }, () => batcher.count('a', 60_000)));

    expect(store.calls).toEqual([1, 9]);
    expect(counts.map((count: WindowCount) => count.hits)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('should keep keys and windows in separate steps', async () => {
    const store = recordingStore();
    const batcher = new CountBatcher(store.countMany);
    await batcher.count('warm-up', 60_000);

    const [a, b, c] = await Promise.all([batcher.count('a', 60_000), batcher.count('b', 60_000), batcher.count('a', 1_000)]);

    expect([a.hits, b.hits, c.hits]).toEqual([1, 1, 1]);
    expect(store.calls).toEqual([1, 1, 1, 1]);
  });

  it('should fail every request of a failed step, and count the next ones afresh', async () => {
    let fail = true;
    const batcher = new CountBatcher(async (_key, _windowMs, n) => {
      if (fail) throw new Error('database is locked');
      return { hits: n, windowEndsAt: 1 };
    });

    const failed = await Promise.allSettled([batcher.count('a', 1), batcher.count('a', 1)]);
    fail = false;

    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await expect(batcher.count('a', 1)).resolves.toEqual({ hits: 1, windowEndsAt: 1 });
  });
});
