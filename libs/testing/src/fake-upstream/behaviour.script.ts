import type { Behaviour } from './fake-upstream.types';

/** Per-path scripted behaviours: queued ones first, in order, then the path's default. */
export class BehaviourScript {
  private readonly queues = new Map<string, Behaviour[]>();
  private readonly defaults = new Map<string, Behaviour>();

  enqueue(path: string, behaviours: readonly Behaviour[]): void {
    const queue = this.queues.get(path);
    if (queue) queue.push(...behaviours);
    else if (behaviours.length > 0) this.queues.set(path, [...behaviours]);
  }

  setDefault(path: string, behaviour: Behaviour): void {
    this.defaults.set(path, behaviour);
  }

  /** Takes the next behaviour for a request to `path`, or undefined when nothing is scripted. */
  next(path: string): Behaviour | undefined {
    const queue = this.queues.get(path);
    if (queue) {
      const behaviour = queue.shift();
      if (queue.length === 0) this.queues.delete(path);
      return behaviour;
    }
    return this.defaults.get(path);
  }

  reset(): void {
    this.queues.clear();
    this.defaults.clear();
  }
}
