import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, validateSync } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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

  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  KOBOLDCPP_API_URL: string = 'http://localhost:5001';

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
}

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
  const known = Object.keys(new EnvironmentVariables()).concat(['UPSTREAM_API_KEY', 'UPSTREAM_MODEL']);
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
