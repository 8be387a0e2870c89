import type { Database, Statement } from 'sqlite3';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { openSqliteDataSource, type SqliteDataSourceOptions } from './sqlite-data-source.factory';

/** Rows that end: deleted once their `column` (epoch ms) is at or before now. */
export interface SqliteExpiry {
  entity: EntityTarget<ObjectLiteral>;
  column: string;
  /** How often the unref'd timer deletes them (it never keeps the process alive). */
  sweepIntervalMs: number;
}

export interface SqliteStatementsOptions<Name extends string> extends SqliteDataSourceOptions {
  /** The SQL of each statement, prepared once on open. */
  statements: Record<Name, string>;
  expiry: SqliteExpiry;
}

/**
 * A SQLite file opened for a request path that skips the ORM: its statements are prepared once on the
 * driver's own connection, expired rows are swept on a timer, and `close` finalizes the statements
 * before closing the file. A store keeps the `statements` it runs in its own fields, so a call costs no
 * more than running the prepared statement.
 */
export class SqliteStatements<Name extends string> {
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  private constructor(
    private readonly dataSource: DataSource,
    readonly statements: Readonly<Record<Name, Statement>>,
    private readonly expiry: SqliteExpiry,
  ) {
    this.sweeper = setInterval(() => void this.sweepExpired().catch(() => undefined), expiry.sweepIntervalMs);
    this.sweeper.unref();
  }

  static async open<Name extends string>({ statements, expiry, ...file }: SqliteStatementsOptions<Name>): Promise<SqliteStatements<Name>> {
    const dataSource = await openSqliteDataSource(file);
    const database = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
    const names = Object.keys(statements) as Name[];
    const prepared = await Promise.all(names.map((name) => prepare(database, statements[name])));
    return new SqliteStatements(dataSource, Object.fromEntries(names.map((name, i) => [name, prepared[i]])) as Record<Name, Statement>, expiry);
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** Deletes the rows that have ended; returns how many. */
  async sweepExpired(): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(this.expiry.entity)
      .where(`${this.expiry.column} <= :now`, { now: Date.now() })
      .execute();
    return result.affected ?? 0;
  }

  /** Idempotent: Nest may destroy a store once per provider it is registered under, and tests close stores themselves. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    const statements = Object.values<Statement>(this.statements);
    await Promise.all(statements.map((statement) => new Promise<void>((resolve) => statement.finalize(() => resolve()))));
    await this.dataSource.destroy();
  }
}

function prepare(database: Database, sql: string): Promise<Statement> {
  return new Promise((resolve, reject) => {
    const statement = database.prepare(sql, (error) => (error ? reject(error) : resolve(statement)));
  });
}
