import type { FakeStats } from '../memory/fake-host';
import { startFakeHost } from '../memory/fake-host-process';
import { probe } from '../probe';
import { measureLoad, type LoadSummary } from '../scenarios';
import type { BenchSettings } from '../settings';
import { serviceTarget } from '../targets';
import { startReplicas, type ReplicaGroup, type SlotsMode } from './replicas';

/** Slots per upstream in this measurement: far more than one connection can use, so none is ever waited for. */
export const LATENCY_SLOTS = 64;

export interface LeaseLatencyResult {
  readonly local: LoadSummary;
  readonly redis: LoadSummary;
  readonly fake: FakeStats;
  readonly shutdownProblems: readonly string[];
}

export const targetName = (slots: SlotsMode): string => `1 replica, ${slots} slots`;

/**
 * What taking and giving back a slot lease in Redis adds to one event: one replica with local slots and
 * one with Redis slots, side by side against one fake that never makes anyone wait, loaded one event at
 * a time, runs alternating (bench/scenarios.ts).
 */
export async function measureLeaseLatency(settings: BenchSettings, log: (line: string) => void): Promise<LeaseLatencyResult> {
  const fake = await startFakeHost('fake upstream (lease latency)', ['--slots', String(LATENCY_SLOTS)]);
  const groups: ReplicaGroup[] = [];
  let measured: { local: LoadSummary; redis: LoadSummary; fake: FakeStats };
  try {
    for (const slots of ['local', 'redis'] as const) {
      groups.push(await startReplicas({ label: `latency-${slots}`, replicas: 1, upstreamUrls: [fake.url], slots, concurrency: LATENCY_SLOTS }, settings));
    }
    const targets = groups.map((group) => serviceTarget(group.servers[0].url, targetName(group.slots)));
    for (const target of targets) await probe(target);
    const pids = { fake: fake.child.pid, ...Object.fromEntries(groups.map((group) => [`${group.slots} replica`, group.servers[0].child.pid])) };
    await fake.reset();
    const [local, redis] = await measureLoad(targets, { connections: 1, seconds: settings.latencySeconds, runs: settings.runs, warmupSeconds: settings.warmupSeconds, pids }, log);
    measured = { local, redis, fake: await fake.stats() };
  } catch (error) {
    await Promise.all(groups.map((group) => group.stop()));
    await fake.child.stop();
    throw error;
  }
  const shutdownProblems = (await Promise.all(groups.map((group) => group.stop()))).flat();
  await fake.child.stop();
  return { ...measured, shutdownProblems };
}
