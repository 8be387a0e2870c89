import { correctedForCoordinatedOmission, meanOf } from './coordinated-omission';
import { startCpuWindow, type CpuShares } from './cpu';
import { startGcWindow, type GcPauses } from './gc-pauses';
import { loadTarget } from './load';
import { median, percentile } from './stats';
import type { Target } from './targets';

export interface LoadPlan {
  readonly connections: number;
  readonly seconds: number;
  readonly runs: number;
  readonly warmupSeconds: number;
  /** Processes whose CPU share is recorded per run, by name. */
  readonly pids: Readonly<Record<string, number>>;
  /** GC pause logs (bench/gc-observer.ts) of the processes behind targets, by target name. */
  readonly gcLogs?: Readonly<Record<string, string>>;
}

/** One target under one load: medians over the runs, plus each run's rate to show the spread. */
export interface LoadSummary {
  readonly target: string;
  readonly connections: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** p99 corrected for coordinated omission (see coordinated-omission.ts): what callers arriving at a steady rate see. */
  readonly correctedP99Ms: number;
  readonly runRates: readonly number[];
  readonly cpu: CpuShares;
  /** The target process's GC pauses: median share and count over the runs, and the longest of any run. */
  readonly gc: GcPauses | undefined;
}

interface RunSample {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly correctedP99Ms: number;
  readonly cpu: CpuShares;
  readonly gc: GcPauses | undefined;
}

/**
 * Measures every target under the same load. Runs alternate between targets (and flip order each
 * round) so that drift on a shared machine, such as a noisy neighbour, hits all targets alike.
 */
export async function measureLoad(targets: readonly Target[], plan: LoadPlan, log: (line: string) => void): Promise<LoadSummary[]> {
  for (const target of targets) {
    log(`  warm-up ${target.name}: ${plan.warmupSeconds} s at ${plan.connections} connection(s)`);
    await loadTarget(target, plan.connections, plan.warmupSeconds);
  }
  const samples = new Map<string, RunSample[]>(targets.map((target) => [target.name, []]));
  for (let run = 0; run < plan.runs; run += 1) {
    const order = run % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const gcLog = plan.gcLogs?.[target.name];
      const stopGc = gcLog ? startGcWindow(gcLog) : undefined;
      const stopCpu = startCpuWindow(plan.pids);
      const result = await loadTarget(target, plan.connections, plan.seconds);
      const cpu = stopCpu();
      const sample = sampleOf(result.requestsPerSecond, result.latenciesMs, cpu, stopGc?.());
      samples.get(target.name)?.push(sample);
      log(`  run ${run + 1}/${plan.runs} ${target.name}: ${describe(sample)}`);
    }
  }
  return targets.map((target) => summarise(target.name, plan.connections, samples.get(target.name) ?? []));
}

function sampleOf(requestsPerSecond: number, latenciesMs: readonly number[], cpu: CpuShares, gc: GcPauses | undefined): RunSample {
  const corrected = correctedForCoordinatedOmission(latenciesMs, meanOf(latenciesMs));
  return { requestsPerSecond, p50Ms: percentile(latenciesMs, 50), p99Ms: percentile(latenciesMs, 99), correctedP99Ms: percentile(corrected, 99), cpu, gc };
}

function describe(sample: RunSample): string {
  const gc = sample.gc ? `; GC ${sample.gc.sharePercent.toFixed(2)} % of the time (scavenges ${sample.gc.scavengeSharePercent.toFixed(2)} %), longest pause ${sample.gc.longestMs.toFixed(1)} ms` : '';
  const latency = `p50 ${sample.p50Ms.toFixed(3)} ms, p99 ${sample.p99Ms.toFixed(3)} ms (corrected ${sample.correctedP99Ms.toFixed(3)} ms)`;
  return `${sample.requestsPerSecond.toFixed(0)} req/s, ${latency}${gc}`;
}

function summarise(target: string, connections: number, runs: readonly RunSample[]): LoadSummary {
  const processes = Object.keys(runs[0]?.cpu ?? {});
  const cpu = Object.fromEntries(
    processes.map((name) => {
      const shares = runs.map((run) => run.cpu[name]).filter((share): share is number => share !== undefined);
      return [name, shares.length > 0 ? median(shares) : undefined];
    }),
  );
  return {
    target,
    connections,
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    correctedP99Ms: median(runs.map((run) => run.correctedP99Ms)),
    runRates: runs.map((run) => run.requestsPerSecond),
    cpu,
    gc: summariseGc(runs.map((run) => run.gc).filter((gc): gc is GcPauses => gc !== undefined)),
  };
}

function summariseGc(runs: readonly GcPauses[]): GcPauses | undefined {
  if (runs.length === 0) return undefined;
  return {
    sharePercent: median(runs.map((run) => run.sharePercent)),
    scavengeSharePercent: median(runs.map((run) => run.scavengeSharePercent)),
    longestMs: Math.max(...runs.map((run) => run.longestMs)),
    count: median(runs.map((run) => run.count)),
  };
}
