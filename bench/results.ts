import type { LoadSummary } from './scenarios';
import type { BenchSettings } from './settings';
import type { StreamingResult } from './streaming';
import type { VariantId } from './variants';

/** A service configuration that was measured, under its target name in the result rows. */
export interface MeasuredVariant {
  readonly id: VariantId;
  readonly target: string;
  readonly description: string;
}

/** Everything one load-suite run measured, in the order the report shows it. */
export interface BenchResults {
  readonly startedAt: Date;
  readonly elapsedSeconds: number;
  readonly settings: BenchSettings;
  readonly variants: readonly MeasuredVariant[];
  /** Variants asked for but not measured, with the reason (e.g. no Redis answering). */
  readonly skipped: readonly { readonly id: VariantId; readonly reason: string }[];
  readonly throughput: readonly LoadSummary[];
  readonly latency: readonly LoadSummary[];
  readonly streaming: readonly StreamingResult[];
}

export const DIRECT = 'direct';
export const VIA_SERVICE = 'via service';
/** node:http in, undici out, nothing else: what the service's own per-request work is set against. */
export const BARE_PROXY = 'bare proxy';

/** The row name of the service in one configuration, e.g. "via service (auth+redis)". */
export function viaService(id: VariantId | string): string {
  return `${VIA_SERVICE} (${id})`;
}

export const VIA_SILENT_SERVICE = viaService('off, LOG_LEVEL=silent');
/** `BENCH_BASELINE_MAIN`'s build in the auth+memory configuration; its process is named `baseline` in the CPU shares. */
export const VIA_BASELINE_SERVICE = viaService('auth+memory, baseline build');
export const BASELINE_PROCESS = 'baseline';

/** The row of one target; the bench always measures direct and every variant it lists, so a miss is a bug. */
export function rowOf<T extends { readonly target: string }>(rows: readonly T[], target: string): T {
  const row = rows.find((candidate) => candidate.target === target);
  if (!row) throw new Error(`no result for target "${target}"`);
  return row;
}
