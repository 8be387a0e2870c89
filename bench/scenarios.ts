import { startCpuWindow, type CpuShares } from './cpu';
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
}

/** One target under one load: medians over the runs, plus each run's rate to show the spread. */
export interface LoadSummary {
  readonly target: string;
  readonly connections: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly runRates: readonly number[];
  readonly cpu: CpuShares;
}

interface RunSample {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpu: CpuShares;
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
      const stopCpu = startCpuWindow(plan.pids);
      const result = await loadTarget(target, plan.connections, plan.seconds);
      const cpu = stopCpu();
      const sample = { requestsPerSecond: result.requestsPerSecond, p50Ms: percentile(result.latenciesMs, 50), p99Ms: percentile(result.latenciesMs, 99), cpu };
      samples.get(target.name)?.push(sample);
      log(`  run ${run + 1}/${plan.runs} ${target.name}: ${sample.requestsPerSecond.toFixed(0)} req/s, p50 ${sample.p50Ms.toFixed(3)} ms, p99 ${sample.p99Ms.toFixed(3)} ms`);
    }
  }
  return targets.map((target) => summarise(target.name, plan.connections, samples.get(target.name) ?? []));
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
    runRates: runs.map((run) => run.requestsPerSecond),
    cpu,
  };
}
