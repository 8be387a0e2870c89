import type { LogLevel } from './env.validation';

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

export interface UpstreamConfig {
  /** Base URL of the KoboldCPP/OpenAI-compatible server, without a trailing slash. */
  baseUrl: string;
  apiKey?: string;
  model?: string;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
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
  failMode: 'open' | 'closed';
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

/** The typed configuration tree, read with `ConfigService<AppConfig, true>`. */
export interface AppConfig {
  server: ServerConfig;
  logging: LoggingConfig;
  upstream: UpstreamConfig;
  auth: AuthConfig;
  rateLimit: RateLimitConfig;
  sqlite: SqliteConfig;
  redis: { url: string };
  history: HistoryConfig;
  metrics: MetricsConfig;
  dashboard: DashboardConfig;
}
