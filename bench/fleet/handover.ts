import type { FakeStats, GenerationSpan } from '../memory/fake-host';
import { startFakeHost, type FakeHost } from '../memory/fake-host-process';
import { probe } from '../probe';
import type { BenchSettings } from '../settings';
import { serviceTarget } from '../targets';
import { startFleetLoad, statusCounts, type FleetLoadResult } from './fleet-load';
import { handoverGaps, type HandoverGaps } from './handover-gaps';
import { startReplicas, type ReplicaGroup, type SlotsMode } from './replicas';
import { eventually, sleep } from './waiting';

/**
 * Far slower than a hand-over by announcement: the releasing replica serves its own queue as soon as Redis
 * confirms the release, and the others when the announcement arrives, each within a few ms; a missed
 * announcement is caught by the 250 ms re-check timer.
 */
export const SLOW_HANDOVER_MS = 100;
const ANSWER_TIMEOUT_SECONDS = 60;

export interface HandoverResult {
  readonly slots: SlotsMode;
  readonly replicas: number;
  readonly connectionsPerReplica: number;
  readonly generationMs: number;
  readonly gaps: HandoverGaps;
  /** Every answer the load got, warm-up included, by HTTP status. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly timeouts: number;
  /** The fake's counters over the timed generations (and the few that ended before the load stopped). */
  readonly fake: FakeStats;
  readonly shutdownProblems: readonly string[];
}

const promptOf = (replica: number): string => `fleet hand-over from replica ${replica}`;
const replicaOf = (prompt: string): string => /replica \d+$/.exec(prompt)?.[0] ?? 'unknown';

/**
 * `replicas` services, each with events always waiting, in front of one single-slot fake whose every
 * generation takes `handoverGenerationMs`: the fake's one slot never idles for want of work, so each
 * gap between two generations is the time the freed slot took to reach the next event.
 */
export async function measureHandover(settings: BenchSettings, slots: SlotsMode, replicas: number, log: (line: string) => void): Promise<HandoverResult> {
  const { handoverGenerations, handoverGenerationMs, handoverConnectionsPerReplica } = settings.fleet;
  const fake = await startFakeHost(`fake upstream (hand-over, ${slots})`, ['--slots', '1', '--generation-delay-ms', String(handoverGenerationMs)]);
  let group: ReplicaGroup | undefined;
  let timed: { spans: GenerationSpan[]; fake: FakeStats; load: FleetLoadResult };
  try {
    group = await startReplicas({ label: `handover-${slots}`, replicas, upstreamUrls: [fake.url], slots, concurrency: 1 }, settings);
    timed = await timeGenerations(group, fake, settings);
  } catch (error) {
    await group?.stop();
    await fake.child.stop();
    throw error;
  }
  const shutdownProblems = await group.stop();
  await fake.child.stop();
  const gaps = handoverGaps(timed.spans, handoverGenerations, replicaOf, SLOW_HANDOVER_MS);
  const statuses = statusCounts(timed.load.answers);
  log(
    `  ${slots} slots, ${replicas} replica(s): hand-over p50 ${gaps.all.p50.toFixed(2)} ms, p99 ${gaps.all.p99.toFixed(2)} ms, max ${gaps.all.max.toFixed(2)} ms ` +
      `(${gaps.crossReplica.count} of ${gaps.all.count} to another replica); answers ${JSON.stringify(statuses)}`,
  );
  return {
    slots,
    replicas,
    connectionsPerReplica: handoverConnectionsPerReplica,
    generationMs: handoverGenerationMs,
    gaps,
    statuses,
    errors: timed.load.errors,
    timeouts: timed.load.timeouts,
    fake: timed.fake,
    shutdownProblems,
  };
}

/** Loads every replica, starts the fake's log after the warm-up, and stops once enough generations ended. */
async function timeGenerations(group: ReplicaGroup, fake: FakeHost, settings: BenchSettings): Promise<{ spans: GenerationSpan[]; fake: FakeStats; load: FleetLoadResult }> {
  const { handoverGenerations, handoverGenerationMs, handoverConnectionsPerReplica } = settings.fleet;
  for (const [i, server] of group.servers.entries()) await probe(serviceTarget(server.url, `${group.label} replica ${i + 1}`));
  // Generous: the load is stopped as soon as enough generations were timed.
  const maxSeconds = settings.warmupSeconds + Math.ceil((handoverGenerations * (handoverGenerationMs + 50)) / 1000) + 60;
  const loads = group.servers.map((server, i) => ({ url: server.url, connections: handoverConnectionsPerReplica, prompt: promptOf(i + 1) }));
  const load = startFleetLoad(loads, maxSeconds, ANSWER_TIMEOUT_SECONDS);
  try {
    await sleep(settings.warmupSeconds * 1000);
    await fake.reset();
    // One more than the pairs, and one for a generation that took the slot before the reset (not logged).
    const wanted = handoverGenerations + 2;
    await eventually(async () => (await fake.stats()).servedGenerations >= wanted, (maxSeconds - settings.warmupSeconds) * 1000, `${wanted} generations at the fake`);
    return { spans: await fake.generations(), fake: await fake.stats(), load: await stopped(load) };
  } catch (error) {
    load.stop();
    await load.finished;
    throw error;
  }
}

async function stopped(load: ReturnType<typeof startFleetLoad>): Promise<FleetLoadResult> {
  load.stop();
  return load.finished;
}
