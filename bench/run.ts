// `npm run bench`: measures the gateway against the fake upstream called directly, prints a table
// and rewrites docs/benchmarks.md. Exits non-zero only when something failed, never for a missed target.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { killAllChildrenNow, stopAllChildren } from './child-process';
import { assertBuilt, REPORT_FILE } from './paths';
import { probe } from './probe';
import { consoleReport, markdownReport } from './report';
import { VIA_SERVICE, VIA_SILENT_SERVICE, type BenchResults } from './results';
import { measureLoad, type LoadPlan } from './scenarios';
import { startFakeUpstream, startService } from './servers';
import { readSettings, type BenchSettings } from './settings';
import { measureStreaming, type StreamingResult } from './streaming';
import { directTarget, serviceTarget, type Target } from './targets';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function bench(settings: BenchSettings): Promise<BenchResults> {
  const startedAt = new Date();
  assertBuilt();
  log('Starting the fake upstream and the service…');
  const fake = await startFakeUpstream(settings.tokenIntervalMs);
  const serviceOptions = { upstreamUrl: fake.url, nodeArgs: settings.serviceNodeArgs, logFile: settings.serviceLogFile };
  const service = await startService({ ...serviceOptions, logLevel: 'info' });
  const silent = settings.compareSilent ? await startService({ ...serviceOptions, logLevel: 'silent', logFile: undefined }) : undefined;
  log(`  fake upstream ${fake.url} (pid ${fake.child.pid}), service ${service.url} (pid ${service.child.pid})`);

  const targets: Target[] = [directTarget(fake.url), serviceTarget(service.url, VIA_SERVICE)];
  if (silent) targets.push(serviceTarget(silent.url, VIA_SILENT_SERVICE));
  for (const target of targets) await probe(target);

  const pids: Record<string, number> = { service: service.child.pid, fake: fake.child.pid };
  if (silent) pids['silent service'] = silent.child.pid;
  const plan = (connections: number, seconds: number): LoadPlan => ({ connections, seconds, runs: settings.runs, warmupSeconds: settings.warmupSeconds, pids });

  log(`Throughput: ${settings.throughputConnections} connections, ${settings.runs} x ${settings.seconds} s per target`);
  const throughput = await measureLoad(targets, plan(settings.throughputConnections, settings.seconds), log);
  log(`Added latency: 1 connection, ${settings.runs} x ${settings.latencySeconds} s per target`);
  const latency = await measureLoad(targets, plan(1, settings.latencySeconds), log);
  log(`Streaming: time to first token over ${settings.streamRequests} sequential streams per target`);
  const streaming: StreamingResult[] = [];
  for (const target of targets.slice(0, 2)) {
    const result = await measureStreaming(target, settings.streamRequests);
    log(`  ${target.name}: first token p50 ${result.firstTokenP50Ms.toFixed(3)} ms, p99 ${result.firstTokenP99Ms.toFixed(3)} ms`);
    streaming.push(result);
  }

  const elapsedSeconds = (Date.now() - startedAt.getTime()) / 1000;
  return { startedAt, elapsedSeconds, settings, throughput, latency, streaming };
}

/** Children are stopped gracefully; the servers should drain and exit 0 on SIGTERM, so anything else is reported. */
async function stopChildren(): Promise<void> {
  for (const { name, code } of await stopAllChildren()) {
    if (code !== 0) log(`Warning: ${name} exited with code ${code} after SIGTERM`);
  }
}

async function main(): Promise<void> {
  // However the bench ends, no server it started may outlive it.
  process.once('exit', killAllChildrenNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`\n${signal}: stopping the servers`);
      void stopChildren().finally(() => process.exit(130));
    });
  }
  const settings = readSettings(process.env);
  try {
    const results = await bench(settings);
    log(consoleReport(results));
    mkdirSync(dirname(REPORT_FILE), { recursive: true });
    writeFileSync(REPORT_FILE, markdownReport(results));
    log(`\nWrote ${REPORT_FILE}`);
  } finally {
    await stopChildren();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\nbench FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.stderr.write('The service logs to /dev/null by default; BENCH_SERVICE_LOG_FILE=test-output/bench-service.log keeps them.\n');
  process.exit(1);
});
