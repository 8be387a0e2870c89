import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { envOf, execForm, instructions, readDockerfile, stage } from './support/dockerfile';
import { installedPackages, runDockerfileStages, type StageResult } from './support/dockerfile-runner';
import { ROOT } from './support/paths';

/**
 * No Docker engine runs here, so the Dockerfile's own build steps run outside Docker (see dockerfile-runner.ts),
 * in a scratch folder under the system temp dir: the repository's node_modules and dist/ are never written to,
 * and Node cannot resolve a module from them (module lookup walks up from the scratch folder, not the repo).
 * Then the runtime stage's CMD starts with only the production node_modules, as in the image.
 */
const dockerfile = readDockerfile();
const runtimeStage = stage(dockerfile, 'runtime');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The environment of the build steps: this machine's (proxy, CA certificates, npm user config), without what
 * `npm test` and Jest add (npm_* lifecycle variables, NODE_ENV=test), Node 24 first on PATH, and node-gyp pointed
 * at Node 24's headers.
 */
function buildEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^npm_/i.test(key) || ['INIT_CWD', 'NODE_ENV', 'NODE_OPTIONS', 'JEST_WORKER_ID'].includes(key)) continue;
    env[key] = value;
  }
  env.PATH = `${dirname(process.execPath)}:${env.PATH ?? '/usr/bin:/bin'}`;
  // sqlite3 compiles against the headers of the Node that will load it; without them node-gyp would download them.
  const nodeHome = dirname(dirname(process.execPath));
  if (existsSync(join(nodeHome, 'include/node/node.h'))) env.npm_config_nodedir = nodeHome;
  return env;
}

/**
 * How to start the service with a read-only root filesystem, as `readOnlyRootFilesystem: true` runs it: a private
 * mount namespace (unshare, as root) where `/` is remounted read-only and only the data folder and a temp folder
 * stay writable. Undefined, with the reason printed, where mount namespaces are not available.
 */
function readOnlyRootLauncher(): ((command: string[], writable: string[]) => string[]) | undefined {
  const script = 'for d in "$@"; do mount --bind "$d" "$d" || exit 1; done; mount -o remount,bind,ro / || exit 1';
  const probeDir = mkdtempSync(join(tmpdir(), 'ai-ticket-ro-probe-'));
  const probe = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', `${script}; touch '${probeDir}/x' 2>/dev/null && exit 2; exit 0`, 'sh'], { encoding: 'utf8' });
  rmSync(probeDir, { recursive: true, force: true });
  if (probe.status !== 0) {
    console.warn(`read-only root filesystem not enforced (no private mount namespace here: ${(probe.stderr || probe.error?.message || `status ${probe.status}`).trim()})`);
    return undefined;
  }
  return (command, writable) => [
    'unshare',
    '-m',
    '--propagation',
    'private',
    'sh',
    '-c',
    `${script.replace('"$@"', writable.map((d) => `'${d}'`).join(' '))}; exec "$@"`,
    'sh',
    ...command,
  ];
}

describe('image build steps outside Docker', () => {
  let workspace: string;
  let stages: Map<string, StageResult>;
  let runtimeDir: string;
  let service: ChildProcess | undefined;
  let baseUrl: string;
  let output = '';

  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'ai-ticket-image-'));
    stages = await runDockerfileStages(dockerfile, { workspace, env: buildEnv(), stepTimeoutMs: 240_000 });
    runtimeDir = stages.get('runtime')!.dir;
    for (const result of stages.values()) {
      console.log(`stage ${result.name}: ${result.seconds.toFixed(1)} s; ran ${JSON.stringify(result.ran)}; skipped (image-only) ${JSON.stringify(result.skipped)}`);
    }
  }, 300_000);

  afterAll(async () => {
    if (service && service.exitCode === null) {
      service.kill('SIGKILL');
      await new Promise((resolve) => service!.once('exit', resolve));
    }
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('should run the npm and node steps of the build and prod-deps stages', () => {
    expect(stages.get('build')!.ran).toEqual(['npm ci --ignore-scripts --no-audit --no-fund', 'npm run build']);
    expect(stages.get('prod-deps')!.ran).toEqual(['npm ci --omit=dev --omit=optional --no-audit --no-fund', 'node scripts/prune-node-modules.mjs node_modules']);
  });

  it('should produce the entrypoint and the dashboard in the runtime stage', () => {
    const cmd = execForm(instructions(runtimeStage, 'CMD')[0].value);
    expect(existsSync(join(runtimeDir, cmd.at(-1)!))).toBe(true);
    expect(existsSync(join(runtimeDir, 'dist/dashboard/index.html'))).toBe(true);
  });

  it('should ship production dependencies only, with the sqlite3 addon compiled', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const installed = installedPackages(join(runtimeDir, 'node_modules'));
    for (const name of Object.keys(pkg.dependencies)) expect(installed).toContain(name);
    // A devDependency that a production package needs too (ajv, for Fastify) is rightly installed; the lock marks the rest `dev`.
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.keys(pkg.devDependencies).filter((name) => lock.packages[`node_modules/${name}`]?.dev === true);
    expect(devOnly.length).toBeGreaterThan(0);
    expect(devOnly.filter((name) => installed.includes(name))).toEqual([]);
    expect(existsSync(join(runtimeDir, 'node_modules/sqlite3/build/Release/node_sqlite3.node'))).toBe(true);
  });

  it('should start the CMD with only production node_modules on a read-only root filesystem and answer /healthz, /readyz, /dashboard/ and /metrics', async () => {
    const cmd = execForm(instructions(runtimeStage, 'CMD')[0].value);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const dataDir = join(runtimeDir, 'data');
    mkdirSync(dataDir, { recursive: true });
    // The image's ENV, then what a pod would set; SQLite for both stores exercises the native addon built by prod-deps.
    const env = {
      ...envOf(runtimeStage),
      // Node 24 plus the system folders an image has (sh, mount and unshare for the read-only launcher).
      PATH: `${dirname(process.execPath)}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SHUTDOWN_GRACE_MS: '2000',
      KOBOLDCPP_API_URL: 'http://127.0.0.1:9',
      UPSTREAM_MAX_RETRIES: '0',
      RATE_LIMIT_BACKEND: 'sqlite',
      RATE_LIMIT_FAIL_MODE: 'closed',
      RATE_LIMIT_SQLITE_PATH: join(dataDir, 'rate-limit.sqlite'),
      HISTORY_BACKEND: 'sqlite',
      AI_TICKET_METRICS_DB: join(dataDir, 'metrics.sqlite'),
    };
    const tmp = join(workspace, 'pod-tmp');
    mkdirSync(tmp, { recursive: true });
    const launcher = readOnlyRootLauncher();
    if (launcher) console.log('read-only root filesystem: enforced (private mount namespace; only the data and temp folders are writable)');
    const argv = launcher ? launcher([process.execPath, ...cmd.slice(1)], [dataDir, tmp]) : [process.execPath, ...cmd.slice(1)];
    const child = spawn(argv[0], argv.slice(1), { cwd: runtimeDir, env: { ...env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    service = child;
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const deadline = Date.now() + 30_000;
    let healthz: Response | undefined;
    while (!healthz && Date.now() < deadline && child.exitCode === null) {
      healthz = await fetch(`${baseUrl}/healthz`).catch(() => undefined);
      if (!healthz) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!healthz) throw new Error(`service did not answer /healthz: ${output}`);
    expect(healthz.status).toBe(200);
    expect(await healthz.json()).toEqual({ status: 'ok' });

    const readyz = await fetch(`${baseUrl}/readyz`);
    expect({ status: readyz.status, body: await readyz.json() }).toMatchObject({ status: 200, body: { status: 'ready' } });

    const dashboard = await fetch(`${baseUrl}/dashboard/`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers.get('content-type')).toContain('text/html');
    expect(await dashboard.text()).toContain('<html');

    const event = await fetch(`${baseUrl}/event`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: 'hi' }) });
    expect(event.status).toBe(502); // nothing listens on the upstream port
    expect(event.headers.get('ratelimit-remaining')).toBe('119'); // counted in SQLite
    expect(existsSync(join(dataDir, 'rate-limit.sqlite'))).toBe(true);

    const metrics = await fetch(`${baseUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('ai_ticket_http_requests_total');
  }, 60_000);

  it('should drain and exit 0 on SIGTERM', async () => {
    expect(service?.pid).toBeDefined();
    expect(service!.exitCode).toBeNull();
    const exited = new Promise<number | null>((resolve) => service!.once('exit', (code) => resolve(code)));
    service!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).not.toMatch(/"level":(50|60)/);
  }, 30_000);
});
