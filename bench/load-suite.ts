// The load suite of `npm run bench`: `/event` throughput and added latency for every service variant
// against the fake upstream called directly in the same run, and streaming time to first token.
import { extname, join } from 'node:path';
import { probe } from './probe';
import { waitForExport } from './otlp-sink-check';
import { BARE_PROXY, BASELINE_PROCESS, DIRECT, viaService, VIA_BASELINE_SERVICE, VIA_SILENT_SERVICE, type BenchResults, type MeasuredVariant } from './results';
import { measureLoad, type LoadPlan } from './scenarios';
import { startBareProxy, startFakeUpstream, startOtlpSink, startService, type RunningServer } from './servers';
import type { BenchSettings } from './settings';
import { measureStreaming, type StreamingResult } from './streaming';
import { directTarget, serviceTarget, type Target } from './targets';
import { NEVER_TRIPPING_LIMIT, redisUnavailable, variantOf, type Variant, type VariantId } from './variants';

/** The service variant whose streams are timed against direct: the production-like one, if measured. */
const STREAMED_VARIANT: VariantId = 'auth+memory';
/** The variant that exports traces to the bench's OTLP sink. */
const TRACED_VARIANT: VariantId = 'auth+memory+tracing';

export async function runLoadSuite(settings: BenchSettings, scratchDir: string, log: (line: string) => void): Promise<BenchResults> {
  const startedAt = new Date();
  log('Starting the fake upstream and one service per variant…');
  const fake = await startFakeUpstream(settings.tokenIntervalMs);
  log(`  fake upstream ${fake.url} (pid ${fake.child.pid})`);

  const skipped: { id: VariantId; reason: string }[] = [];
  const measured: MeasuredVariant[] = [];
  const gcLogs: Record<string, string> = {};
  const bare = await startBareProxy(fake.url, (gcLogs[BARE_PROXY] = gcLogFile(scratchDir, BARE_PROXY)));
  log(`  ${BARE_PROXY} ${bare.url} (pid ${bare.child.pid}): the calibration target`);
  const targets: Target[] = [directTarget(fake.url), serviceTarget(bare.url, BARE_PROXY)];
  const pids: Record<string, number> = { fake: fake.child.pid, [BARE_PROXY]: bare.child.pid };
  const sink = settings.variants.includes(TRACED_VARIANT) ? await startOtlpSink() : undefined;
  if (sink) {
    pids['otlp sink'] = sink.child.pid;
    log(`  otlp sink ${sink.url} (pid ${sink.child.pid}): the tracing variant's collector`);
  }
  for (const id of settings.variants) {
    if (id === 'auth+redis') {
      const reason = await redisUnavailable(settings.redisUrl);
      if (reason !== undefined) {
        log(`  SKIPPED auth+redis: ${reason} (start a Redis there, or set BENCH_REDIS_URL)`);
        skipped.push({ id, reason });
        continue;
      }
    }
    const variant = variantOf(id, scratchDir, settings.redisUrl, sink?.url);
    const service = await startVariant(variant, settings, fake.url, 'info', (gcLogs[viaService(id)] = gcLogFile(scratchDir, id)));
    const target = serviceTarget(service.url, viaService(id), variant.token);
    await checkVariant(variant, target, service.url);
    if (id === TRACED_VARIANT && sink) await waitForExport(sink.url, target.name);
    targets.push(target);
    measured.push({ id, target: target.name, description: variant.description });
    pids[id] = service.child.pid;
    log(`  ${target.name}: ${variant.description}; ${service.url} (pid ${service.child.pid})`);
  }
  if (settings.compareSilent) {
    const variant = variantOf('off', scratchDir, settings.redisUrl);
    const silent = await startVariant(variant, settings, fake.url, 'silent');
    const target = serviceTarget(silent.url, VIA_SILENT_SERVICE);
    await probe(target);
    targets.push(target);
    pids['off, silent'] = silent.child.pid;
  }
  if (settings.baselineMain) {
    const variant = variantOf('auth+memory', scratchDir, settings.redisUrl);
    // Observed for GC like every other service: the observer's own cost then weighs on both builds alike.
    const gcLog = (gcLogs[VIA_BASELINE_SERVICE] = gcLogFile(scratchDir, `${variant.id}-baseline`));
    const baseline = await startVariant(variant, settings, fake.url, 'info', gcLog, settings.baselineMain);
    const target = serviceTarget(baseline.url, VIA_BASELINE_SERVICE, variant.token);
    await checkVariant(variant, target, baseline.url);
    targets.push(target);
    pids[BASELINE_PROCESS] = baseline.child.pid;
    log(`  ${target.name}: ${settings.baselineMain}; ${baseline.url} (pid ${baseline.child.pid})`);
  }
  if (measured.length === 0) throw new Error('no service variant could be measured');
  await probe(targets[0]);
  await probe(targets[1]);

  const plan = (connections: number, seconds: number): LoadPlan => ({ connections, seconds, runs: settings.runs, warmupSeconds: settings.warmupSeconds, pids, gcLogs });
  log(`Throughput: ${settings.throughputConnections} connections, ${settings.runs} x ${settings.seconds} s per target (${targets.length} targets)`);
  const throughput = await measureLoad(targets, plan(settings.throughputConnections, settings.seconds), log);
  log(`Added latency: 1 connection, ${settings.runs} x ${settings.latencySeconds} s per target`);
  const latency = await measureLoad(targets, plan(1, settings.latencySeconds), log);

  const streamed = targets.find((target) => target.name === viaService(STREAMED_VARIANT)) ?? targets[2];
  log(`Streaming: time to first token over ${settings.streamRequests} sequential streams, ${DIRECT} and ${streamed.name}`);
  const streaming: StreamingResult[] = [];
  for (const target of [targets[0], streamed]) {
    const result = await measureStreaming(target, settings.streamRequests);
    log(`  ${target.name}: first token p50 ${result.firstTokenP50Ms.toFixed(3)} ms, p99 ${result.firstTokenP99Ms.toFixed(3)} ms`);
    streaming.push(result);
  }

  const elapsedSeconds = (Date.now() - startedAt.getTime()) / 1000;
  return { startedAt, elapsedSeconds, settings, variants: measured, skipped, throughput, latency, streaming };
}

function startVariant(variant: Variant, settings: BenchSettings, upstreamUrl: string, logLevel: 'info' | 'silent', gcLog?: string, main?: string): Promise<RunningServer> {
  const suffix = main ? `${variant.id}-baseline` : logLevel === 'info' ? variant.id : `${variant.id}-${logLevel}`;
  return startService({
    upstreamUrl,
    logLevel,
    nodeArgs: settings.serviceNodeArgs,
    logFile: settings.serviceLogFile && logLevel === 'info' ? perVariantFile(settings.serviceLogFile, suffix) : undefined,
    name: `service ${suffix}`,
    env: { ...settings.serviceEnv, ...variant.env },
    gcLog,
    main,
  });
}

/** One GC pause log per measured process, in the run's scratch directory. */
function gcLogFile(scratchDir: string, name: string): string {
  return join(scratchDir, `gc-${fileSafe(name)}.log`);
}

/** test-output/bench.log → test-output/bench-auth+redis.log: every service writes its own file. */
export function perVariantFile(file: string, suffix: string): string {
  const extension = extname(file);
  return `${file.slice(0, file.length - extension.length)}-${fileSafe(suffix)}${extension}`;
}

/** A variant or target name as part of a file name ("bare proxy" → "bare-proxy"). */
function fileSafe(name: string): string {
  return name.replace(/[^a-z0-9.-]+/gi, '-');
}

/**
 * Proves each variant is configured as its name says before it is measured: with auth on, a request
 * without the token is refused; the rate-limit headers are present with the never-tripping limit when
 * the limiter runs, and absent when it is off.
 */
async function checkVariant(variant: Variant, target: Target, serviceUrl: string): Promise<void> {
  const headers = await probe(target);
  const limit = headers.get('ratelimit-limit');
  const limiterOn = variant.env.RATE_LIMIT_REQUESTS !== '0';
  if (limiterOn && limit !== NEVER_TRIPPING_LIMIT) throw new Error(`${target.name}: expected RateLimit-Limit ${NEVER_TRIPPING_LIMIT}, got ${limit}`);
  if (!limiterOn && limit !== null) throw new Error(`${target.name}: the limiter should be off, but answered RateLimit-Limit ${limit}`);
  if (variant.token === undefined) return;
  const anonymous = await fetch(`${serviceUrl}/event`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: target.body('no token', false),
    signal: AbortSignal.timeout(10_000),
  });
  await anonymous.arrayBuffer();
  if (anonymous.status !== 401) throw new Error(`${target.name}: a request without the token answered ${anonymous.status}, expected 401 (is auth on?)`);
}
