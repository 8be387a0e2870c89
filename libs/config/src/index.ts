export * from './app-config.types';
export { buildAppConfig, loadAppConfig } from './app-config.factory';
export { AppConfigModule } from './config.module';
export { EnvironmentValidationError, LOG_LEVELS, RATE_LIMIT_FAIL_MODES, USAGE_TOKENCOUNT_MODES, type LogLevel, type RateLimitFailMode, type UsageTokenCountMode } from './env.validation';
export { withoutCredentials } from './url-credentials.util';
