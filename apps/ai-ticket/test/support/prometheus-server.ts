import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { waitUntilReady } from './service-process';

/** The Prometheus server binary (Debian's `prometheus` package, installed by scripts/install-test-tools.sh). */
const BINARY = 'prometheus';
export const prometheusAvailable = spawnSync(BINARY, ['--version']).status === 0;

/** The job name the scraped service's series carry. */
export const SCRAPE_JOB = 'ai-ticket';

export interface Sample {
  metric: Record<string, string>;
  value: number;
}

interface QueryAnswer {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

/**
 * A real Prometheus server on a free loopback port, scraping `target` (host:port) every second, with
 * its own temporary storage. `query()` runs PromQL through the HTTP API, as Grafana does.
 */
export class PrometheusServer {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
    private readonly log: () => string,
  ) {}

  static async start(target: string): Promise<PrometheusServer> {
    const dir = mkdtempSync(join(tmpdir(), 'ai-ticket-prometheus-'));
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      [
        'global: { scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s }',
        'scrape_configs:',
        `  - job_name: ${SCRAPE_JOB}`,
        `    static_configs: [{ targets: ['${target}'] }]`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    const args = [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'];
    const child = spawn(BINARY, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    const server = new PrometheusServer(`http://127.0.0.1:${port}`, child, dir, () => log);
    try {
      await waitUntilReady(`${server.url}/-/ready`, 30_000);
    } catch (error) {
      await server.stop();
      throw new Error(`${String(error)}\n${log}`, { cause: error });
    }
    return server;
  }

  /** Runs an instant query; fails on a PromQL error (a broken dashboard panel or rule). */
  async query(expr: string): Promise<Sample[]> {
    const res = await fetch(`${this.url}/api/v1/query?${new URLSearchParams({ query: expr })}`);
    const answer = (await res.json()) as QueryAnswer;
    if (answer.status !== 'success' || !answer.data) throw new Error(`query failed: ${expr}: ${answer.error ?? res.status}`);
    if (answer.data.resultType === 'scalar') {
      const [, value] = answer.data.result as unknown as [number, string];
      return [{ metric: {}, value: Number(value) }];
    }
    return answer.data.result.map(({ metric, value }) => ({ metric, value: Number(value[1]) }));
  }

  /** Waits until the target has been scraped successfully `count` more times. */
  async waitForScrapes(count: number, timeoutMs = 30_000): Promise<void> {
    const scrapes = async () => (await this.query(`sum_over_time(up{job="${SCRAPE_JOB}"}[1h])`))[0]?.value ?? 0;
    const target = (await scrapes()) + count;
    const deadline = Date.now() + timeoutMs;
    while ((await scrapes()) < target) {
      if (Date.now() > deadline) throw new Error(`fewer than ${count} scrapes within ${timeoutMs} ms\n${this.log()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
