import { startCpuWindow, type CpuShares } from '../cpu';
import type { FakeStats } from '../memory/fake-host';
import type { FakeHost } from '../memory/fake-host-process';
import { probe } from '../probe';
import type { BenchSettings } from '../settings';
import { percentile } from '../stats';
import { serviceTarget } from '../targets';
import { SLOW_HANDOVER_MS } from './handover';
import { gapStats, idleGaps, type GapStats } from './handover-gaps';
import { spread, startFleetLoad, statusCounts, type Answer, type FleetLoadResult } from './fleet-load';
import { startReplicas, type ReplicaGroup, type SlotsMode } from './replicas';
import { sleep } from './waiting';

// Far above any wait the queue allows (UPSTREAM_QUEUE_TIMEOUT_MS, 30 s): an answer is never cut by the load generator.
const ANSWER_TIMEOUT_SECONDS = 60;
/** Load kept on after the measured window, so the window's last answers are not cut by the end of the run. */
const TAIL_SECONDS = 1;
const SETTLE_MS = 500;

export interface ThroughputResult {
  readonly slots: SlotsMode;
  readonly replicas: number;
  readonly upstreams: number;
  readonly connectionsPerReplica: readonly number[];
  readonly seconds: number;
  /** 200 answers completed in the measured window, per second. */
  readonly eventsPerSecond: number;
  /** upstreams / generation time: every slot busy all the time, with no gap between generations. */
  readonly idealPerSecond: number;
  /** Latency of those 200 answers. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
  /** Fewest and most 200 answers one connection got in the window, and connections that got none. */
  readonly perConnection: { readonly fewest: number; readonly most: number; readonly none: number };
  /** 200 answers in the measured window, per replica (fairness). */
  readonly perReplica: readonly number[];
  /** Every answer of the run (warm-up and tail included), by HTTP status. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly timeouts: number;
  /** Each fake's counters from the start of the warm-up to the end of the measured window, while the load still ran. */
  readonly fakes: readonly FakeStats[];
  /**
   * The same once the load generator has stopped and closed its connections, cutting the events in
   * flight: the service gives a cancelled event's slot back at once, and the fake lets go of it only
   * when it notices the disconnect.
   */
  readonly fakesAfterCut: readonly FakeStats[];
  /** Idle time of a fake's slot between two served generations, over every fake and the whole run. */
  readonly idleGaps: GapStats;
  /** Share of one core per process over the whole run. */
  readonly cpu: CpuShares;
  readonly shutdownProblems: readonly string[];
}

/**
 * `replicas` services in front of every fake (single-slot, `generationMs` per generation), loaded with
 * `connections` in all for a warm-up and then the measured window. The fakes are reset first, so their
 * counters cover exactly this run.
 */
export async function measureThroughput(settings: BenchSettings, slots: SlotsMode, fakes: readonly FakeHost[], log: (line: string) => void): Promise<ThroughputResult> {
  const { replicas, connections, seconds, warmupSeconds, generationMs } = settings.fleet;
  const upstreamUrls = fakes.map((fake) => fake.url);
  let group: ReplicaGroup | undefined;
  let run: { load: FleetLoadResult; cpu: CpuShares; atWindowEnd: FakeStats[] };
  const perReplicaConnections = spread(connections, replicas);
  try {
    group = await startReplicas({ label: `throughput-${slots}`, replicas, upstreamUrls, slots, concurrency: 1 }, settings);
    for (const [i, server] of group.servers.entries()) await probe(serviceTarget(server.url, `${group.label} replica ${i + 1}`));
    await Promise.all(fakes.map((fake) => fake.reset()));
    const pids = {
      ...Object.fromEntries(group.servers.map((server, i) => [`replica ${i + 1}`, server.child.pid])),
      ...Object.fromEntries(fakes.map((fake, i) => [`fake ${i + 1}`, fake.child.pid])),
    };
    const stopCpu = startCpuWindow(pids);
    const loads = group.servers.map((server, i) => ({ url: server.url, connections: perReplicaConnections[i], prompt: `fleet throughput via replica ${i + 1}` }));
    const running = startFleetLoad(loads, warmupSeconds + seconds + TAIL_SECONDS, ANSWER_TIMEOUT_SECONDS);
    const atWindowEnd = sleep((warmupSeconds + seconds) * 1000).then(() => Promise.all(fakes.map((fake) => fake.stats())));
    // Awaited below; this only keeps a failure from counting as unhandled while the load still runs.
    atWindowEnd.catch(() => undefined);
    const load = await running.finished;
    run = { load, cpu: stopCpu(), atWindowEnd: await atWindowEnd };
  } catch (error) {
    await group?.stop();
    throw error;
  }
  // The fakes notice the last disconnects within a moment; their counters settle before they are read.
  await sleep(SETTLE_MS);
  const afterCut = await Promise.all(fakes.map((fake) => fake.stats()));
  const spans = await Promise.all(fakes.map((fake) => fake.generations()));
  const shutdownProblems = await group.stop();

  const windowStart = run.load.startedAt + warmupSeconds * 1000;
  const measured = run.load.answers.filter((answer) => answer.status === 200 && answer.at >= windowStart && answer.at < windowStart + seconds * 1000);
  const result: ThroughputResult = {
    slots,
    replicas,
    upstreams: fakes.length,
    connectionsPerReplica: perReplicaConnections,
    seconds,
    eventsPerSecond: measured.length / seconds,
    idealPerSecond: fakes.length / (generationMs / 1000),
    p50Ms: percentile(latencies(measured), 50),
    p99Ms: percentile(latencies(measured), 99),
    meanMs: latencies(measured).reduce((total, latency) => total + latency, 0) / measured.length,
    maxMs: Math.max(...latencies(measured)),
    perConnection: perConnection(measured, perReplicaConnections),
    perReplica: group.servers.map((_, i) => measured.filter((answer) => answer.replica === i).length),
    statuses: statusCounts(run.load.answers),
    errors: run.load.errors,
    timeouts: run.load.timeouts,
    fakes: run.atWindowEnd,
    fakesAfterCut: afterCut,
    idleGaps: gapStats(spans.flatMap(idleGaps), SLOW_HANDOVER_MS),
    cpu: run.cpu,
    shutdownProblems,
  };
  log(
    `  ${slots} slots: ${result.eventsPerSecond.toFixed(1)} events/s (ideal ${result.idealPerSecond.toFixed(0)}), p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms; ` +
      `answers ${JSON.stringify(result.statuses)}; busy refusals ${run.atWindowEnd.map((fake) => fake.busyRefusals).join('/')}, ` +
      `max concurrent ${run.atWindowEnd.map((fake) => fake.maxConcurrentGenerations).join('/')}; busy refusals after the cut ${afterCut.map((fake) => fake.busyRefusals).join('/')}`,
  );
  return result;
}

function latencies(answers: readonly Answer[]): number[] {
  return answers.map((answer) => answer.latencyMs);
}

function perConnection(answers: readonly Answer[], connections: readonly number[]): ThroughputResult['perConnection'] {
  const counts = new Map<string, number>();
  for (const { replica, connection } of answers) counts.set(`${replica}/${connection}`, (counts.get(`${replica}/${connection}`) ?? 0) + 1);
  const none = connections.reduce((total, count) => total + count, 0) - counts.size;
  const values = [...counts.values(), ...Array<number>(none).fill(0)];
  return { fewest: Math.min(...values), most: Math.max(...values), none };
}
