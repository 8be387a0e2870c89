import type { LoadSummary } from './scenarios';
import type { BenchSettings } from './settings';
import type { StreamingResult } from './streaming';

/** Everything one bench run measured, in the order the report shows it. */
export interface BenchResults {
  readonly startedAt: Date;
  readonly elapsedSeconds: number;
  readonly settings: BenchSettings;
  readonly throughput: readonly LoadSummary[];
  readonly latency: readonly LoadSummary[];
  readonly streaming: readonly StreamingResult[];
}

export const DIRECT = 'direct';
export const VIA_SERVICE = 'via service';
export const VIA_SILENT_SERVICE = 'via service, LOG_LEVEL=silent';

/** The row of one target; the bench always measures both direct and via service, so a miss is a bug. */
export function rowOf<T extends { readonly target: string }>(rows: readonly T[], target: string): T {
  const row = rows.find((candidate) => candidate.target === target);
  if (!row) throw new Error(`no result for target "${target}"`);
  return row;
}
