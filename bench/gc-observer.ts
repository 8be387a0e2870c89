// Loaded into a measured process with `node --require <this file>` by the bench only, so the service's
// own code stays as production runs it. Appends one line per garbage-collection pause to the file named
// by BENCH_GC_LOG: "<start, epoch ms> <pause ms> <kind>"; `gc-pauses.ts` reads it back per run window.
import { appendFileSync } from 'node:fs';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

const KINDS: Readonly<Record<number, string>> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak-callbacks',
};

function lineOf(entry: PerformanceEntry): string {
  // `detail.kind` is on GC entries since Node 16; the typings only declare it on marks and measures.
  const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
  return `${(performance.timeOrigin + entry.startTime).toFixed(3)} ${entry.duration.toFixed(3)} ${KINDS[kind] ?? 'other'}\n`;
}

const file = process.env.BENCH_GC_LOG;
if (file) {
  // Entries arrive in batches after the pauses, never inside one; one small write per batch.
  new PerformanceObserver((list) => appendFileSync(file, list.getEntries().map(lineOf).join(''))).observe({ entryTypes: ['gc'] });
}
