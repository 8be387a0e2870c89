// Implicit conversion reads the emitted design types; main.ts loads this polyfill the same way.
import 'reflect-metadata';
import { buildAppConfig } from './app-config.factory';
import { EnvironmentValidationError } from './env.validation';

describe(buildAppConfig.name, () => {
  it('should build the default tree from an empty environment', () => {
    expect(buildAppConfig({})).toEqual({
      server: { nodeEnv: 'production', host: '0.0.0.0', port: 5000, bodyLimitBytes: 1024 * 1024, shutdownGraceMs: 25_000 },
      logging: { level: 'info', pretty: false },
      upstream: {
        baseUrl: 'http://localhost:5001',
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
    });
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
    expect(buildAppConfig({ KOBOLDCPP_API_URL: url }).upstream.baseUrl).toBe(expected);
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
