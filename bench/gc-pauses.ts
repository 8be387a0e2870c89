import { existsSync, readFileSync } from 'node:fs';

/** Garbage-collection pauses of one process during one run. */
export interface GcPauses {
  /** Share of the run's wall time the process spent paused, in percent. */
  readonly sharePercent: number;
  /**
   * The part of it spent in scavenges (young-generation collections, set by what a request allocates); the
   * rest is the full collections' work (incremental-marking steps, the final mark-compact, weak callbacks).
   */
  readonly scavengeSharePercent: number;
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
    const sharePercentOf = (some: readonly Pause[]) => (100 * some.reduce((sum, pause) => sum + pause.ms, 0)) / Math.max(1, endedAt - startedAt);
    return {
      sharePercent: sharePercentOf(pauses),
      scavengeSharePercent: sharePercentOf(pauses.filter((pause) => pause.kind === 'scavenge')),
      longestMs: Math.max(0, ...pauses.map((pause) => pause.ms)),
      count: pauses.length,
    };
  };
}

/** One line of the observer's log: its duration and kind (`scavenge`, `mark-compact`, `incremental`, ...). */
interface Pause {
  readonly ms: number;
  readonly kind: string;
}

function pausesIn(file: string, fromEpochMs: number, toEpochMs: number): Pause[] {
  if (!existsSync(file)) return [];
  const pauses: Pause[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [start, duration, kind = 'other'] = line.split(' ');
    if (Number(start) >= fromEpochMs && Number(start) < toEpochMs) pauses.push({ ms: Number(duration), kind });
  }
  return pauses;
}
