import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { join } from 'node:path';
import { buildAppConfig } from '@ai-ticket/config';
import { FakeUpstream } from '@ai-ticket/testing';
import { parse } from 'yaml';
import { ROOT } from './support/cli-runner';
import { ComposeHost, type StepResult } from './support/compose-host';
import { NGINX } from './support/nginx-template';
import { parseRunbook } from './support/runbook-parser';
import { tlsRequest } from './support/tls-request';

const runbook = parseRunbook(readFileSync(join(ROOT, 'docs/operations.md'), 'utf8'));

/** The runbook's sections with commands, in order: each one is run by a test below. */
const SECTIONS = [
  'First start on one host',
  'Checking health',
  'Backup and restore',
  'Rotating API tokens',
  'Scaling out: from SQLite to Redis and PostgreSQL',
  'Reading the dashboard and the alerts',
  'Upgrading',
  'Renewing the certificate',
];

/** kubectl and helm for the client-side commands (the packaging tests' own fetcher), if they can be had. */
function k8sTools(): string | undefined {
  const result = spawnSync('bash', [join(ROOT, 'scripts/fetch-k8s-tools.sh')], { encoding: 'utf8', timeout: 120_000 });
  if (result.status === 0) return result.stdout.trim();
  process.stderr.write(`cli-runbook: kubectl/helm unavailable (${result.stderr.trim()}), so their commands are only checked for shape\n`);
  return undefined;
}

/** The certificate nginx presents, verified against `ca`. */
function servedCertificate(url: string, ca: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), ca, servername: hostname }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.end();
    });
    socket.on('error', reject);
  });
}

const missing = [NGINX, '/usr/bin/openssl', '/usr/bin/curl'].filter((tool) => !existsSync(tool));
if (missing.length > 0) process.stderr.write(`cli-runbook: ${missing.join(', ')} missing, so the runbook is not run\n`);

(missing.length === 0 ? describe : describe.skip)('docs/operations.md, every command run in order on a stand-in Compose host', () => {
  let upstream: FakeUpstream;
  let host: ComposeHost;
  const token = () => host.lastToken?.token ?? '';

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    host = new ComposeHost(upstream, k8sTools());
    for (const [name, content] of runbook.files) writeFileSync(join(host.dir, name), content);
  }, 180_000);
  afterAll(async () => {
    await host?.close();
    await upstream?.close();
  });

  /** Runs a section's commands in order; each must exit 0. */
  async function runSection(section: string): Promise<StepResult[]> {
    const results: StepResult[] = [];
    for (const step of runbook.steps.filter((s) => s.section === section)) {
      const result = await host.run(step.command);
      expect({ command: step.command, code: result.code, stderr: result.code === 0 ? '' : result.stderr + result.stdout }).toEqual({ command: step.command, code: 0, stderr: '' });
      results.push(result);
    }
    return results;
  }

  const event = (bearer: string) => tlsRequest(`${host.url}/event`, { ca: readFileSync(join(host.dir, 'ops/certs/tls.crt'), 'utf8'), body: { content: 'check' }, headers: { authorization: `Bearer ${bearer}` } });

  /** Waits until the history holds `count` events: the recorder writes its batches up to 250 ms after the answers. */
  async function historyHolds(count: number, bearer: string): Promise<void> {
    const ca = readFileSync(join(host.dir, 'ops/certs/tls.crt'), 'utf8');
    const deadline = Date.now() + 10_000;
    for (;;) {
      const summary = await tlsRequest(`${host.url}/api/metrics/summary`, { ca, headers: { authorization: `Bearer ${bearer}` } });
      const recorded = (JSON.parse(summary.body) as { totals: { requests: number } }).totals.requests;
      if (recorded >= count) return;
      if (Date.now() > deadline) throw new Error(`the history holds ${recorded} events after 10 s, expected ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('should run every section that has commands, and only those listed here', () => {
    expect([...new Set(runbook.steps.map((step) => step.section))]).toEqual(SECTIONS);
    expect(runbook.steps.length).toBeGreaterThan(25);
  });

  it(`should run "${SECTIONS[0]}": a token, the proxy, a first event through TLS`, async () => {
    const results = await runSection(SECTIONS[0]);

    expect(readFileSync(host.tokenFile, 'utf8')).toContain(`\n${host.lastToken?.line}\n`);
    expect(host.lastToken?.line).toMatch(/^ci=sha256:[0-9a-f]{64}$/);
    expect(results.find((r) => r.stdout.startsWith('ready: '))).toBeDefined();
    expect(JSON.parse(results[results.length - 2].stdout)).toEqual({ status: 'ready', inFlight: 0 });
    expect(JSON.parse(results[results.length - 1].stdout)).toEqual({ completion: 'echo: Say hello' });
  }, 60_000);

  it(`should run "${SECTIONS[1]}"`, async () => {
    const [health, logs] = await runSection(SECTIONS[1]);

    expect(JSON.parse(health.stdout)).toMatchObject({ ready: true, status: 'ready' });
    expect(logs.stdout).toContain('"msg":"AI Ticket is listening"');
  });

  it(`should run "${SECTIONS[2]}": a backup copied off the volume, restored, the service back`, async () => {
    for (let i = 0; i < 5; i += 1) expect((await event(token())).status).toBe(200);
    await historyHolds(6, token());

    const results = await runSection(SECTIONS[2]);

    const backup = join(host.dir, 'ops/backups', host.variables.BACKUP);
    const manifest = JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8')) as { databases: Array<{ store: string; totals?: { requests: number } }> };
    expect(manifest.databases.map((db) => db.store)).toEqual(['rate-limit', 'event-history']);
    expect(manifest.databases[1].totals?.requests).toBeGreaterThanOrEqual(6);
    expect(existsSync(join(host.dir, 'volume/backups', host.variables.BACKUP))).toBe(false);
    expect(results.some((r) => r.stdout.startsWith(`restored 2 database(s) from ${backup}`))).toBe(true);
    expect(results.filter((r) => r.stdout.startsWith('ready: '))).toHaveLength(1);
    expect(results[results.length - 1].stdout).toMatch(/^backed up 2 database\(s\) to .*\/volume\/backups\/ai-ticket-\d{8}-\d{6}\n/);
  }, 60_000);

  it(`should run "${SECTIONS[3]}": the new token works, the old one stops, no restart, the file edited in place`, async () => {
    const oldToken = token();
    const inode = statSync(host.tokenFile).ino;
    const pid = host.service?.child.pid;

    const results = await runSection(SECTIONS[3]);

    expect(JSON.parse(results[2].stdout)).toEqual({ completion: 'echo: new token works' });
    const deadline = Date.now() + 5000;
    while ((await event(oldToken)).status !== 403) {
      if (Date.now() > deadline) throw new Error('the old token still works');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await event(token())).status).toBe(200);
    expect(statSync(host.tokenFile).ino).toBe(inode);
    expect(host.service?.child.pid).toBe(pid);
    expect(readFileSync(host.tokenFile, 'utf8')).not.toMatch(/^ci=/m);
    for (const applied of host.applied.filter((text) => !text.startsWith('(skipped'))) {
      expect(parse(applied)).toMatchObject({ kind: 'Secret', metadata: { name: 'ai-ticket-tokens' }, data: { tokens: readFileSync(host.tokenFile).toString('base64') } });
    }
  }, 30_000);

  it(`should run "${SECTIONS[4]}": valid settings, migrations, and chart values that render`, async () => {
    for (const snippet of runbook.envSnippets) {
      const config = buildAppConfig({ ...host.containerEnv(), ...snippet });
      expect([config.rateLimit.backend, config.history.backend]).toEqual(['redis', 'postgres']);
    }
    expect(runbook.envSnippets).toHaveLength(1);

    const results = await runSection(SECTIONS[4]);

    expect(results[0].stdout).toMatch(/^rate-limit +sqlite +.*up to date/);
    const rendered = results[results.length - 1].stdout;
    if (!rendered.startsWith('(skipped')) {
      expect(rendered).toContain('RATE_LIMIT_BACKEND: "redis"');
      expect(rendered).toContain('HISTORY_BACKEND: "postgres"');
      expect(rendered).toMatch(/replicas: 3/);
    }
  }, 60_000);

  it(`should run "${SECTIONS[5]}": the summary and the metrics with a token`, async () => {
    const [summary, metrics] = await runSection(SECTIONS[5]);

    expect(JSON.parse(summary.stdout)).toMatchObject({ totals: { requests: expect.any(Number) }, latency: expect.any(Object), statusPanels: expect.any(Object) });
    expect(metrics.stdout).toMatch(/^# TYPE ai_ticket_events_total counter$/m);
  });

  it(`should run "${SECTIONS[6]}"`, async () => {
    const pid = host.service?.child.pid;

    const results = await runSection(SECTIONS[6]);

    expect(results.find((r) => r.stdout.startsWith('ready: '))).toBeDefined();
    expect(host.service?.child.pid).not.toBe(pid);
    expect((await event(token())).status).toBe(200);
  }, 60_000);

  it(`should run "${SECTIONS[7]}": nginx presents the new certificate without a restart`, async () => {
    const before = await servedCertificate(host.url, readFileSync(join(host.dir, 'ops/certs/tls.crt'), 'utf8'));

    await runSection(SECTIONS[7]);

    const after = await servedCertificate(host.url, readFileSync(join(host.dir, 'ops/certs/tls.crt'), 'utf8'));
    expect(after).not.toBe(before);
  }, 30_000);
});
