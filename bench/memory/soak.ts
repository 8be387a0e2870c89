// The memory soak of `npm run bench`: the service's resident memory before, during and after many
// `POST /event` (a share of them streams the client hangs up on), sampled every second.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCpuWindow, type CpuShares } from '../cpu';
import { sendRequests } from '../load';
import { OUTPUT_DIR } from '../paths';
import { probe } from '../probe';
import { openFilesOf, rssOf } from '../proc-memory';
import { viaService } from '../results';
import { startService } from '../servers';
import type { BenchSettings, SoakSettings } from '../settings';
import { leastSquaresSlope } from '../stats';
import { serviceTarget, STREAM_PROMPT } from '../targets';
import { variantOf, type VariantId } from '../variants';
import { streamAndAbort } from './aborted-stream';
import { createMemoryCgroup } from './memory-cgroup';
import { startFakeHost } from './fake-host-process';
import { readServiceMetrics, type ServiceMetrics } from './service-metrics';

const MiB = 1024 * 1024;
const SAMPLE_MS = 1_000;
const PER = 100_000;
/** The configuration soaked: auth and the rate limiter on, as in production, so their state is soaked too. */
export const SOAK_VARIANT: VariantId = 'auth+memory';

/** One second's reading of the service. */
export interface Sample {
  /** Seconds since the load began (negative before it). */
  readonly seconds: number;
  /** Requests finished so far, aborted streams included. */
  readonly done: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number | undefined;
  readonly heapTotalBytes: number | undefined;
  readonly externalBytes: number | undefined;
  readonly openFiles: number | undefined;
}

export interface Mark {
  readonly label: string;
  readonly sample: Sample;
}

export interface SoakResult {
  readonly startedAt: Date;
  readonly elapsedSeconds: number;
  readonly settings: SoakSettings;
  readonly variant: { readonly id: VariantId; readonly description: string };
  readonly plainRequests: number;
  readonly abortedStreams: number;
  /** Streams that finished before the client could hang up (so not aborted); expected 0. */
  readonly completedStreams: number;
  readonly loadSeconds: number;
  readonly samples: readonly Sample[];
  readonly marks: readonly Mark[];
  /** Least squares over the second half of the load, in MiB per 100,000 requests. */
  readonly rssSlope: number;
  readonly heapSlope: number;
  readonly heapTotalSlope: number;
  readonly externalSlope: number;
  /** Lowest heap used in each quarter of the load: with several full GCs per quarter, close to the live heap. */
  readonly heapFloors: readonly (number | undefined)[];
  /** Share of one core per process over the load. */
  readonly cpu: CpuShares;
  readonly flat: boolean;
  /** Streams the fake saw their client (the service) leave early. */
  readonly fakeAborted: number;
  /** Deltas of the service's own counters over the soak. */
  readonly service: { readonly clientDisconnected: number; readonly successes: number; readonly events: number };
  readonly heapSnapshots: readonly string[];
  /** The memory cgroup the service ran in (BENCH_SOAK_MEMORY_LIMIT_MIB), and what the kernel charged to it. */
  readonly cgroup: { readonly limitMiB: number; readonly peakBytes: number | undefined; readonly oomKills: number } | undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function runSoak(settings: BenchSettings, scratchDir: string, log: (line: string) => void): Promise<SoakResult> {
  const soak = settings.soak;
  const startedAt = new Date();
  const streams = Math.floor(soak.requests / soak.abortEvery);
  const plain = soak.requests - streams;

  const fake = await startFakeHost('fake upstream (soak)', ['--token-interval-ms', String(soak.tokenIntervalMs)]);
  const variant = variantOf(SOAK_VARIANT, scratchDir, settings.redisUrl);
  const snapshotDir = join(OUTPUT_DIR, `heap-${startedAt.toISOString().replace(/[:.]/g, '-')}`);
  if (soak.heapSnapshots) mkdirSync(snapshotDir, { recursive: true });
  const heapArgs = soak.heapSnapshots ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshotDir}`] : [];
  const cgroup = soak.memoryLimitMiB === undefined ? undefined : createMemoryCgroup(soak.memoryLimitMiB);
  const service = await startService({
    upstreamUrl: fake.url,
    logLevel: 'info',
    nodeArgs: [...settings.serviceNodeArgs, ...heapArgs],
    logFile: undefined,
    name: 'service (memory soak)',
    env: { ...settings.serviceEnv, ...variant.env },
    cgroupProcs: cgroup?.procsFile,
  });
  const pid = service.child.pid;
  if (cgroup) log(`  the service runs in a memory cgroup limited to ${cgroup.limitMiB} MiB (${cgroup.procsFile})`);
  const target = serviceTarget(service.url, viaService(variant.id), variant.token);
  log(`Memory soak: ${soak.requests} requests (${plain} plain events, ${streams} streams aborted after their first token) to ${target.name}, pid ${pid}`);
  await probe(target);
  // One aborted stream before the baseline, so a failure to stream shows before the long run.
  if ((await streamAndAbort(target, target.body(STREAM_PROMPT, true))) !== 'aborted') throw new Error('the probe stream finished before its first token could be aborted');
  await sleep(2_000);

  const fakeBefore = await fake.stats();
  const metricsBefore = await readServiceMetrics(service.url, target.headers);
  let plainDone = 0;
  let streamsStarted = 0;
  let streamsDone = 0;
  let aborted = 0;
  let completed = 0;
  let streamFailure: Error | undefined;
  const inFlight = new Set<Promise<void>>();
  const samples: Sample[] = [];
  const loadStart = performance.now();
  const stopCpu = startCpuWindow({ service: pid, fake: fake.child.pid });
  const sampleNow = async (): Promise<Sample> => {
    const seconds = (performance.now() - loadStart) / 1000;
    const done = plainDone + streamsDone;
    const rssBytes = rssOf(pid);
    const openFiles = openFilesOf(pid);
    const metrics = await readServiceMetrics(service.url, target.headers).catch(() => undefined);
    const sample = { seconds, done, rssBytes, openFiles, heapUsedBytes: metrics?.heapUsedBytes, heapTotalBytes: metrics?.heapTotalBytes, externalBytes: metrics?.externalBytes };
    samples.push(sample);
    return sample;
  };
  const start = await sampleNow();

  const snapshots: string[] = [];
  const takeSnapshot = (label: string): void => {
    if (!soak.heapSnapshots) return;
    log(`  heap snapshot at ${label} (the service pauses while it writes it)`);
    process.kill(pid, 'SIGUSR2');
    snapshots.push(label);
  };
  let snapshotAtHalf = false;

  // Streams follow the plain events' progress, one per (abortEvery - 1) answers, so they are spread
  // over the whole run; at most `streamsInFlight` at once.
  const launchDue = (due: number): void => {
    while (streamsStarted < due && inFlight.size < soak.streamsInFlight && !streamFailure) {
      streamsStarted += 1;
      const running: Promise<void> = streamAndAbort(target, target.body(STREAM_PROMPT, true)).then(
        (outcome) => {
          if (outcome === 'aborted') aborted += 1;
          else completed += 1;
        },
        (error: unknown) => {
          streamFailure ??= error instanceof Error ? error : new Error(String(error));
        },
      );
      const settle = running.finally(() => {
        streamsDone += 1;
        inFlight.delete(settle);
        launchDue(Math.floor((plainDone * streams) / plain));
      });
      inFlight.add(settle);
    }
  };
  const timer = setInterval(() => {
    void sampleNow().then((sample) => {
      if (!snapshotAtHalf && sample.done >= soak.requests / 2) {
        snapshotAtHalf = true;
        takeSnapshot('50%');
      }
      if (Math.round(sample.seconds) % 10 === 0) log(`  ${sample.seconds.toFixed(0)} s: ${sample.done} requests done, RSS ${(sample.rssBytes / MiB).toFixed(1)} MiB`);
    });
  }, SAMPLE_MS);

  let loadSeconds: number;
  let cpu: CpuShares;
  try {
    await sendRequests(
      target,
      soak.connections,
      plain,
      () => {
        plainDone += 1;
        launchDue(Math.floor((plainDone * streams) / plain));
      },
      { timeoutSeconds: soak.heapSnapshots ? 60 : 10, shouldStop: () => streamFailure !== undefined },
    );
    // The last streams, then everything still in flight.
    while (streamsStarted < streams && !streamFailure) {
      launchDue(streams);
      await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    loadSeconds = (performance.now() - loadStart) / 1000;
    cpu = stopCpu();
  } catch (error) {
    // A service the kernel killed fails the load with connection errors; say why instead.
    if (cgroup && cgroup.oomKills() > 0) {
      throw new Error(`the service was OOM-killed at its ${cgroup.limitMiB} MiB cgroup limit after ${plainDone + streamsDone} requests`, { cause: error });
    }
    throw error;
  } finally {
    clearInterval(timer);
  }
  if (streamFailure) throw streamFailure;
  const end = await sampleNow();
  takeSnapshot('100%');
  log(`  load done in ${loadSeconds.toFixed(0)} s (${(soak.requests / loadSeconds).toFixed(0)} req/s); sampling ${soak.afterSeconds} s more`);
  const afterTimer = setInterval(() => void sampleNow(), SAMPLE_MS);
  await sleep(soak.afterSeconds * 1000);
  clearInterval(afterTimer);
  const after = await sampleNow();

  const fakeAfter = await fake.stats();
  const metricsAfter = await readServiceMetrics(service.url, target.headers);
  await service.child.stop();
  await fake.child.stop();
  const charged = cgroup && { limitMiB: cgroup.limitMiB, peakBytes: cgroup.peakBytes(), oomKills: cgroup.oomKills() };
  cgroup?.remove();

  const during = samples.filter((s) => s.seconds >= 0 && s.seconds <= end.seconds).sort((a, b) => a.seconds - b.seconds);
  const marks: Mark[] = [{ label: 'start (before load)', sample: start }];
  for (const share of [25, 50, 75]) {
    const reached = during.find((s) => s.done >= (soak.requests * share) / 100);
    if (reached) marks.push({ label: `${share}%`, sample: reached });
  }
  marks.push({ label: '100% (load done)', sample: end }, { label: `${soak.afterSeconds} s after`, sample: after });
  const secondHalf = during.filter((s) => s.done >= soak.requests / 2);
  const rssSlope = leastSquaresSlope(secondHalf.map((s) => ({ x: s.done, y: s.rssBytes / MiB }))) * PER;
  const slopeOf = (value: (s: Sample) => number | undefined): number =>
    leastSquaresSlope(secondHalf.flatMap((s) => (value(s) === undefined ? [] : [{ x: s.done, y: (value(s) ?? 0) / MiB }]))) * PER;
  const heapFloors = [0, 1, 2, 3].map((quarter) => {
    const inQuarter = during.filter((s) => s.done > (quarter * soak.requests) / 4 && s.done <= ((quarter + 1) * soak.requests) / 4 && s.heapUsedBytes !== undefined);
    return inQuarter.length === 0 ? undefined : Math.min(...inQuarter.map((s) => s.heapUsedBytes ?? 0));
  });

  return {
    startedAt,
    elapsedSeconds: (Date.now() - startedAt.getTime()) / 1000,
    settings: soak,
    variant: { id: variant.id, description: variant.description },
    plainRequests: plainDone,
    abortedStreams: aborted,
    completedStreams: completed,
    loadSeconds,
    samples: samples.sort((a, b) => a.seconds - b.seconds),
    marks,
    rssSlope,
    heapSlope: slopeOf((s) => s.heapUsedBytes),
    heapTotalSlope: slopeOf((s) => s.heapTotalBytes),
    externalSlope: slopeOf((s) => s.externalBytes),
    heapFloors,
    cpu,
    flat: rssSlope < soak.maxSlopeMiBPer100k,
    fakeAborted: fakeAfter.abortedRequests - fakeBefore.abortedRequests,
    service: delta(metricsBefore, metricsAfter),
    heapSnapshots: soak.heapSnapshots ? readdirSync(snapshotDir).map((file) => join(snapshotDir, file)) : [],
    cgroup: charged,
  };
}

function delta(before: ServiceMetrics, after: ServiceMetrics): SoakResult['service'] {
  return {
    clientDisconnected: after.clientDisconnected - before.clientDisconnected,
    successes: after.successes - before.successes,
    events: after.events - before.events,
  };
}
