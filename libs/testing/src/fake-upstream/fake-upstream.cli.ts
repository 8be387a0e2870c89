#!/usr/bin/env node
// Runs a FakeUpstream as its own process (benchmarks, manual testing).
// Imports only from this folder so it can be compiled with plain tsc and run with node.
import { parseCliArgs } from './cli-args.parser';
import { FakeUpstream } from './fake-upstream.server';

async function main(): Promise<void> {
  const upstream = await FakeUpstream.start(parseCliArgs(process.argv.slice(2)));
  process.stdout.write(`fake-upstream listening on ${upstream.url}\n`);
  const stop = (): void => {
    void upstream.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-upstream: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
