// Implicit conversion reads the emitted design types; main.ts loads this polyfill the same way.
import 'reflect-metadata';
import { buildAppConfig } from './app-config.factory';
import { EnvironmentValidationError } from './env.validation';

describe(buildAppConfig.name, () => {
  it('should build the default tree from an empty environment', () => {
    expect(buildAppConfig({})).toEqual({
      server: { nodeEnv: 'production', host: '0.0.0.0', port: 5000, bodyLimitBytes: 1024 * 1024, shutdownGraceMs: 25_000, trustProxyCount: 0 },
      logging: { level: 'info', pretty: false },
      upstream: {
        targets: [{ url: 'http://localhost:5001', slots: 1 }],
        discovery: { mode: 'static', intervalMs: 5_000, dnsServers: [] },
        slots: { backend: 'local', leaseMs: 15_000, failMode: 'local' },
        timeoutMs: 120_000,
        maxRetries: 2,
        retryBaseMs: 250,
        retryMaxMs: 5_000,
        concurrency: 1,
        queueSize: 100,
        queueTimeoutMs: 30_000,
        circuitThreshold: 5,
        circuitCooldownMs: 30_000,
      },
      auth: { envTokens: [], reloadIntervalMs: 30_000, required: false, metricsRequireAuth: false },
      rateLimit: { backend: 'memory', limit: 120, windowMs: 60_000, failMode: 'open' },
      tokenBudget: { defaultBudget: 0, windowMs: 86_400_000, completionReserve: 512 },
      usage: { tokenCount: 'auto' },
      sqlite: { rateLimitPath: 'data/rate-limit.sqlite', journalMode: 'wal', busyTimeoutMs: 5_000 },
      redis: { url: 'redis://127.0.0.1:6379', keyPrefix: 'ai-ticket:' },
      history: { backend: 'memory', sqlitePath: 'data/metrics.sqlite', retentionMs: 900_000, storePrompts: false },
      metrics: { namespace: 'ai_ticket' },
      dashboard: { dir: 'dist/dashboard', sessionTtlMs: 3_600_000 },
      tracing: {
        exporter: 'none',
        endpoint: 'http://localhost:4318/v1/traces',
        protocol: 'http/protobuf',
        headers: {},
        serviceName: 'ai-ticket',
        sampler: 'parentbased_always_on',
        samplerArg: undefined,
      },
    });
  });

  it('should read the auth and rate-limit variables', () => {
    const config = buildAppConfig({
      AI_TICKET_AUTH_TOKEN: ' ci=abc , other ,,',
      AUTH_REQUIRED: '1',
      RATE_LIMIT_BACKEND: 'redis',
      REDIS_URL: 'rediss://redis.internal:6380',
      RATE_LIMIT_WINDOW_SECONDS: '10',
      TRUST_PROXY_COUNT: '2',
    });

    expect(config.auth).toMatchObject({ envTokens: ['ci=abc', 'other'], required: true });
    expect(config.rateLimit).toMatchObject({ backend: 'redis', windowMs: 10_000 });
    expect(config.redis.url).toBe('rediss://redis.internal:6380');
    expect(config.server.trustProxyCount).toBe(2);
  });

  it.each(['auto', 'off'] as const)('should read USAGE_TOKENCOUNT=%s', (mode) => {
    expect(buildAppConfig({ USAGE_TOKENCOUNT: mode }).usage).toEqual({ tokenCount: mode });
  });

  it('should refuse an unknown USAGE_TOKENCOUNT', () => {
    expect(() => buildAppConfig({ USAGE_TOKENCOUNT: 'always' })).toThrow(/USAGE_TOKENCOUNT/);
  });

  it('should require a redis:// URL when the Redis backend is chosen', () => {
    expect(() => buildAppConfig({ RATE_LIMIT_BACKEND: 'redis', REDIS_URL: 'http://redis:6379' })).toThrow(/REDIS_URL/);
  });

  it('should map each variable to its place in the tree', () => {
    const config = buildAppConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      UPSTREAM_API_KEY: 'sk-key',
      UPSTREAM_MODEL: 'llama',
      UPSTREAM_QUEUE_SIZE: '7',
      UPSTREAM_CIRCUIT_THRESHOLD: '3',
    });

    expect(config.server).toMatchObject({ port: 8080, host: '127.0.0.1' });
    expect(config.upstream).toMatchObject({ apiKey: 'sk-key', model: 'llama', queueSize: 7, circuitThreshold: 3 });
  });

  it.each([
    ['http://kobold:5001/', 'http://kobold:5001'],
    ['http://kobold:5001///', 'http://kobold:5001'],
    ['https://llm.example.com/base/', 'https://llm.example.com/base'],
    ['http://kobold:5001', 'http://kobold:5001'],
  ])('should strip trailing slashes from %s', (url, expected) => {
    expect(buildAppConfig({ KOBOLDCPP_API_URL: url }).upstream.targets).toEqual([{ url: expected, slots: 1 }]);
  });

  describe('upstream fleet', () => {
    it('should read several upstreams, each with the default slots unless its URL says otherwise', () => {
      const config = buildAppConfig({ KOBOLDCPP_API_URL: ' http://gpu-a:5001/ , http://gpu-b:5001#slots=2,https://user:pw@llm.example.com/v', UPSTREAM_CONCURRENCY: '3' });

      expect(config.upstream.targets).toEqual([
        { url: 'http://gpu-a:5001', slots: 3 },
        { url: 'http://gpu-b:5001', slots: 2 },
        { url: 'https://user:pw@llm.example.com/v', slots: 3 },
      ]);
    });

    it('should read discovery, slot and key-prefix settings', () => {
      const config = buildAppConfig({
        UPSTREAM_DISCOVERY: 'dns',
        UPSTREAM_DISCOVERY_INTERVAL_MS: '2000',
        UPSTREAM_DNS_SERVERS: '127.0.0.1:5353, 10.0.0.10',
        UPSTREAM_SLOTS: 'redis',
        REDIS_URL: 'redis://redis:6379',
        UPSTREAM_SLOT_LEASE_MS: '3000',
        UPSTREAM_SLOTS_FAIL_MODE: 'closed',
        REDIS_KEY_PREFIX: 'tenant-a:',
      });

      expect(config.upstream.discovery).toEqual({ mode: 'dns', intervalMs: 2000, dnsServers: ['127.0.0.1:5353', '10.0.0.10'] });
      expect(config.upstream.slots).toEqual({ backend: 'redis', leaseMs: 3000, failMode: 'closed' });
      expect(config.redis).toEqual({ url: 'redis://redis:6379', keyPrefix: 'tenant-a:' });
    });

    it.each([
      ['an empty entry', 'http://a:5001,,http://b:5001', /entry 2: empty/],
      ['a non-http scheme', 'ftp://a:21', /entry 1: not an http\(s\) URL/],
      ['a bad slots suffix', 'http://a:5001#slots=0', /entry 1: bad #slots=N suffix/],
      ['another fragment', 'http://a:5001#weight=2', /entry 1: bad #slots=N suffix/],
      ['a duplicate', 'http://a:5001,http://a:5001/', /entry 2: duplicate/],
      ['a query string', 'http://a:5001/?x=1', /entry 1: not an http\(s\) URL/],
    ])('should refuse %s in KOBOLDCPP_API_URL, naming the entry but not its value', (_case, list, reason) => {
      const error = (() => {
        try {
          buildAppConfig({ KOBOLDCPP_API_URL: list });
        } catch (caught) {
          return caught as Error;
        }
        throw new Error('expected a rejection');
      })();

      expect(error).toBeInstanceOf(EnvironmentValidationError);
      expect(error.message).toMatch(reason);
      expect(error.message).not.toContain('a:5001');
    });

    it('should refuse Redis slots without a redis:// URL and a DNS server that is not an IP', () => {
      expect(() => buildAppConfig({ UPSTREAM_SLOTS: 'redis', REDIS_URL: 'http://redis' })).toThrow(/REDIS_URL/);
      expect(() => buildAppConfig({ UPSTREAM_DNS_SERVERS: 'dns.example.com' })).toThrow(/UPSTREAM_DNS_SERVERS/);
    });
  });

  it.each([
    ['development', true],
    ['production', false],
    ['test', false],
  ])('should set pretty logging for NODE_ENV=%s to %p', (nodeEnv, pretty) => {
    expect(buildAppConfig({ NODE_ENV: nodeEnv }).logging.pretty).toBe(pretty);
  });

  it('should refuse an invalid environment', () => {
    expect(() => buildAppConfig({ PORT: 'abc' })).toThrow(EnvironmentValidationError);
  });
});
