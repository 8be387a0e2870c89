import type { AppConfig } from './app-config.types';
import { validateEnvironment } from './env.validation';
import { buildTracingConfig } from './tracing-config.factory';
import { parseUpstreamTargets } from './upstream-targets.parser';

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
      trustProxyCount: env.TRUST_PROXY_COUNT,
    },
    logging: { level: env.LOG_LEVEL, pretty: env.NODE_ENV === 'development' },
    upstream: {
      targets: parseUpstreamTargets(env.KOBOLDCPP_API_URL, env.UPSTREAM_CONCURRENCY),
      discovery: {
        mode: env.UPSTREAM_DISCOVERY,
        intervalMs: env.UPSTREAM_DISCOVERY_INTERVAL_MS,
        dnsServers: commaList(env.UPSTREAM_DNS_SERVERS),
      },
      slots: { backend: env.UPSTREAM_SLOTS, leaseMs: env.UPSTREAM_SLOT_LEASE_MS, failMode: env.UPSTREAM_SLOTS_FAIL_MODE },
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
    auth: {
      envTokens: commaList(env.AI_TICKET_AUTH_TOKEN),
      tokenFile: env.AI_TICKET_AUTH_TOKEN_FILE,
      reloadIntervalMs: env.AI_TICKET_AUTH_TOKEN_RELOAD_INTERVAL * 1000,
      required: isTrue(env.AUTH_REQUIRED),
      metricsRequireAuth: isTrue(env.METRICS_REQUIRE_AUTH),
    },
    rateLimit: {
      backend: env.RATE_LIMIT_BACKEND,
      limit: env.RATE_LIMIT_REQUESTS,
      windowMs: env.RATE_LIMIT_WINDOW_SECONDS * 1000,
      failMode: env.RATE_LIMIT_FAIL_MODE,
    },
    tokenBudget: {
      defaultBudget: env.TOKEN_BUDGET,
      windowMs: env.TOKEN_BUDGET_WINDOW_SECONDS * 1000,
      completionReserve: env.TOKEN_BUDGET_COMPLETION_RESERVE,
    },
    usage: { tokenCount: env.USAGE_TOKENCOUNT },
    sqlite: { rateLimitPath: env.RATE_LIMIT_SQLITE_PATH, journalMode: env.SQLITE_JOURNAL_MODE, busyTimeoutMs: env.SQLITE_BUSY_TIMEOUT_MS },
    redis: { url: env.REDIS_URL ?? 'redis://127.0.0.1:6379', keyPrefix: env.REDIS_KEY_PREFIX },
    history: {
      // Explicit when set; otherwise whichever database is configured, else memory.
      backend: env.HISTORY_BACKEND ?? (env.DATABASE_URL ? 'postgres' : env.AI_TICKET_METRICS_DB ? 'sqlite' : 'memory'),
      sqlitePath: env.AI_TICKET_METRICS_DB ?? 'data/metrics.sqlite',
      databaseUrl: env.DATABASE_URL,
      retentionMs: env.AI_TICKET_METRICS_RETENTION_SECONDS * 1000,
      storePrompts: isTrue(env.HISTORY_STORE_PROMPTS),
    },
    metrics: { namespace: env.METRICS_NAMESPACE },
    dashboard: { dir: env.DASHBOARD_DIR, sessionTtlMs: env.DASHBOARD_SESSION_TTL_SECONDS * 1000 },
    tracing: buildTracingConfig(env),
  };
}

/** The configuration of this process, from its environment. The only reader of `process.env`. */
export function loadAppConfig(): AppConfig {
  return buildAppConfig(process.env);
}

function commaList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
}

/** Boolean variables accept `true`/`false`/`1`/`0` (validated before this runs). */
function isTrue(value: string): boolean {
  return value === 'true' || value === '1';
}
