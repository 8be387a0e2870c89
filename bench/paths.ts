import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

// run.js is compiled to dist/bench/bench/, so the repository root is three levels up.
export const REPO_ROOT = resolve(__dirname, '../../..');
export const SERVICE_MAIN = join(REPO_ROOT, 'dist/apps/ai-ticket/src/main.js');
export const FAKE_UPSTREAM_CLI = join(REPO_ROOT, 'dist/bench/libs/testing/src/fake-upstream/fake-upstream.cli.js');
export const REPORT_FILE = join(REPO_ROOT, 'docs/benchmarks.md');
export const MEMORY_REPORT_FILE = join(REPO_ROOT, 'docs/benchmarks-memory.md');
export const FLEET_REPORT_FILE = join(REPO_ROOT, 'docs/benchmarks-fleet.md');
export const OPENAI_REPORT_FILE = join(REPO_ROOT, 'docs/benchmarks-openai.md');
/** The fake upstream of the memory soak and the fleet suite: the same FakeUpstream, with its counters on a second port. */
export const FAKE_HOST = join(REPO_ROOT, 'dist/bench/bench/memory/fake-host.js');
/** The bench's calibration target: the least a Node gateway can do for an event. */
export const BARE_PROXY_SCRIPT = join(REPO_ROOT, 'dist/bench/bench/bare-proxy.js');
/** Preloaded (`--require`) into measured processes: logs their GC pauses. */
export const GC_OBSERVER = join(REPO_ROOT, 'dist/bench/bench/gc-observer.js');
/** The tracing variant's OTLP/HTTP collector (bench/otlp-sink.ts). */
export const OTLP_SINK_SCRIPT = join(REPO_ROOT, 'dist/bench/bench/otlp-sink.js');
export const OUTPUT_DIR = join(REPO_ROOT, 'test-output');

/** Fails early with the fix, rather than with a child's cryptic "Cannot find module". */
export function assertBuilt(): void {
  for (const file of [SERVICE_MAIN, FAKE_UPSTREAM_CLI, FAKE_HOST, BARE_PROXY_SCRIPT, GC_OBSERVER, OTLP_SINK_SCRIPT]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run the bench with \`npm run bench\`, which builds first`);
  }
}
