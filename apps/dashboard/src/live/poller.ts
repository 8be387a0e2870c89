/**
 * Runs an async task now and then every `intervalMs` until stopped: the fallback while the stream is
 * down. The next run is scheduled after the previous one settles, so a slow server never gets
 * overlapping requests from one page.
 */
type Timer = ReturnType<typeof setTimeout>;

export class Poller {
  private timer: Timer | undefined;
  /** Bumped on every start/stop so a run that settles after stop() cannot schedule another. */
  private generation = 0;
  private active = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  get running(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    void this.run(++this.generation);
  }

  stop(): void {
    this.active = false;
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async run(generation: number): Promise<void> {
    try {
      await this.task();
    } catch {
      // The task reports its own failures; a throw here must not end the polling loop.
    }
    if (this.active && generation === this.generation) {
      this.timer = setTimeout(() => void this.run(generation), this.intervalMs);
    }
  }
}
