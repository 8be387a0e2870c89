import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeUpstream } from '@ai-ticket/testing';
import { freePort } from './support/free-port';
import { startService, waitUntilReady, type ServiceProcess } from './support/service-process';

// dist/ is built by the e2e project's globalSetup (support/global-setup.ts).
describe('the service process (dist/main.js)', () => {
  let service: ServiceProcess | undefined;

  afterEach(async () => {
    // Wait for the exit, so no child (or its pipes) outlives the test file.
    service?.child.kill('SIGKILL');
    await service?.exited;
    service = undefined;
  });

  it('should refuse to start on invalid configuration, naming every bad variable but no value', async () => {
    service = startService({ PORT: 'eighty', UPSTREAM_TIMEOUT_MS: 'sk-secret-value-123', KOBOLDCPP_API_URL: 'not a url' });

    const code = await service.exited;

    expect(code).toBe(1);
    expect(service.stderr()).toMatch(/PORT/);
    expect(service.stderr()).toMatch(/UPSTREAM_TIMEOUT_MS/);
    expect(service.stderr()).toMatch(/KOBOLDCPP_API_URL/);
    expect(service.stderr()).not.toContain('sk-secret-value-123');
    expect(service.stderr()).not.toContain('eighty');
  });

  it('should drain on SIGTERM: fail readiness, finish the in-flight request, log and exit 0', async () => {
    const upstream = await FakeUpstream.start();
    try {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      service = startService({ PORT: String(port), HOST: '127.0.0.1', KOBOLDCPP_API_URL: upstream.url, SHUTDOWN_GRACE_MS: '5000' });
      await waitUntilReady(`${url}/readyz`);
      upstream.enqueue('/v1/chat/completions', { kind: 'delay', ms: 600, then: { kind: 'ok' } });
      const inFlight = fetch(`${url}/event`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer must-not-be-logged' },
        body: JSON.stringify({ content: 'secret prompt text' }),
      });
      await upstream.waitForRequests(1);

      service.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const readiness = await fetch(`${url}/readyz`);
      const answer = await inFlight;
      const code = await service.exited;

      expect(readiness.status).toBe(503);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ completion: 'echo: secret prompt text' });
      expect(code).toBe(0);
      const lines = service
        .stdout()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines[lines.length - 1]).toMatchObject({ msg: 'shutdown complete', drained: true });
      expect(lines.find((line) => line.msg === 'request completed')).toMatchObject({ method: 'POST', url: '/event', statusCode: 200, requestId: expect.any(String) });
      expect(lines.some((line) => line.url === '/readyz')).toBe(false);
      expect(service.stdout()).not.toContain('secret prompt text');
      expect(service.stdout()).not.toContain('must-not-be-logged');
    } finally {
      await upstream.close();
    }
  }, 30_000);

  describe('what it loads', () => {
    /** Preloaded into the service: at exit it writes the npm packages the process loaded. */
    const PROBE = `process.on('exit', () => {
      const names = Object.keys(require.cache).map((file) => file.match(/node_modules\\/((@[^/]+\\/)?[^/]+)/)?.[1]).filter(Boolean);
      require('node:fs').writeFileSync(process.env.LOADED_PACKAGES_FILE, [...new Set(names)].join('\\n'));
    });`;
    const BACKEND_PACKAGES = ['typeorm', 'sqlite3', 'pg', 'ioredis', '@opentelemetry/sdk-trace'];
    let dir: string;

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'ai-ticket-loaded-'));
      writeFileSync(join(dir, 'probe.js'), PROBE);
    });

    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** Starts the service with `env`, answers one event, stops it, and returns the packages it loaded. */
    async function packagesLoaded(env: Record<string, string>): Promise<string[]> {
      const upstream = await FakeUpstream.start();
      try {
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        const file = join(dir, 'loaded.txt');
        service = startService({ PORT: String(port), HOST: '127.0.0.1', KOBOLDCPP_API_URL: upstream.url, NODE_OPTIONS: `--require ${join(dir, 'probe.js')}`, LOADED_PACKAGES_FILE: file, ...env });
        await waitUntilReady(`${url}/readyz`);
        const answer = await fetch(`${url}/event`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: 'hi' }) });
        expect(answer.status).toBe(200);
        service.child.kill('SIGTERM');
        expect(await service.exited).toBe(0);
        return readFileSync(file, 'utf8').split('\n');
      } finally {
        await upstream.close();
      }
    }

    it('should load no database, Redis or tracing client on its embedded default (in-memory stores, no tracing)', async () => {
      const loaded = await packagesLoaded({});

      expect(loaded).toContain('fastify');
      expect(loaded.filter((name) => BACKEND_PACKAGES.includes(name))).toEqual([]);
    }, 30_000);

    it('should load TypeORM and the SQLite driver once a SQLite store is configured', async () => {
      const loaded = await packagesLoaded({ RATE_LIMIT_BACKEND: 'sqlite', RATE_LIMIT_SQLITE_PATH: join(dir, 'limits.db') });

      expect(loaded).toEqual(expect.arrayContaining(['typeorm', 'sqlite3']));
      expect(loaded).not.toContain('ioredis');
    }, 30_000);
  });
});
