/**
 * A fixed-size ring buffer of the most recent snapshots. Each entry gets a sequence number that never
 * changes, so the history explorer can keep showing "the same" snapshot while newer ones push older
 * ones out (an index into the buffer would silently shift under the viewer).
 */

export interface SeqRange {
  /** Sequence number of the oldest kept entry. */
  first: number;
  /** Sequence number of the newest entry. */
  last: number;
}

export class SnapshotHistory<T> {
  private readonly items: (T | undefined)[];
  private nextSeq = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return Math.min(this.nextSeq, this.capacity);
  }

  /** The kept sequence numbers, or null while empty. */
  range(): SeqRange | null {
    if (this.nextSeq === 0) return null;
    return { first: this.nextSeq - this.size, last: this.nextSeq - 1 };
  }

  /** Adds an entry, evicting the oldest when full; returns its sequence number. */
  push(item: T): number {
    const seq = this.nextSeq++;
    this.items[seq % this.capacity] = item;
    return seq;
  }

  /** The entry with that sequence number, or undefined if it was evicted or never existed. */
  get(seq: number): T | undefined {
    const range = this.range();
    if (!range || !Number.isInteger(seq) || seq < range.first || seq > range.last) return undefined;
    return this.items[seq % this.capacity];
  }

  latest(): T | undefined {
    const range = this.range();
    return range ? this.get(range.last) : undefined;
  }

  /** Entries from `fromSeq` to `toSeq` inclusive, clamped to what is kept, oldest first. */
  slice(fromSeq: number, toSeq: number): T[] {
    const range = this.range();
    if (!range) return [];
    const out: T[] = [];
    for (let seq = Math.max(fromSeq, range.first); seq <= Math.min(toSeq, range.last); seq++) out.push(this.items[seq % this.capacity] as T);
    return out;
  }
}
