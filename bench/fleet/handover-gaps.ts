import type { GenerationSpan } from '../memory/fake-host';
import { percentile } from '../stats';

/** Distribution of hand-over delays, in ms. */
export interface GapStats {
  readonly count: number;
  /** Gaps over the `slowMs` given. */
  readonly slow: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

export interface HandoverGaps {
  /** Every consecutive pair of served generations. */
  readonly all: GapStats;
  /** Pairs whose second generation came from the replica of the first. */
  readonly sameReplica: GapStats;
  /** Pairs whose second generation came from another replica. */
  readonly crossReplica: GapStats;
  /** Generations per replica among those timed (the fairness of the shared slot). */
  readonly perReplica: Readonly<Record<string, number>>;
  /** The longest run of consecutive generations from one replica. */
  readonly longestRun: number;
  /** Pairs that overlapped at the fake (a single slot held twice): must be 0. */
  readonly overlaps: number;
  /** Pairs left out because one of the two was cut short rather than served. */
  readonly unserved: number;
}

/**
 * The idle time of one slot between generations: start of generation n+1 minus end of generation n,
 * at the fake, for the first `pairs` consecutive pairs of `spans` (in the order they took the slot).
 * `replicaOf` reads the sending replica off the prompt.
 */
export function handoverGaps(spans: readonly GenerationSpan[], pairs: number, replicaOf: (prompt: string) => string, slowMs: number): HandoverGaps {
  const ordered = [...spans].sort((a, b) => a.startedAt - b.startedAt).slice(0, pairs + 1);
  const same: number[] = [];
  const cross: number[] = [];
  const perReplica: Record<string, number> = {};
  let overlaps = 0;
  let unserved = 0;
  let run = 0;
  let longestRun = 0;
  ordered.forEach((span, i) => {
    const replica = replicaOf(span.prompt);
    perReplica[replica] = (perReplica[replica] ?? 0) + 1;
    run = i > 0 && replicaOf(ordered[i - 1].prompt) === replica ? run + 1 : 1;
    longestRun = Math.max(longestRun, run);
    if (i === 0) return;
    const previous = ordered[i - 1];
    if (!previous.answeredOk || !span.answeredOk) {
      unserved += 1;
      return;
    }
    const gap = span.startedAt - previous.endedAt;
    if (gap < 0) overlaps += 1;
    (replicaOf(previous.prompt) === replica ? same : cross).push(gap);
  });
  return { all: gapStats([...same, ...cross], slowMs), sameReplica: gapStats(same, slowMs), crossReplica: gapStats(cross, slowMs), perReplica, longestRun, overlaps, unserved };
}

export function gapStats(gaps: readonly number[], slowMs: number): GapStats {
  return {
    count: gaps.length,
    slow: gaps.filter((gap) => gap > slowMs).length,
    p50: percentile(gaps, 50),
    p90: percentile(gaps, 90),
    p99: percentile(gaps, 99),
    max: gaps.length === 0 ? Number.NaN : Math.max(...gaps),
  };
}

/** Idle time between consecutive served generations of one fake, in ms (any replica). */
export function idleGaps(spans: readonly GenerationSpan[]): number[] {
  const ordered = [...spans].sort((a, b) => a.startedAt - b.startedAt);
  const gaps: number[] = [];
  for (let i = 1; i < ordered.length; i += 1) {
    if (ordered[i - 1].answeredOk && ordered[i].answeredOk) gaps.push(ordered[i].startedAt - ordered[i - 1].endedAt);
  }
  return gaps;
}
