import { existsSync, readFileSync } from 'node:fs';

/** Garbage-collection pauses of one process during one run. */
export interface GcPauses {
  /** Share of the run's wall time the process spent paused, in percent. */
  readonly sharePercent: number;
  readonly longestMs: number;
  readonly count: number;
}

/**
 * Starts a window over the pauses `gc-observer.ts` logs to `file`; the returned function closes it and
 * sums the pauses that began inside it.
 */
export function startGcWindow(file: string): () => GcPauses {
  const startedAt = Date.now();
  return () => {
    const endedAt = Date.now();
    const pauses = pausesIn(file, startedAt, endedAt);
    const total = pauses.reduce((sum, pause) => sum + pause, 0);
    const wallMs = Math.max(1, endedAt - startedAt);
    return { sharePercent: (100 * total) / wallMs, longestMs: Math.max(0, ...pauses), count: pauses.length };
  };
}

function pausesIn(file: string, fromEpochMs: number, toEpochMs: number): number[] {
  if (!existsSync(file)) return [];
  const pauses: number[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [start, duration] = line.split(' ').map(Number);
    if (start >= fromEpochMs && start < toEpochMs) pauses.push(duration);
  }
  return pauses;
}
