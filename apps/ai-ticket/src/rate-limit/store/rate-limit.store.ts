import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

/** One request counted in a fixed window. */
export interface WindowCount {
  /** Requests counted in the current window, this one included. */
  hits: number;
  /** When the current window ends (epoch ms). */
  windowEndsAt: number;
}

/**
 * The rate-limit store: the port behind `@nestjs/throttler`'s `ThrottlerStorage` token, with one
 * adapter per backend (memory, SQLite, Redis).
 *
 * Semantics: a fixed window per key, opened by its first request and lasting `ttl` ms. A request is
 * admitted while the window's count (itself included) is at most `limit`; refused requests wait until
 * the window ends (so `blockDuration` is the window itself and is not stored separately).
 *
 * Every adapter must make `count` ONE atomic step (a single SQLite statement, a Redis Lua script, one
 * synchronous block in memory), so that however many processes share the store, the admitted requests
 * in a window never exceed the limit. Failures throw; the guard decides between failing open or closed.
 */
export abstract class RateLimitStore implements ThrottlerStorage {
  /**
   * Counts one request for `key` in its current window, opening a new one of `windowMs` if needed. A
   * store that counts in this process answers with the count itself, not a promise: on the event path
   * each promise step is heap and a microtask turn (three of them were 1.6 KB per event, 4 % of what an
   * event allocates). Callers that can take either `await` it.
   */
  abstract count(key: string, windowMs: number): WindowCount | Promise<WindowCount>;

  /** Resolves when the store answers; rejects when it cannot be used (readiness). */
  abstract ping(): Promise<void>;

  /** Deletes windows that have ended, so the store does not grow without bound; returns how many. */
  abstract sweepExpired(): Promise<number>;

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    return throttlerRecordOf(await this.count(storeKey(throttlerName, key), ttl), limit);
  }
}

/** The key a client's window is stored under: its throttler's name, then the client. */
export function storeKey(throttlerName: string, key: string): string {
  return `${throttlerName}:${key}`;
}

/** A counted window as `@nestjs/throttler` reports it: hits, seconds left, and whether the request is refused. */
export function throttlerRecordOf({ hits, windowEndsAt }: WindowCount, limit: number): ThrottlerStorageRecord {
  const secondsLeft = Math.max(1, Math.ceil((windowEndsAt - Date.now()) / 1000));
  const isBlocked = hits > limit;
  return { totalHits: hits, timeToExpire: secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? secondsLeft : 0 };
}
