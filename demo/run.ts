/**
 * `npm run demo`: the service with its embedded defaults, pointed at a KoboldCPP-compatible demo upstream (the
 * fake from libs/testing, which streams token by token), plus a short generated load, so a first run shows
 * real completions, a real stream and a dashboard with data. Ctrl-C stops everything.
 *
 * PORT (default 5000, as the README's curl expects) is the service's port; the upstream takes any free port.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { FakeUpstream } from '../libs/testing/src/fake-upstream';
import { runDemoLoad } from './demo-load';

// Compiled to dist/demo/demo/run.js: the repository root is three folders up.
const ROOT = join(__dirname, '../../..');
const MAIN_JS = join(ROOT, 'dist/apps/ai-ticket/src/main.js');

async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((res) => res.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 5000);
  const baseUrl = `http://localhost:${port}`;
  // Some milliseconds per token and per generation, so the stream and the latency charts look like inference.
  const upstream = await FakeUpstream.start({ tokenIntervalMs: 40, generationDelayMs: 50 });
  const service = spawn(process.execPath, [MAIN_JS], {
    cwd: ROOT,
    // Warnings only, unless LOG_LEVEL says otherwise: a log line per request would bury the URLs printed below.
    env: { LOG_LEVEL: 'warn', ...process.env, PORT: String(port), KOBOLDCPP_API_URL: upstream.url },
    stdio: ['ignore', 'inherit', 'inherit'],
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (service.exitCode === null) {
      service.kill('SIGTERM');
      await new Promise((resolve) => service.once('exit', resolve));
    }
    await upstream.close();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  // A Ctrl-C in the terminal reaches the service too; it drains and exits 0, and the demo follows.
  service.once('exit', (code) => {
    if (stopping) return;
    if (code !== 0) process.stderr.write(`demo: the service exited (code ${code})\n`);
    void stop(code === 0 ? 0 : 1);
  });

  let load: Awaited<ReturnType<typeof runDemoLoad>>;
  try {
    await waitForReady(`${baseUrl}/readyz`, 30_000);
    load = await runDemoLoad(baseUrl);
  } catch (error) {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    return stop(1);
  }
  process.stdout.write(
    [
      '',
      `AI Ticket demo: the service on ${baseUrl}, a demo KoboldCPP-compatible upstream on ${upstream.url}`,
      `(generated load: ${load.ok} of ${load.sent} events answered)`,
      '',
      `  dashboard  ${baseUrl}/dashboard/`,
      `  metrics    ${baseUrl}/metrics`,
      '',
      'Try:',
      `  curl -s ${baseUrl}/event -H 'content-type: application/json' -d '{"content": "Write a haiku about queues"}'`,
      `  curl -sN ${baseUrl}/event -H 'content-type: application/json' -d '{"content": "Write a haiku about queues", "stream": true}'`,
      '',
      'Ctrl-C stops the service and the demo upstream. The service logs warnings only here (set LOG_LEVEL=info for every request).',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
