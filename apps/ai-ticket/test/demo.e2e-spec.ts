import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/free-port';

const ROOT = join(__dirname, '../../..');

/**
 * `npm run demo` as a newcomer runs it (global-setup has built dist/ as `npm run build` does): the demo
 * starts, prints its URLs and curl commands, and those very commands answer from the demo upstream.
 */
describe('npm run demo', () => {
  let demo: ChildProcess;
  let output = '';
  let dataDir: string;
  let exited: Promise<number | null>;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'demo/tsconfig.json'], { cwd: ROOT, stdio: 'pipe' });
    dataDir = mkdtempSync(join(tmpdir(), 'ai-ticket-demo-'));
    const port = await freePort();
    demo = spawn(process.execPath, [join(ROOT, 'dist/demo/demo/run.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        RATE_LIMIT_SQLITE_PATH: join(dataDir, 'rate-limit.sqlite'),
        AI_TICKET_METRICS_DB: join(dataDir, 'metrics.sqlite'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    exited = new Promise((resolve) => demo.once('exit', (code) => resolve(code)));
    demo.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    demo.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const deadline = Date.now() + 60_000;
    while (!output.includes('Ctrl-C stops') && Date.now() < deadline && demo.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 100));
    if (!output.includes('Ctrl-C stops')) throw new Error(`demo did not start: ${output}`);
  }, 90_000);

  afterAll(async () => {
    if (demo.exitCode === null) {
      demo.kill('SIGKILL');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const printedCurls = () => output.split('\n').filter((line) => line.trim().startsWith('curl '));

  it('should print the dashboard URL and a curl for a completion and for a stream', () => {
    expect(output).toMatch(/dashboard {2}http:\/\/localhost:\d+\/dashboard\//);
    expect(output).toMatch(/generated load: \d+ of \d+ events answered/);
    expect(printedCurls()).toHaveLength(2);
  });

  it('should answer the printed curl with a completion from the demo upstream', () => {
    const body = execFileSync('sh', ['-c', printedCurls()[0]], { encoding: 'utf8' });
    expect(JSON.parse(body)).toEqual({ completion: 'echo: Write a haiku about queues' });
  });

  it('should stream the printed streaming curl token by token', () => {
    const body = execFileSync('sh', ['-c', printedCurls()[1]], { encoding: 'utf8' });
    const events = body.split('\n\n').filter(Boolean).map((frame) => JSON.parse(frame.replace(/^data: /, '')) as { delta: string; done: boolean });
    expect(events.length).toBeGreaterThan(2);
    expect(events.map((e) => e.delta).join('')).toBe('echo: Write a haiku about queues');
    expect(events.at(-1)!.done).toBe(true);
  });

  it('should show the generated load on the dashboard API', async () => {
    const port = /localhost:(\d+)/.exec(output)![1];
    const summary = (await (await fetch(`http://localhost:${port}/api/metrics/summary`)).json()) as { totals: { successes: number } };
    expect(summary.totals.successes).toBeGreaterThanOrEqual(20);
  });

  it('should stop the service and the upstream on Ctrl-C, exiting 0', async () => {
    const port = /localhost:(\d+)/.exec(output)![1];
    demo.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(`http://localhost:${port}/healthz`)).rejects.toThrow();
  }, 30_000);
});
