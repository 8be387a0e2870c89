import type { LogLevel, OtlpProtocol, RateLimitFailMode, TraceExporterName, TraceSamplerName, UsageTokenCountMode } from './env.validation';

export interface ServerConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  bodyLimitBytes: number;
  shutdownGraceMs: number;
  /** Proxy hops in front of the service whose `X-Forwarded-For` entries are trusted (0: none). */
  trustProxyCount: number;
}

export interface LoggingConfig {
  level: LogLevel;
  /** Human-readable logs, only in development. */
  pretty: boolean;
}

/** One configured upstream: a base URL (no trailing slash) and its generation slots. */
export interface UpstreamTargetConfig {
  url: string;
  slots: number;
}

export type UpstreamDiscoveryMode = 'static' | 'dns';

export interface UpstreamDiscoveryConfig {
  /** `static`: the configured URLs as they are; `dns`: each URL's host resolved to all its addresses. */
  mode: UpstreamDiscoveryMode;
  intervalMs: number;
  /** DNS servers (`ip` or `ip:port`); empty for the system's resolver. */
  dnsServers: string[];
}

export type UpstreamSlotsBackend = 'local' | 'redis';

export interface UpstreamSlotsConfig {
  /** `local`: slots counted in this process; `redis`: leases shared by every replica. */
  backend: UpstreamSlotsBackend;
  /** How long a Redis lease lives unless renewed (a replica that dies frees its slots after this). */
  leaseMs: number;
  /** While Redis is down: count slots in this process (`local`) or refuse events (`closed`). */
  failMode: 'local' | 'closed';
}

export interface UpstreamConfig {
  /** The KoboldCPP/OpenAI-compatible servers, from `KOBOLDCPP_API_URL`. */
  targets: UpstreamTargetConfig[];
  discovery: UpstreamDiscoveryConfig;
  slots: UpstreamSlotsConfig;
  apiKey?: string;
  model?: string;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Slots per upstream unless its URL says otherwise (`#slots=N`). */
  concurrency: number;
  queueSize: number;
  queueTimeoutMs: number;
  circuitThreshold: number;
  circuitCooldownMs: number;
}

export interface AuthConfig {
  /** Token specs from `AI_TICKET_AUTH_TOKEN` (comma-separated). */
  envTokens: string[];
  tokenFile?: string;
  reloadIntervalMs: number;
  /** Refuse to start without any token. */
  required: boolean;
  metricsRequireAuth: boolean;
}

export type RateLimitBackend = 'memory' | 'sqlite' | 'redis';

export interface RateLimitConfig {
  backend: RateLimitBackend;
  /** Requests admitted per client per window; 0 disables rate limiting. */
  limit: number;
  windowMs: number;
  failMode: RateLimitFailMode;
}

/** Token budgets: kept in the rate-limit store's backend, under the same fail mode. */
export interface TokenBudgetConfig {
  /** Tokens per client per window when its token sets no `budget=N`; 0: none. */
  defaultBudget: number;
  windowMs: number;
  /** Completion tokens reserved for a request without `max_tokens`. */
  completionReserve: number;
}

export interface UsageConfig {
  /** `auto`: count answers without `usage` with the upstream's tokenizer (KoboldCPP's tokencount); `off`: estimate them. */
  tokenCount: UsageTokenCountMode;
}

export interface SqliteConfig {
  rateLimitPath: string;
  journalMode: 'wal' | 'delete';
  busyTimeoutMs: number;
}

export type HistoryBackend = 'memory' | 'sqlite' | 'postgres';

export interface HistoryConfig {
  backend: HistoryBackend;
  /** SQLite file for the `sqlite` backend. */
  sqlitePath: string;
  /** PostgreSQL URL for the `postgres` backend. */
  databaseUrl?: string;
  retentionMs: number;
  /** Store prompts with events (off by default: prompts may hold personal or secret data). */
  storePrompts: boolean;
}

export interface MetricsConfig {
  /** Prefix of every Prometheus series. */
  namespace: string;
}

export interface DashboardConfig {
  /** Directory of the built dashboard (relative paths are taken from the working directory). */
  dir: string;
  sessionTtlMs: number;
}

/** OpenTelemetry tracing, from the standard `OTEL_*` variables. */
export interface TracingConfig {
  /** `none` (the default): no tracer, no exporter, nothing on the hot path. */
  exporter: TraceExporterName;
  /** Full OTLP/HTTP traces URL (`…/v1/traces`). */
  endpoint: string;
  protocol: OtlpProtocol;
  /** Extra headers for the collector (e.g. its API key). */
  headers: Record<string, string>;
  serviceName: string;
  sampler: TraceSamplerName;
  /** Ratio for the `traceidratio` samplers (default 1). */
  samplerArg?: number;
}

/** The typed configuration tree, read with `ConfigService<AppConfig, true>`. */
export interface AppConfig {
  server: ServerConfig;
  logging: LoggingConfig;
  upstream: UpstreamConfig;
  auth: AuthConfig;
  rateLimit: RateLimitConfig;
  tokenBudget: TokenBudgetConfig;
  usage: UsageConfig;
  sqlite: SqliteConfig;
  redis: {
    url: string;
    /** Start of every key and channel the service uses, so tenants and tests can share one Redis. */
    keyPrefix: string;
  };
  history: HistoryConfig;
  metrics: MetricsConfig;
  dashboard: DashboardConfig;
  tracing: TracingConfig;
}
