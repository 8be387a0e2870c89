/** Counters about generation requests, read by tests and by /api/extra/perf. */
export interface GenerationStats {
  /** The most generations in progress at once since start or the last reset. */
  readonly maxConcurrentGenerations: number;
  /** Generation requests refused with the busy 503 because every slot was taken. */
  readonly busyRefusals: number;
  /** Generations accepted whose response has not finished and whose client is still there. */
  readonly generationsInProgress: number;
  /** Generations whose whole 200 response went out. */
  readonly servedGenerations: number;
}

/**
 * Counts generations in progress and, with a slot limit, refuses the ones beyond it, the way
 * KoboldCPP without --multiuser answers busy instead of queueing. Without a limit it only counts.
 */
export class GenerationTracker implements GenerationStats {
  private inProgress = 0;
  private highest = 0;
  private refused = 0;
  private served = 0;

  constructor(private readonly slots: number | undefined) {
    if (slots !== undefined && !(Number.isSafeInteger(slots) && slots >= 1)) {
      throw new RangeError(`FakeUpstream: slots must be a whole number of at least 1, got ${slots}`);
    }
  }

  get maxConcurrentGenerations(): number {
    return this.highest;
  }

  get busyRefusals(): number {
    return this.refused;
  }

  get generationsInProgress(): number {
    return this.inProgress;
  }

  get servedGenerations(): number {
    return this.served;
  }

  /** Takes a slot; false (and one more refusal) when every slot is taken. */
  tryAcquire(): boolean {
    if (this.slots !== undefined && this.inProgress >= this.slots) {
      this.refused += 1;
      return false;
    }
    this.inProgress += 1;
    if (this.inProgress > this.highest) this.highest = this.inProgress;
    return true;
  }

  /** Gives a slot back once its generation is over; `answeredOk` counts it as served. */
  release(answeredOk: boolean): void {
    this.inProgress -= 1;
    if (answeredOk) this.served += 1;
  }

  /** Generations still running keep their slots, so the high-water mark restarts from them. */
  reset(): void {
    this.highest = this.inProgress;
    this.refused = 0;
    this.served = 0;
  }
}
