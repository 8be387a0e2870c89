import { openPostgresDataSource, openSqliteDataSource } from '@ai-ticket/storage';
import type { DataSource } from 'typeorm';
import { withoutCredentials, type AppConfig } from '@ai-ticket/config';
import type { DatabaseTarget, StoreName } from './database-targets.factory';
import { STORE_SCHEMAS } from './store-schemas.constants';

export interface MigrationReport {
  store: StoreName;
  backend: DatabaseTarget['backend'];
  /** The SQLite file or the PostgreSQL URL (without credentials); absent when there is no database. */
  location?: string;
  /** Every migration the database now has, oldest first. */
  migrations: string[];
}

/**
 * Opens the store's database the way the service does, which runs its pending migrations (under
 * PostgreSQL's advisory lock, or SQLite's write lock), reads what is applied, and closes it.
 */
export async function migrate(target: DatabaseTarget, config: AppConfig): Promise<MigrationReport> {
  const schema = STORE_SCHEMAS[target.store];
  let dataSource: DataSource;
  let location: string;
  switch (target.backend) {
    case 'sqlite':
      dataSource = await openSqliteDataSource({ path: target.path, journalMode: config.sqlite.journalMode, busyTimeoutMs: config.sqlite.busyTimeoutMs, ...schema });
      location = target.path;
      break;
    case 'postgres':
      dataSource = await openPostgresDataSource({ url: target.url, poolSize: 1, ...schema });
      location = withoutCredentials(target.url);
      break;
    default:
      return { store: target.store, backend: target.backend, migrations: [] };
  }
  try {
    return { store: target.store, backend: target.backend, location, migrations: await appliedMigrations(dataSource) };
  } finally {
    await dataSource.destroy();
  }
}

async function appliedMigrations(dataSource: DataSource): Promise<string[]> {
  const table = dataSource.driver.escape(dataSource.options.migrationsTableName ?? 'migrations');
  const rows = (await dataSource.query(`SELECT name FROM ${table} ORDER BY id`)) as Array<{ name: string }>;
  return rows.map((row) => row.name);
}
