import { BARE_PROXY, DIRECT, rowOf, type BenchResults } from './results';
import type { LoadSummary } from './scenarios';

/** The 1-connection tail of every target as real (open-loop) traffic meets it, with the GC pauses behind it. */
export const TAIL_HEADERS = [
  'Target (1 conn)',
  'p99 ms',
  'corrected p99 ms',
  'added corrected p99',
  'above bare proxy',
  'GC % of time (scavenges)',
  'longest GC pause',
  'GC pauses per run',
] as const;

export function tailRows(results: BenchResults): string[][] {
  const direct = rowOf(results.latency, DIRECT);
  const bare = rowOf(results.latency, BARE_PROXY);
  return results.latency.map((row) => tailCells(row, direct, bare));
}

function tailCells(row: LoadSummary, direct: LoadSummary, bare: LoadSummary): string[] {
  const measuredAgainst = (baseline: LoadSummary): string =>
    row === baseline || row.target === DIRECT ? '-' : `${signed(row.correctedP99Ms - baseline.correctedP99Ms)} ms`;
  return [
    row.target,
    row.p99Ms.toFixed(3),
    row.correctedP99Ms.toFixed(3),
    measuredAgainst(direct),
    row.target === BARE_PROXY ? '-' : measuredAgainst(bare),
    row.gc ? `${row.gc.sharePercent.toFixed(2)} % (${row.gc.scavengeSharePercent.toFixed(2)} %)` : '-',
    row.gc ? `${row.gc.longestMs.toFixed(1)} ms` : '-',
    row.gc ? row.gc.count.toFixed(0) : '-',
  ];
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}
