import { initializeDataSource } from './initialize-data-source.util';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';

export interface PostgresDataSourceOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /** Schema for the tables (created if missing); PostgreSQL's default (`public`) when absent. */
  schema?: string;
  /** Connections in the pool. */
  poolSize?: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own parameter types
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own parameter types
  migrations: MixedList<Function | string>;
}

/** Any fixed key works; it only has to be the same in every process of this service ("AITK"). */
const MIGRATION_LOCK_KEY = 0x4149544b;

/**
 * Opens a PostgreSQL database (TypeORM, `pg` driver) that several replicas share: fails fast when the
 * server does not answer, creates the schema, then runs the migrations under an advisory lock, so
 * replicas starting together run them one after the other instead of racing on `CREATE TABLE`.
 */
export async function openPostgresDataSource(options: PostgresDataSourceOptions): Promise<DataSource> {
  // Loaded here, not on import: a service on its in-memory stores never loads TypeORM.
  const { DataSource } = await import('typeorm');
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    applicationName: 'ai-ticket',
    poolSize: options.poolSize ?? 4,
    connectTimeoutMS: 5_000,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  });
  return initializeDataSource(dataSource, () => migrateUnderLock(dataSource, options.schema));
}

/** The lock is per session, so the migrations run on the very connection that holds it. */
async function migrateUnderLock(dataSource: DataSource, schema: string | undefined): Promise<void> {
  const { MigrationExecutor } = await import('typeorm');
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      if (schema) await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${dataSource.driver.escape(schema)}`);
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'each';
      await executor.executePendingMigrations();
    } finally {
      await queryRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await queryRunner.release();
  }
}
