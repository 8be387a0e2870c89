import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsBooleanString, IsIn, Matches, IsInt, IsNumber, IsOptional, IsString, IsUrl, Max, MaxLength, Min, ValidateIf, validateSync } from 'class-validator';
import { IsDnsServerList, IsUpstreamUrlList } from './upstream-list.validators';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** What rate limiting does while its store fails: `open` admits, `closed` refuses (also a metric label). */
export const RATE_LIMIT_FAIL_MODES = ['open', 'closed'] as const;
export type RateLimitFailMode = (typeof RATE_LIMIT_FAIL_MODES)[number];

/** Whether answers without `usage` are counted by the upstream's tokenizer (`auto`) or only estimated (`off`). */
export const USAGE_TOKENCOUNT_MODES = ['auto', 'off'] as const;
export type UsageTokenCountMode = (typeof USAGE_TOKENCOUNT_MODES)[number];

export const TRACE_EXPORTERS = ['none', 'otlp'] as const;
export type TraceExporterName = (typeof TRACE_EXPORTERS)[number];
export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];
export const TRACE_SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;
export type TraceSamplerName = (typeof TRACE_SAMPLERS)[number];

/**
 * Every environment variable the service reads, with its default. Defaults live in the initialisers so
 * that a bare `npm start` works with no configuration at all.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'production';

  @IsString()
  HOST: string = '0.0.0.0';

  @IsInt() @Min(0) @Max(65535)
  PORT: number = 5000;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @IsInt() @Min(1024) @Max(100 * 1024 * 1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  @IsInt() @Min(0) @Max(600_000)
  SHUTDOWN_GRACE_MS: number = 25_000;

  @IsUpstreamUrlList()
  KOBOLDCPP_API_URL: string = 'http://localhost:5001';

  @IsIn(['static', 'dns'])
  UPSTREAM_DISCOVERY: 'static' | 'dns' = 'static';

  @IsInt() @Min(500) @Max(3_600_000)
  UPSTREAM_DISCOVERY_INTERVAL_MS: number = 5_000;

  @IsOptional() @IsDnsServerList()
  UPSTREAM_DNS_SERVERS?: string;

  @IsIn(['local', 'redis'])
  UPSTREAM_SLOTS: 'local' | 'redis' = 'local';

  @IsInt() @Min(1_000) @Max(600_000)
  UPSTREAM_SLOT_LEASE_MS: number = 15_000;

  @IsIn(['local', 'closed'])
  UPSTREAM_SLOTS_FAIL_MODE: 'local' | 'closed' = 'local';

  @IsOptional() @IsString() @MaxLength(4096)
  UPSTREAM_API_KEY?: string;

  @IsOptional() @IsString() @MaxLength(256)
  UPSTREAM_MODEL?: string;

  @IsInt() @Min(100) @Max(3_600_000)
  UPSTREAM_TIMEOUT_MS: number = 120_000;

  @IsInt() @Min(0) @Max(10)
  UPSTREAM_MAX_RETRIES: number = 2;

  @IsInt() @Min(1) @Max(60_000)
  UPSTREAM_RETRY_BASE_MS: number = 250;

  @IsInt() @Min(1) @Max(300_000)
  UPSTREAM_RETRY_MAX_MS: number = 5_000;

  @IsInt() @Min(1) @Max(1024)
  UPSTREAM_CONCURRENCY: number = 1;

  @IsInt() @Min(0) @Max(100_000)
  UPSTREAM_QUEUE_SIZE: number = 100;

  @IsInt() @Min(1) @Max(3_600_000)
  UPSTREAM_QUEUE_TIMEOUT_MS: number = 30_000;

  @IsInt() @Min(1) @Max(1000)
  UPSTREAM_CIRCUIT_THRESHOLD: number = 5;

  @IsInt() @Min(100) @Max(3_600_000)
  UPSTREAM_CIRCUIT_COOLDOWN_MS: number = 30_000;

  @IsOptional() @IsString() @MaxLength(65_536)
  AI_TICKET_AUTH_TOKEN?: string;

  @IsOptional() @IsString() @MaxLength(4096)
  AI_TICKET_AUTH_TOKEN_FILE?: string;

  @IsInt() @Min(1) @Max(86_400)
  AI_TICKET_AUTH_TOKEN_RELOAD_INTERVAL: number = 30;

  @IsBooleanString()
  AUTH_REQUIRED: string = 'false';

  @IsBooleanString()
  METRICS_REQUIRE_AUTH: string = 'false';

  @IsInt() @Min(0) @Max(32)
  TRUST_PROXY_COUNT: number = 0;

  @IsIn(['memory', 'sqlite', 'redis'])
  RATE_LIMIT_BACKEND: 'memory' | 'sqlite' | 'redis' = 'memory';

  @IsInt() @Min(0) @Max(10_000_000)
  RATE_LIMIT_REQUESTS: number = 120;

  @IsInt() @Min(1) @Max(86_400)
  RATE_LIMIT_WINDOW_SECONDS: number = 60;

  @IsIn(RATE_LIMIT_FAIL_MODES)
  RATE_LIMIT_FAIL_MODE: RateLimitFailMode = 'open';

  /** Default tokens (prompt + completion) per client per budget window; 0: no budget unless a token sets one. */
  @IsInt() @Min(0) @Max(1_000_000_000_000)
  TOKEN_BUDGET: number = 0;

  /** Budget windows are aligned to UTC multiples of this length (a day by default). */
  @IsInt() @Min(1) @Max(31 * 86_400)
  TOKEN_BUDGET_WINDOW_SECONDS: number = 86_400;

  /** Completion tokens reserved for a request that sets no `max_tokens`, until its real usage is known. */
  @IsInt() @Min(1) @Max(1_000_000)
  TOKEN_BUDGET_COMPLETION_RESERVE: number = 512;

  /** `auto`: an answer without `usage` is counted by KoboldCPP's `/api/extra/tokencount` after it is sent; `off`: estimated. */
  @IsIn(USAGE_TOKENCOUNT_MODES)
  USAGE_TOKENCOUNT: UsageTokenCountMode = 'auto';

  @IsString() @MaxLength(4096)
  RATE_LIMIT_SQLITE_PATH: string = 'data/rate-limit.sqlite';

  @IsIn(['wal', 'delete'])
  SQLITE_JOURNAL_MODE: 'wal' | 'delete' = 'wal';

  @IsInt() @Min(0) @Max(600_000)
  SQLITE_BUSY_TIMEOUT_MS: number = 5_000;

  @IsOptional() @IsIn(['memory', 'sqlite', 'postgres'])
  HISTORY_BACKEND?: 'memory' | 'sqlite' | 'postgres';

  @IsOptional() @IsString() @MaxLength(4096)
  AI_TICKET_METRICS_DB?: string;

  @ValidateIf((env: EnvironmentVariables) => env.HISTORY_BACKEND === 'postgres' || env.DATABASE_URL !== undefined)
  @IsUrl({ require_tld: false, protocols: ['postgres', 'postgresql'], require_protocol: true })
  DATABASE_URL?: string;

  @IsInt() @Min(60) @Max(30 * 86_400)
  AI_TICKET_METRICS_RETENTION_SECONDS: number = 900;

  @IsBooleanString()
  HISTORY_STORE_PROMPTS: string = 'false';

  // A Prometheus metric-name prefix: letters, digits and underscores, not starting with a digit.
  @Matches(/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/)
  METRICS_NAMESPACE: string = 'ai_ticket';

  @IsString() @MaxLength(4096)
  DASHBOARD_DIR: string = 'dist/dashboard';

  @IsInt() @Min(60) @Max(7 * 86_400)
  DASHBOARD_SESSION_TTL_SECONDS: number = 3600;

  @ValidateIf((env: EnvironmentVariables) => env.RATE_LIMIT_BACKEND === 'redis' || env.UPSTREAM_SLOTS === 'redis' || env.REDIS_URL !== undefined)
  @IsUrl({ require_tld: false, protocols: ['redis', 'rediss'], require_protocol: true })
  REDIS_URL?: string;

  // Keys are binary-safe, but a printable prefix keeps them readable in redis-cli and MONITOR.
  @Matches(/^[\x21-\x7e]{0,64}$/)
  REDIS_KEY_PREFIX: string = 'ai-ticket:';

  // OpenTelemetry's standard variables. The exporter defaults to `none` (the spec says `otlp`): traces
  // leave the process only when an operator asks for them.
  @IsBooleanString()
  OTEL_SDK_DISABLED: string = 'false';

  @IsIn(TRACE_EXPORTERS)
  OTEL_TRACES_EXPORTER: TraceExporterName = 'none';

  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  @IsIn(OTLP_PROTOCOLS)
  OTEL_EXPORTER_OTLP_PROTOCOL: OtlpProtocol = 'http/protobuf';

  @IsOptional() @IsIn(OTLP_PROTOCOLS)
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL?: OtlpProtocol;

  // `key=value,key2=value2` (may carry a collector's API key: never printed).
  @IsOptional() @IsString() @MaxLength(8192)
  OTEL_EXPORTER_OTLP_HEADERS?: string;

  @IsOptional() @IsString() @MaxLength(8192)
  OTEL_EXPORTER_OTLP_TRACES_HEADERS?: string;

  @IsString() @MaxLength(256)
  OTEL_SERVICE_NAME: string = 'ai-ticket';

  @IsIn(TRACE_SAMPLERS)
  OTEL_TRACES_SAMPLER: TraceSamplerName = 'parentbased_always_on';

  @IsOptional() @IsNumber() @Min(0) @Max(1)
  OTEL_TRACES_SAMPLER_ARG?: number;
}

/** Variables without a default (absent from a fresh instance's keys). */
const OPTIONAL_KEYS = [
  'UPSTREAM_API_KEY',
  'UPSTREAM_MODEL',
  'UPSTREAM_DNS_SERVERS',
  'AI_TICKET_AUTH_TOKEN',
  'AI_TICKET_AUTH_TOKEN_FILE',
  'REDIS_URL',
  'HISTORY_BACKEND',
  'AI_TICKET_METRICS_DB',
  'DATABASE_URL',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
  'OTEL_TRACES_SAMPLER_ARG',
];

export class EnvironmentValidationError extends Error {
  constructor(readonly invalidKeys: string[], reasons: string[]) {
    super(`Invalid environment configuration: ${reasons.join('; ')}`);
    this.name = EnvironmentValidationError.name;
  }
}

/**
 * Validates the raw environment once. Every bad variable is reported by name with the rule it broke;
 * values are never echoed, because a rejected value may be a secret.
 */
export function validateEnvironment(raw: Record<string, string | undefined>): EnvironmentVariables {
  const known = Object.keys(new EnvironmentVariables()).concat(OPTIONAL_KEYS);
  const present: Record<string, string> = {};
  for (const key of known) {
    const value = raw[key];
    // An empty variable means "not set", as in most shells' `FOO=` idiom.
    if (value !== undefined && value.trim() !== '') present[key] = value.trim();
  }
  const env = plainToInstance(EnvironmentVariables, present, { enableImplicitConversion: true });
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const reasons = errors.map((e) => `${e.property} (${ruleText(e.property, e.constraints)})`);
    throw new EnvironmentValidationError(
      errors.map((e) => e.property),
      reasons,
    );
  }
  return env;
}

function ruleText(property: string, constraints: Record<string, string> | undefined): string {
  // class-validator's default messages name the property and the rule, never the value.
  const rules = Object.values(constraints ?? {}).map((message) => message.replace(`${property} `, ''));
  return rules.join(', ') || 'invalid';
}
