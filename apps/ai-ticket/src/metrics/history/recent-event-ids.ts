import type { FinishedEvent } from './event-history.store';

/**
 * The ids of the most recent events, with their finish time and stored prompt: what the memory store
 * needs to recognise a retried batch, to prune and to show a stored prompt. Kept in fixed-size arrays
 * (a ring) rather than one object per event: at thousands of events a second, a kept object per event
 * outlived young-generation collections and was copied into the old generation, to be reclaimed there by
 * the costlier full GC. Only the id string (already made for the request) stays alive per event.
 */
export class RecentEventIds {
  private readonly ids: (string | undefined)[];
  private readonly finishedAt: Float64Array;
  private readonly prompts: (string | undefined)[];
  private readonly slotById = new Map<string, number>();
  /** The slot the next event takes, overwriting the oldest once the ring is full. */
  private next = 0;

  constructor(readonly capacity: number) {
    this.ids = new Array<string | undefined>(capacity).fill(undefined);
    this.finishedAt = new Float64Array(capacity);
    this.prompts = new Array<string | undefined>(capacity).fill(undefined);
  }

  has(id: string): boolean {
    return this.slotById.has(id);
  }

  /** Remembers the event, forgetting the oldest one if the ring is full. */
  add(event: FinishedEvent): void {
    const slot = this.next;
    this.next = (slot + 1) % this.capacity;
    this.clear(slot);
    this.ids[slot] = event.id;
    this.finishedAt[slot] = event.finishedAt;
    this.prompts[slot] = event.prompt;
    this.slotById.set(event.id, slot);
  }

  /** The prompt stored with the event: null when it had none, undefined when the event is not (or no longer) here. */
  storedPrompt(id: string): string | null | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : (this.prompts[slot] ?? null);
  }

  /** Forgets the events finished before `before` (epoch ms); returns how many. */
  forgetBefore(before: number): number {
    let forgotten = 0;
    for (const slot of this.slotById.values()) {
      if (this.finishedAt[slot] >= before) continue;
      this.clear(slot);
      forgotten += 1;
    }
    return forgotten;
  }

  /** Empties a slot, forgetting its event (deleting from the map while iterating it is safe). */
  private clear(slot: number): void {
    const id = this.ids[slot];
    if (id !== undefined) this.slotById.delete(id);
    this.ids[slot] = undefined;
    this.prompts[slot] = undefined;
  }
}
