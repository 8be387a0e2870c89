import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeUpstream } from '@ai-ticket/testing';
import { parse } from 'yaml';
import { ROOT, runCli } from './support/cli-runner';
import { freePort } from './support/free-port';
import { NGINX, NativeNginx, nginxTest, renderProxyTemplate, writeNginxMain } from './support/nginx-template';
import { RunningService } from './support/running-service';
import { tlsRequest } from './support/tls-request';

const CHAT = '/v1/chat/completions';
const LIMIT = 3;

/** nginx's environment in docker-compose.yml: the values the image renders the template with. */
function composeProxyEnvironment(): Record<string, string> {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: { nginx: { environment: Record<string, string> } } };
  return compose.services.nginx.environment;
}

const missing = [NGINX, '/usr/bin/openssl'].filter((tool) => !existsSync(tool));
if (missing.length > 0) process.stderr.write(`compose-proxy: ${missing.join(' and ')} missing (scripts/install-test-tools.sh installs them), so these cases are skipped\n`);

(missing.length === 0 ? describe : describe.skip)('the Compose TLS proxy (ops/nginx) in front of the real service', () => {
  let dir: string;
  let certFile: string;
  let ca: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ai-ticket-compose-proxy-'));
    // nginx's workers run as nobody and must reach the temp folders below (request bodies over 16 KiB).
    chmodSync(dir, 0o755);
    // The runbook's own command for a throw-away certificate.
    execFileSync(join(ROOT, 'ops/certs/self-signed.sh'), [join(dir, 'certs'), 'localhost'], { stdio: 'pipe' });
    certFile = join(dir, 'certs/tls.crt');
    ca = readFileSync(certFile, 'utf8');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Compose's values, with only the host-specific ones (port, files) pointed into the test's folder. */
  const render = (overrides: Record<string, string>) =>
    renderProxyTemplate({ ...composeProxyEnvironment(), PROXY_TLS_CERTIFICATE: join(dir, 'certs/tls.crt'), PROXY_TLS_CERTIFICATE_KEY: join(dir, 'certs/tls.key'), ...overrides });

  it('should pass nginx -t as rendered with the values of docker-compose.yml', () => {
    const conf = join(dir, 'check');
    const main = writeNginxMain(conf, render({ PROXY_HTTPS_LISTEN: '127.0.0.1:8443', PROXY_ACCESS_LOG: join(conf, 'access.log') }));

    const check = nginxTest(main, conf);

    expect(check.output).toContain('test is successful');
    expect(check.ok).toBe(true);
  });

  describe('running', () => {
    let upstream: FakeUpstream;
    let service: RunningService;
    let nginx: NativeNginx;
    let front: string;
    let accessLog: string;

    beforeAll(async () => {
      upstream = await FakeUpstream.start();
      service = await RunningService.start({ KOBOLDCPP_API_URL: upstream.url, TRUST_PROXY_COUNT: '1', RATE_LIMIT_REQUESTS: String(LIMIT), RATE_LIMIT_WINDOW_SECONDS: '300', UPSTREAM_CONCURRENCY: '4' });
      const port = await freePort();
      const conf = join(dir, 'run');
      accessLog = join(conf, 'access.log');
      const main = writeNginxMain(conf, render({ PROXY_UPSTREAM: new URL(service.url).host, PROXY_HTTPS_LISTEN: `127.0.0.1:${port}`, PROXY_ACCESS_LOG: accessLog }));
      nginx = NativeNginx.start(main, conf);
      front = `https://127.0.0.1:${port}`;
      const deadline = Date.now() + 5000;
      while ((await tlsRequest(`${front}/healthz`, { ca }).catch(() => undefined))?.status !== 200) {
        if (Date.now() > deadline) throw new Error('nginx did not come up');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }, 30_000);
    afterAll(async () => {
      await nginx?.stop();
      await service?.stop();
      await upstream?.close();
    });

    it('should terminate TLS with the generated certificate, verified, and proxy to the service', async () => {
      const answer = await tlsRequest(`${front}/healthz`, { ca });
      const unverified = tlsRequest(`${front}/healthz`);

      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
      expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(answer.headers.server).toBe('nginx');
      await expect(unverified).rejects.toThrow(/self[- ]signed certificate/);
    });

    it('should relay a streamed answer as it is produced, not buffered until the end', async () => {
      upstream.enqueue(CHAT, { kind: 'stream', tokens: ['one ', 'two ', 'three ', 'four ', 'five'], intervalMs: 300 });
      const events: Array<{ data: unknown; at: number }> = [];

      const answer = await tlsRequest(`${front}/event`, { ca, body: { content: 'count', stream: true }, localAddress: '127.0.0.10', onEvent: (data, at) => events.push({ data, at }) });

      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(events.map((event) => event.data)).toEqual([
        { delta: 'one ', done: false },
        { delta: 'two ', done: false },
        { delta: 'three ', done: false },
        { delta: 'four ', done: false },
        { delta: 'five', done: false },
        { delta: '', done: true },
      ]);
      // The upstream takes 1.2 s from first to last token; the first reached the client long before it finished.
      expect(events[events.length - 1].at - events[0].at).toBeGreaterThan(900);
    });

    it('should give the service the address nginx saw (TRUST_PROXY_COUNT=1), whatever X-Forwarded-For the client sends', async () => {
      const send = (localAddress: string, forwardedFor?: string) =>
        tlsRequest(`${front}/event`, { ca, localAddress, body: { content: 'hi' }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });

      const first = [await send('127.0.0.2'), await send('127.0.0.2', '10.0.0.1'), await send('127.0.0.2', '10.0.0.2')];
      const spoofing = await send('127.0.0.2', '10.0.0.3, 10.0.0.4');
      const other = await send('127.0.0.3');

      expect(first.map((answer) => answer.status)).toEqual([200, 200, 200]);
      // A client cannot leave its bucket with its own header: the service keys on nginx's view.
      expect(spoofing.status).toBe(429);
      expect(JSON.parse(spoofing.body)).toMatchObject({ error: 'rate_limited', details: { limit: LIMIT, windowSeconds: 300 } });
      expect(spoofing.headers['retry-after']).toMatch(/^\d+$/);
      expect(other.status).toBe(200);
    });

    it("should let the service refuse an oversized body with its own JSON error, not nginx's page", async () => {
      const answer = await tlsRequest(`${front}/event`, { ca, localAddress: '127.0.0.11', body: { content: 'x'.repeat(1_500_000) } });

      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ error: 'payload_too_large', requestId: expect.any(String) });
    });

    it("should keep the caller's X-Request-Id (or make one) and log it with the request", async () => {
      const given = await tlsRequest(`${front}/healthz`, { ca, headers: { 'x-request-id': 'compose-proxy-correlation-1' } });
      const made = await tlsRequest(`${front}/healthz`, { ca });
      await new Promise((resolve) => setTimeout(resolve, 200));

      expect(given.headers['x-request-id']).toBe('compose-proxy-correlation-1');
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
      const log = readFileSync(accessLog, 'utf8');
      expect(log).toMatch(/^127\.0\.0\.1 \[[^\]]+\] "GET \/healthz HTTP\/1\.1" 200 \d+ rt=[\d.]+ urt=[\d.]+ id=compose-proxy-correlation-1$/m);
      expect(log).toContain(`id=${String(made.headers['x-request-id'])}`);
    });

    it('should serve the CLI over TLS with the certificate trusted through NODE_EXTRA_CA_CERTS', async () => {
      const env = { AI_TICKET_URL: front, NODE_EXTRA_CA_CERTS: certFile };
      upstream.enqueue(CHAT, { kind: 'stream', tokens: ['over ', 'TLS'] });

      const health = await runCli(['health'], { env });
      const prompt = await runCli(['prompt', 'hello', '--stream'], { env });
      const untrusted = await runCli(['health', '--json'], { env: { AI_TICKET_URL: front } });

      expect(health).toEqual({ code: 0, stdout: `ready: ${front}/readyz (0 in flight)\n`, stderr: '' });
      expect(prompt).toEqual({ code: 0, stdout: 'over TLS\n', stderr: '' });
      expect(untrusted.code).toBe(3);
      expect(JSON.parse(untrusted.stdout)).toMatchObject({ ready: false, status: 'unreachable', message: expect.stringMatching(/self[- ]signed certificate/) });
    });
  });
});
