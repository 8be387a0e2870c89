/** What the slots store needs to know of an upstream. */
export interface SlotCandidate {
  /** Stable name of the upstream, the same in every replica (its address). */
  readonly key: string;
  /** Generations it runs at once. */
  readonly slots: number;
}

/** One slot held on `candidate`; give it back exactly once with `release()` (further calls do nothing). */
export interface SlotLease<T extends SlotCandidate = SlotCandidate> {
  readonly candidate: T;
  release(): void;
}

/**
 * Counts the generation slots of every upstream: the port behind which `local` (this process) and
 * `redis` (every replica) slot accounting sit.
 *
 * Every adapter guarantees:
 * - `tryAcquire` is atomic among all the processes sharing the store: no upstream ever has more
 *   leases than its `slots`. It picks the candidate with the fewest slots in use, the earliest in the
 *   given order on ties, and resolves null (never waits) when every candidate is full.
 * - A lease is held until released; a store that can outlive its holder (Redis) also expires leases
 *   whose holder stopped renewing them, and renews live ones itself.
 * - `onFreed` listeners are called, soon after, whenever a slot may have become free, including by
 *   another replica. A store that cannot announce every free (an expired lease) sets
 *   `recheckIntervalMs`, and waiters re-check that often.
 * - It throws only when it cannot decide (store down and no fallback); the error is the client-facing one.
 */
export abstract class UpstreamSlots {
  abstract readonly recheckIntervalMs: number;

  abstract tryAcquire<T extends SlotCandidate>(candidates: readonly T[]): Promise<SlotLease<T> | null>;

  /** Slots in use per key, across every process sharing the store (undefined when unknown now). */
  abstract inUse(keys: readonly string[]): Promise<Map<string, number> | undefined>;

  abstract onFreed(listener: () => void): void;
}
