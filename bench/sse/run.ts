// `npm run bench:sse`: dashboard fan-out. N idle dashboards on the live feed: the service's memory per
// client, and how long after an event every one of them has the snapshot showing it (broadcast p99,
// per round and over all deliveries; medians of rounds).
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { stopAllChildren } from '../child-process';
import { rssOf } from '../proc-memory';
import { REPO_ROOT } from '../paths';
import { startFakeUpstream, startService } from '../servers';
import { median, percentile } from '../stats';
import { openFeed, type FeedClient } from './sse-clients';

const CLIENTS = Number(process.env.BENCH_SSE_CLIENTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_SSE_ROUNDS ?? 10);
const ROUND_TIMEOUT_MS = 5000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The service's own count of connected dashboards, from /metrics. */
async function connectedClients(serviceUrl: string): Promise<number> {
  const text = await (await fetch(`${serviceUrl}/metrics`)).text();
  return Number(/^ai_ticket_dashboard_stream_clients(?:\{[^}]*\})? (\S+)/m.exec(text)?.[1] ?? Number.NaN);
}

function assertAllOpen(clients: readonly FeedClient[]): void {
  const failed = clients.map((client) => client.failure()).filter((failure) => failure !== undefined);
  if (failed.length > 0) throw new Error(`${failed.length} of ${clients.length} feeds failed, e.g. ${failed[0]}`);
}

async function main(): Promise<void> {
  if (!Number.isSafeInteger(CLIENTS) || CLIENTS < 1 || !Number.isSafeInteger(ROUNDS) || ROUNDS < 1) throw new Error('BENCH_SSE_CLIENTS and BENCH_SSE_ROUNDS must be whole numbers >= 1');
  const fake = await startFakeUpstream(0);
  const service = await startService({ upstreamUrl: fake.url, logLevel: 'info', nodeArgs: [], logFile: undefined });
  const pid = service.child.pid;
  await sleep(1000);
  const rssBefore = rssOf(pid);

  const clients: FeedClient[] = [];
  for (let i = 0; i < CLIENTS; i += 1) clients.push(await openFeed(service.url));
  await sleep(1500);
  const rssWith = rssOf(pid);
  const connected = await connectedClients(service.url);
  if (connected !== CLIENTS) throw new Error(`the service counts ${connected} connected dashboards, expected ${CLIENTS}`);

  const allDelays: number[] = [];
  const roundP99s: number[] = [];
  const lastArrivals: number[] = [];
  const spreads: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const sentAt = performance.now();
    const res = await fetch(`${service.url}/event`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: 'hi' }) });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`event answered ${res.status}`);
    const deadline = Date.now() + ROUND_TIMEOUT_MS;
    while (clients.some((client) => !client.snapshots.some((s) => s.requests >= round)) && Date.now() < deadline) await sleep(5);
    assertAllOpen(clients);
    const delays = clients.map((client) => (client.snapshots.find((s) => s.requests >= round)?.at ?? Number.NaN) - sentAt);
    const missing = delays.filter(Number.isNaN).length;
    if (missing > 0) throw new Error(`round ${round}: ${missing} of ${CLIENTS} clients did not get the update within ${ROUND_TIMEOUT_MS} ms`);
    allDelays.push(...delays);
    roundP99s.push(percentile(delays, 99));
    lastArrivals.push(Math.max(...delays));
    spreads.push(Math.max(...delays) - Math.min(...delays));
    process.stdout.write(`round ${round}: p50 ${percentile(delays, 50).toFixed(1)} ms, p99 ${percentile(delays, 99).toFixed(1)} ms, last ${Math.max(...delays).toFixed(1)} ms\n`);
    await sleep(300);
  }
  clients.forEach((client) => client.close());
  await sleep(1500);
  const rssAfter = rssOf(pid);
  await stopAllChildren();

  const perClientKiB = (rssWith - rssBefore) / CLIENTS / 1024;
  const rows = [
    ['clients (the service counted them all connected)', String(CLIENTS)],
    ['service RSS before / with clients / after they left (MiB)', [rssBefore, rssWith, rssAfter].map((b) => (b / 1048576).toFixed(1)).join(' / ')],
    ['memory per connected client (KiB)', perClientKiB.toFixed(1)],
    ['**broadcast p99**: event → snapshot at a client, p99 of each round, median of rounds (min–max) (ms)', `${median(roundP99s).toFixed(1)} (${Math.min(...roundP99s).toFixed(1)}–${Math.max(...roundP99s).toFixed(1)})`],
    [`event → snapshot at a client, p50 / p99 over all ${allDelays.length} deliveries (ms)`, `${percentile(allDelays, 50).toFixed(1)} / ${percentile(allDelays, 99).toFixed(1)}`],
    ['event → snapshot at the LAST client, median of rounds (ms)', median(lastArrivals).toFixed(1)],
    ['fan-out spread, first → last client in a round, median of rounds (ms)', median(spreads).toFixed(1)],
  ];
  const table = rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n');
  process.stdout.write(`${rows.map(([k, v]) => `${k.replace(/\*\*/g, '')}: ${v}`).join('\n')}\n`);
  writeFileSync(
    join(REPO_ROOT, 'docs/benchmarks-sse.md'),
    `# Dashboard feed fan-out

Generated by \`npm run bench:sse\` (bench/sse/run.ts); overwritten on every run.

- **Date:** ${new Date().toISOString()}
- **Machine:** ${cpus().length} CPUs, ${cpus()[0]?.model ?? 'unknown'}, Node ${process.version}
- **Method:** ${CLIENTS} idle dashboards hold \`GET /api/metrics/stream\` open (one connection each, as browsers do)
  from the bench process; the service's \`dashboard_stream_clients\` gauge must count all of them. Then
  ${ROUNDS} rounds of one \`POST /event\`, timing until each client has a snapshot that counts it (stamped when
  the chunk arrives, before parsing). The service coalesces feed updates to at most one per 250 ms, so
  delays include up to that wait by design (plus the history's 250 ms write batching); the snapshot is
  computed once per broadcast, not per client, so the fan-out spread (first to last client) is the cost
  of writing it to every socket, and reading it in the one bench process. Any feed that fails or ends
  fails the bench. RSS after the clients left is not a leak measure (V8 keeps freed heap for reuse);
  leaks are checked by \`dashboard-api.e2e-spec.ts\`: 200 connect/disconnect cycles, heap compared
  after a forced full GC. Knobs: \`BENCH_SSE_CLIENTS\` (${CLIENTS}), \`BENCH_SSE_ROUNDS\` (${ROUNDS}).

| measure | value |
| --- | ---: |
${table}
`,
  );
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await stopAllChildren();
    process.exit(1);
  },
);
