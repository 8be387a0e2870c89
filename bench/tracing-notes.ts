import { cpuPerEventUs } from './headlines';
import { BASELINE_PROCESS, VIA_BASELINE_SERVICE, viaService, type BenchResults } from './results';

const UNTRACED = 'auth+memory';
const TRACED = 'auth+memory+tracing';

/** CPU time per event of one process during one target's throughput runs, and that target's rate. */
function costOf(results: BenchResults, target: string, process: string): { cpuUs: number; rate: number } | undefined {
  const row = results.throughput.find((candidate) => candidate.target === target);
  const cpuUs = row ? cpuPerEventUs(row.cpu[process], row.requestsPerSecond) : undefined;
  return row && cpuUs !== undefined ? { cpuUs, rate: row.requestsPerSecond } : undefined;
}

const percent = (a: number, b: number): string => `${a >= b ? '+' : ''}${((100 * (a - b)) / b).toFixed(1)}%`;

/**
 * What tracing costs, from the same run: on (every event sampled and exported) against off, and off
 * against another build (`BENCH_BASELINE_MAIN`: say the commit before a change), in service CPU per event.
 */
export function tracingNotes(results: BenchResults): string[] {
  const notes: string[] = [];
  const off = costOf(results, viaService(UNTRACED), UNTRACED);
  const on = costOf(results, viaService(TRACED), TRACED);
  const sink = costOf(results, viaService(TRACED), 'otlp sink');
  const baseline = costOf(results, VIA_BASELINE_SERVICE, BASELINE_PROCESS);
  if (off && on) {
    notes.push(
      `Tracing on (${TRACED}, every event sampled) costs the service ${(on.cpuUs - off.cpuUs).toFixed(0)} µs of CPU per event over tracing off ` +
        `(${on.cpuUs.toFixed(0)} vs ${off.cpuUs.toFixed(0)} µs, ${percent(on.cpuUs, off.cpuUs)}; rate ${percent(on.rate, off.rate)})` +
        `${sink ? `; the collector (the bench's sink) took ${sink.cpuUs.toFixed(0)} µs per event more` : ''}.`,
    );
  }
  if (off && baseline) {
    notes.push(
      `This build against the baseline build (BENCH_BASELINE_MAIN), both auth+memory with tracing off: ${UNTRACED} used ${off.cpuUs.toFixed(0)} µs of CPU per event, the baseline build ` +
        `${baseline.cpuUs.toFixed(0)} µs in the same run (${percent(off.cpuUs, baseline.cpuUs)}; rate ${percent(off.rate, baseline.rate)}).`,
    );
  }
  return notes;
}
