import { runOnce } from '../run-once.util';
import { UpstreamSlots, type SlotCandidate, type SlotLease } from './upstream-slots';

/**
 * Slots counted in this process: exact for one replica, and the fallback of the Redis store while Redis
 * is down. Synchronous inside, so a check and its increment can never interleave.
 */
export class LocalUpstreamSlots extends UpstreamSlots {
  /** Nothing is freed without this process knowing: releases announce themselves. */
  readonly recheckIntervalMs = 1_000;
  private readonly used = new Map<string, number>();
  private readonly listeners: (() => void)[] = [];

  tryAcquire<T extends SlotCandidate>(candidates: readonly T[]): Promise<SlotLease<T> | null> {
    return Promise.resolve(this.take(candidates));
  }

  /** The same as `tryAcquire`, for callers that cannot wait a tick (the Redis store's fallback). */
  take<T extends SlotCandidate>(candidates: readonly T[]): SlotLease<T> | null {
    let chosen: T | undefined;
    let fewest = Infinity;
    for (const candidate of candidates) {
      const used = this.used.get(candidate.key) ?? 0;
      if (used < candidate.slots && used < fewest) {
        chosen = candidate;
        fewest = used;
      }
    }
    if (!chosen) return null;
    this.used.set(chosen.key, fewest + 1);
    return this.lease(chosen);
  }

  inUse(keys: readonly string[]): Promise<Map<string, number>> {
    return Promise.resolve(new Map(keys.map((key) => [key, this.used.get(key) ?? 0])));
  }

  onFreed(listener: () => void): void {
    this.listeners.push(listener);
  }

  private lease<T extends SlotCandidate>(candidate: T): SlotLease<T> {
    return {
      candidate,
      release: runOnce(() => {
        const left = (this.used.get(candidate.key) ?? 1) - 1;
        if (left > 0) this.used.set(candidate.key, left);
        else this.used.delete(candidate.key);
        for (const listener of this.listeners) listener();
      }),
    };
  }
}
