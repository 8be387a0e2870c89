import { createServer, type Server, type Socket } from 'node:net';
import { FakeUpstream } from '@ai-ticket/testing';
import { BrokenRedis } from './support/broken-redis';
import { jsonLines, runCli } from './support/cli-runner';
import { freePort } from './support/free-port';
import { RunningService } from './support/running-service';

describe('ai-ticket health', () => {
  let upstream: FakeUpstream;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
  });
  afterAll(() => upstream.close());

  describe('when the service is ready', () => {
    let service: RunningService;

    beforeAll(async () => {
      service = await RunningService.start({ KOBOLDCPP_API_URL: upstream.url });
    }, 30_000);
    afterAll(() => service.stop());

    it('should print the status and exit 0', async () => {
      const result = await runCli(['health'], { env: { AI_TICKET_URL: service.url } });

      expect(result).toEqual({ code: 0, stdout: `ready: ${service.url}/readyz (0 in flight)\n`, stderr: '' });
    });

    it('should print {ready, url, httpStatus, status, inFlight} with --json and --server-url', async () => {
      const result = await runCli(['health', '--server-url', service.url, '--json'], { env: { AI_TICKET_URL: 'http://127.0.0.1:1' } });

      expect(result.code).toBe(0);
      expect(jsonLines(result.stdout)).toEqual([{ ready: true, url: `${service.url}/readyz`, httpStatus: 200, status: 'ready', inFlight: 0 }]);
    });
  });

  describe('when a store the service needs is down (RATE_LIMIT_FAIL_MODE=closed, Redis failing)', () => {
    let redis: BrokenRedis;
    let service: RunningService;

    beforeAll(async () => {
      redis = await BrokenRedis.start();
      service = await RunningService.start({ KOBOLDCPP_API_URL: upstream.url, RATE_LIMIT_BACKEND: 'redis', REDIS_URL: redis.url, RATE_LIMIT_FAIL_MODE: 'closed' }, '/healthz');
    }, 30_000);
    afterAll(async () => {
      await service.stop();
      await redis.close();
    });

    it('should say why it is not ready and exit 3', async () => {
      const human = await runCli(['health'], { env: { AI_TICKET_URL: service.url } });
      const json = await runCli(['health', '--json'], { env: { AI_TICKET_URL: service.url } });

      expect(human.code).toBe(3);
      expect(human.stdout).toBe(`not ready: unavailable (failing: rate-limit-store): ${service.url}/readyz answered 503\n`);
      expect(json.code).toBe(3);
      expect(jsonLines(json.stdout)).toEqual([{ ready: false, url: `${service.url}/readyz`, httpStatus: 503, status: 'unavailable', failing: ['rate-limit-store'], inFlight: 0 }]);
    });
  });

  it('should exit 3 when nothing answers', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;

    const human = await runCli(['health', '--server-url', url]);
    const json = await runCli(['health', '--server-url', url, '--json']);

    expect(human.code).toBe(3);
    expect(human.stdout).toMatch(/^unreachable: http:\/\/127\.0\.0\.1:\d+\/readyz: .*ECONNREFUSED/);
    expect(json.code).toBe(3);
    expect(jsonLines(json.stdout)).toEqual([{ ready: false, url: `${url}/readyz`, httpStatus: null, status: 'unreachable', message: expect.stringContaining('ECONNREFUSED') }]);
  });

  it('should give up after --timeout when the server never answers', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const started = Date.now();
      const result = await runCli(['health', '--server-url', url, '--timeout', '300', '--json']);

      expect(result.code).toBe(3);
      expect(jsonLines(result.stdout)).toEqual([{ ready: false, url: `${url}/readyz`, httpStatus: null, status: 'unreachable', message: 'no answer within 300 ms' }]);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('should exit 2 for a bad --timeout', async () => {
    const result = await runCli(['health', '--timeout', 'soon']);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--timeout must be a positive number of milliseconds/);
  });
});
