import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { initializeDataSource } from './initialize-data-source.util';
import type * as Sqlite3 from 'sqlite3';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';

/**
 * The `sqlite3` module as TypeORM's driver, minus `verbose()`: TypeORM calls it on load, and it wraps
 * every Database and Statement method of the module (for everyone in the process) to capture a
 * `new Error()` stack on each call, for longer traces of failed statements. On the rate limiter's hot
 * path that capture was a sixth of the decision's CPU; a failed statement still reports its own error.
 */
function withoutTracing(sqlite3: typeof Sqlite3): { verbose(): typeof Sqlite3 } {
  return { verbose: () => sqlite3 };
}

export interface SqliteDataSourceOptions {
  /** Database file; its directory is created if missing. */
  path: string;
  /**
   * `wal` for one host (readers never block the writer; needs shared memory, so not across hosts);
   * `delete` (rollback journal) for a network volume shared by several hosts, which then relies on the
   * filesystem honouring POSIX locks.
   */
  journalMode: 'wal' | 'delete';
  /** How long a statement waits for another process's write lock before failing with SQLITE_BUSY. */
  busyTimeoutMs: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own parameter types
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own parameter types
  migrations: MixedList<Function | string>;
}

/**
 * Opens a SQLite database (TypeORM, `sqlite3` driver) that several processes may share: busy timeout
 * set before anything else, the chosen journal mode, then the migrations (idempotent, so processes
 * starting together cannot trip over each other).
 */
export async function openSqliteDataSource(options: SqliteDataSourceOptions): Promise<DataSource> {
  mkdirSync(dirname(options.path), { recursive: true });
  // Loaded here, not on import: a service on its in-memory stores never loads TypeORM or the driver.
  const [{ DataSource }, sqlite3] = await Promise.all([import('typeorm'), import('sqlite3')]);
  const dataSource = new DataSource({
    type: 'sqlite',
    driver: withoutTracing(sqlite3),
    database: options.path,
    busyTimeout: options.busyTimeoutMs,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  });
  return initializeDataSource(dataSource, async () => {
    await dataSource.query(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs)}`);
    await dataSource.query(`PRAGMA journal_mode = ${options.journalMode === 'wal' ? 'WAL' : 'DELETE'}`);
    // In WAL mode NORMAL is durable across application crashes; FULL would only add power-loss safety at a high cost.
    await dataSource.query(`PRAGMA synchronous = ${options.journalMode === 'wal' ? 'NORMAL' : 'FULL'}`);
    await runMigrationsPatiently(dataSource);
  });
}

/**
 * Processes starting together on one file may race to create TypeORM's `migrations` table; the loser
 * fails with "already exists" and simply tries again, by which time the winner has committed.
 */
async function runMigrationsPatiently(dataSource: DataSource, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 50));
    }
  }
}
