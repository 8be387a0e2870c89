import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { FakeUpstream } from '@ai-ticket/testing';
import { ROOT } from './support/paths';
import { RUN_FLAGS, buildImage, imageSize, podman, podmanUnavailableReason, standInNodeImage } from './support/podman';

/**
 * The real OCI image: the repository's Dockerfile built with podman on a stand-in for node:24-bookworm-slim
 * (stand-in-node-image.sh says why), then run read-only with the host network against a fake upstream, as a
 * pod runs it. Builds take minutes on a shared machine, hence the long timeouts. Skipped, with the reason,
 * where podman cannot run (not root, tools missing).
 */
const unavailable = podmanUnavailableReason();
if (unavailable) console.warn(`image-oci.spec.ts skipped: podman cannot build and run images here: ${unavailable}`);
const describeWithPodman = unavailable ? describe.skip : describe;

/** The added layers we allow on top of the base image. */
const MAX_ADDED_BYTES = 100 * 1e6;
// One tag per work tree, so concurrent runs in other clones never replace each other's image.
const TAG = `localhost/ai-ticket-test:${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`;
const CONTAINER = `ai-ticket-test-${process.pid}`;

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

async function waitFor200(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((res) => res.status === 200, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms: ${podman(['logs', CONTAINER]).stdout.slice(-3000)}`);
}

describeWithPodman('OCI image (podman)', () => {
  // Every podman call is a process or two; on a shared machine a few seconds each.
  jest.setTimeout(120_000);
  let base: string;
  let upstream: FakeUpstream;
  let baseUrl: string;

  beforeAll(async () => {
    base = await standInNodeImage();
    const { seconds } = await buildImage(TAG, base);
    console.log(`podman build on ${base}: ${seconds.toFixed(0)} s`);

    upstream = await FakeUpstream.start({ host: '127.0.0.1' });
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    podman(['rm', '-f', '-v', CONTAINER]);
    const started = Date.now();
    const run = podman([
      'run', '-d', '--name', CONTAINER, ...RUN_FLAGS,
      // readOnlyRootFilesystem: only the image's volumes (/app/data for SQLite, /tmp) are writable, as in the
      // chart. Anonymous volumes, which keep the image's ownership of /app/data (a tmpfs would be root's).
      '--read-only',
      '-e', `PORT=${port}`, '-e', 'HOST=127.0.0.1', '-e', `KOBOLDCPP_API_URL=${upstream.url}`,
      '-e', 'RATE_LIMIT_BACKEND=sqlite', '-e', 'HISTORY_BACKEND=sqlite', '-e', 'SHUTDOWN_GRACE_MS=2000',
      TAG,
    ]);
    if (run.status !== 0) throw new Error(`podman run failed: ${run.stderr}`);
    await waitFor200(`${baseUrl}/readyz`, 60_000);
    console.log(`container start-up to /readyz 200: ${((Date.now() - started) / 1000).toFixed(2)} s`);
  }, 1_800_000);

  afterAll(async () => {
    podman(['rm', '-f', '-v', CONTAINER]);
    await upstream?.close();
  });

  it('should run as UID 10001', () => {
    expect(podman(['exec', CONTAINER, 'id', '-u']).stdout.trim()).toBe('10001');
  });

  it('should answer /healthz and /readyz, and pass its own HEALTHCHECK', async () => {
    const healthz = await fetch(`${baseUrl}/healthz`);
    expect({ status: healthz.status, body: await healthz.json() }).toEqual({ status: 200, body: { status: 'ok' } });
    const readyz = await fetch(`${baseUrl}/readyz`);
    expect({ status: readyz.status, body: await readyz.json() }).toMatchObject({ status: 200, body: { status: 'ready' } });
    const check = podman(['healthcheck', 'run', CONTAINER]);
    // The output rides along so a failure shows podman's reason.
    expect({ status: check.status, output: check.stdout + check.stderr }).toMatchObject({ status: 0 });
  });

  it('should answer an event from the upstream, counted in SQLite on the writable volume', async () => {
    const res = await fetch(`${baseUrl}/event`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: 'hi' }) });
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: { completion: 'echo: hi' } });
    expect(res.headers.get('ratelimit-remaining')).toBe('119');
    expect(podman(['exec', CONTAINER, 'ls', '/app/data']).stdout).toContain('rate-limit.sqlite');
  });

  it('should serve the dashboard', async () => {
    const res = await fetch(`${baseUrl}/dashboard/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<html');
  });

  it('should carry no compiler, no npm and no package cache', () => {
    const probe = [
      'for c in gcc cc c++ g++ make python3 npm npx corepack yarn; do command -v "$c"; done',
      'ls -d /usr/local/lib/node_modules/npm /root/.npm /var/cache/apt/*.bin 2>/dev/null',
      'ls -A /var/lib/apt/lists',
      'true',
    ].join('; ');
    expect(podman(['exec', CONTAINER, 'sh', '-c', probe]).stdout.trim()).toBe('');
  });

  it('should add less than 100 MB to its base image', () => {
    const added = imageSize(TAG) - imageSize(base);
    console.log(`image ${(imageSize(TAG) / 1e6).toFixed(0)} MB, base ${(imageSize(base) / 1e6).toFixed(0)} MB, added ${(added / 1e6).toFixed(1)} MB`);
    expect(added).toBeLessThan(MAX_ADDED_BYTES);
  });

  it('should drain and exit 0 on SIGTERM, logging shutdown complete', () => {
    expect(podman(['kill', '--signal', 'TERM', CONTAINER]).status).toBe(0);
    const wait = podman(['wait', CONTAINER], 30_000);
    expect(wait.stdout.trim()).toBe('0');
    const logs = podman(['logs', CONTAINER]);
    expect(logs.stdout + logs.stderr).toContain('"msg":"shutdown complete"');
  }, 60_000);
});
