import type { AppConfig } from './app-config.types';
import { validateEnvironment } from './env.validation';

/** Builds the typed configuration tree from a raw environment (validated first). */
export function buildAppConfig(raw: Record<string, string | undefined>): AppConfig {
  const env = validateEnvironment(raw);
  return {
    server: {
      nodeEnv: env.NODE_ENV,
      host: env.HOST,
      port: env.PORT,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    },
    logging: { level: env.LOG_LEVEL, pretty: env.NODE_ENV === 'development' },
    upstream: {
      baseUrl: env.KOBOLDCPP_API_URL.replace(/\/+$/, ''),
      apiKey: env.UPSTREAM_API_KEY,
      model: env.UPSTREAM_MODEL,
      timeoutMs: env.UPSTREAM_TIMEOUT_MS,
      maxRetries: env.UPSTREAM_MAX_RETRIES,
      retryBaseMs: env.UPSTREAM_RETRY_BASE_MS,
      retryMaxMs: env.UPSTREAM_RETRY_MAX_MS,
      concurrency: env.UPSTREAM_CONCURRENCY,
      queueSize: env.UPSTREAM_QUEUE_SIZE,
      queueTimeoutMs: env.UPSTREAM_QUEUE_TIMEOUT_MS,
      circuitThreshold: env.UPSTREAM_CIRCUIT_THRESHOLD,
      circuitCooldownMs: env.UPSTREAM_CIRCUIT_COOLDOWN_MS,
    },
  };
}

/** The configuration of this process, from its environment. The only reader of `process.env`. */
export function loadAppConfig(): AppConfig {
  return buildAppConfig(process.env);
}
