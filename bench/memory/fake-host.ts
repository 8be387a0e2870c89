#!/usr/bin/env node
// The bench's fake upstream: the project's FakeUpstream with the CLI's flags, plus a second port with
// what the plain CLI does not expose: `GET /` its counters (the soak reads how many streams the service
// cut off upstream; the fleet suite whether a slot was ever overbooked), `GET /generations` the recent
// generations with when each held the slot, and `POST /reset` to start counting afresh.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCliArgs } from '../../libs/testing/src/fake-upstream/cli-args.parser';
import { FakeUpstream } from '../../libs/testing/src/fake-upstream/fake-upstream.server';

/** What `GET /` answers. */
export interface FakeStats {
  readonly abortedRequests: number;
  readonly openConnections: number;
  readonly maxConcurrentGenerations: number;
  readonly busyRefusals: number;
  readonly servedGenerations: number;
  readonly generationsInProgress: number;
}

/** One generation in `GET /generations`; times in ms of the fake's own `performance.now()`. */
export interface GenerationSpan {
  readonly prompt: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly answeredOk: boolean;
}

// Bounded like the fake's own request log: the 500,000-request soak must not grow this process.
const MAX_SPANS = 10_000;

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  const upstream = await FakeUpstream.start(options);
  let spans: GenerationSpan[] = [];
  let since = performance.now();
  upstream.onGenerationEnd(({ prompt, startedAt, endedAt, answeredOk }) => {
    // One that took its slot before the last reset belongs to the time before it.
    if (startedAt < since) return;
    spans.push({ prompt, startedAt, endedAt, answeredOk });
    if (spans.length > 2 * MAX_SPANS) spans = spans.slice(-MAX_SPANS);
  });
  const answer = (req: IncomingMessage, res: ServerResponse): void => {
    const reply = (body: unknown): void => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'POST' && req.url === '/reset') {
      upstream.reset();
      spans = [];
      since = performance.now();
      return reply({ since });
    }
    if (req.url === '/generations') return reply(spans.slice(-MAX_SPANS));
    const stats: FakeStats = {
      abortedRequests: upstream.abortedRequests,
      openConnections: upstream.openConnections,
      maxConcurrentGenerations: upstream.maxConcurrentGenerations,
      busyRefusals: upstream.busyRefusals,
      servedGenerations: upstream.servedGenerations,
      generationsInProgress: upstream.generationsInProgress,
    };
    reply(stats);
  };
  const stats = createServer(answer);
  await new Promise<void>((resolve) => stats.listen(0, options.host, resolve));
  const { port } = stats.address() as AddressInfo;
  process.stdout.write(`fake-upstream listening on ${upstream.url} stats on http://${options.host}:${port}\n`);
  const stop = (): void => {
    stats.close();
    void upstream.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-host: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
