#!/usr/bin/env node
// The fake upstream for the memory soak: the project's FakeUpstream with the CLI's flags, plus a
// second port answering `GET /` with its counters, so the soak can read how many streams the
// service cut off upstream (`abortedRequests`), which the plain CLI does not expose.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCliArgs } from '../../libs/testing/src/fake-upstream/cli-args.parser';
import { FakeUpstream } from '../../libs/testing/src/fake-upstream/fake-upstream.server';

/** What the stats port answers. */
export interface FakeStats {
  readonly abortedRequests: number;
  readonly openConnections: number;
}

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  const upstream = await FakeUpstream.start(options);
  const stats = createServer((_req, res) => {
    const body: FakeStats = { abortedRequests: upstream.abortedRequests, openConnections: upstream.openConnections };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
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
