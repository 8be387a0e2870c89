// The upstream-fleet suite of `npm run bench`: how fast a freed slot reaches a waiting replica with
// Redis slots, what the Redis lease adds to one event, and the rate of 3 replicas over 4 single-slot
// upstreams; each against its baseline (local slots) in the same run.
import { loadavg } from 'node:os';
import { startFakeHost, type FakeHost } from '../memory/fake-host-process';
import type { BenchSettings } from '../settings';
import { redisUnavailable } from '../variants';
import { fleetFailures } from './fleet-checks';
import type { FleetResults } from './fleet-results';
import { measureHandover } from './handover';
import { measureLeaseLatency } from './lease-latency';
import { measureThroughput } from './throughput';

/** Runs the three measurements; resolves with the reason instead when no Redis answers. */
export async function runFleetSuite(settings: BenchSettings, log: (line: string) => void): Promise<FleetResults | { skipped: string }> {
  const unavailable = await redisUnavailable(settings.redisUrl);
  if (unavailable !== undefined) return { skipped: `${unavailable} (start a Redis there, or set BENCH_REDIS_URL)` };
  const startedAt = new Date();
  const loadAverage = loadavg();
  const { fleet } = settings;

  log(`Fleet hand-over: ${fleet.replicas} replicas (Redis slots), then 1 (local slots), over one single-slot fake, ${fleet.handoverGenerationMs} ms per generation`);
  const redisHandover = await measureHandover(settings, 'redis', fleet.replicas, log);
  const localHandover = await measureHandover(settings, 'local', 1, log);

  log(`Fleet lease latency: 1 replica with local slots vs 1 with Redis slots, 1 connection, ${settings.runs} x ${settings.latencySeconds} s each`);
  const latency = await measureLeaseLatency(settings, log);

  log(`Fleet throughput: ${fleet.replicas} replicas x ${fleet.upstreams} single-slot fakes, ${fleet.generationMs} ms per generation, ${fleet.connections} connections, ${fleet.warmupSeconds} s warm-up + ${fleet.seconds} s`);
  const fakes: FakeHost[] = [];
  let throughput: FleetResults['throughput'];
  try {
    for (let i = 1; i <= fleet.upstreams; i += 1) {
      fakes.push(await startFakeHost(`fake upstream ${i} (throughput)`, ['--slots', '1', '--generation-delay-ms', String(fleet.generationMs)]));
    }
    const redis = await measureThroughput(settings, 'redis', fakes, log);
    const local = await measureThroughput(settings, 'local', fakes, log);
    throughput = { redis, local };
  } finally {
    await Promise.all(fakes.map((fake) => fake.child.stop()));
  }

  const failures = fleetFailures([redisHandover, localHandover], [throughput.redis, throughput.local]);
  const elapsedSeconds = (Date.now() - startedAt.getTime()) / 1000;
  return { startedAt, elapsedSeconds, loadAverage, settings, handover: { redis: redisHandover, local: localHandover }, latency, throughput, failures };
}
