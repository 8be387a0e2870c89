import type { SqliteConfig } from '@ai-ticket/config';
import type { SqliteDataSourceOptions } from '@ai-ticket/storage';
import { RATE_LIMIT_ENTITIES, RATE_LIMIT_MIGRATIONS } from './rate-limit-schema.constants';

/** The one rate-limit SQLite file, as both SQLite stores (request windows, token budgets) open it: with its whole schema. */
export function rateLimitSqliteFile(settings: SqliteConfig): SqliteDataSourceOptions {
  return {
    path: settings.rateLimitPath,
    journalMode: settings.journalMode,
    busyTimeoutMs: settings.busyTimeoutMs,
    entities: RATE_LIMIT_ENTITIES,
    migrations: RATE_LIMIT_MIGRATIONS,
  };
}
