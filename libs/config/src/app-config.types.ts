import type { LogLevel } from './env.validation';

export interface ServerConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  bodyLimitBytes: number;
  shutdownGraceMs: number;
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

/** The typed configuration tree, read with `ConfigService<AppConfig, true>`. */
export interface AppConfig {
  server: ServerConfig;
  logging: LoggingConfig;
  upstream: UpstreamConfig;
}
