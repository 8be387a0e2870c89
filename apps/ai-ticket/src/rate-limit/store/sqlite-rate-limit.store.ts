import type { OnModuleDestroy } from '@nestjs/common';
import type { SqliteConfig } from '@ai-ticket/config';
import { openSqliteDataSource } from '@ai-ticket/storage';
import type { Database, Statement } from 'sqlite3';
import type { DataSource } from 'typeorm';
import { CountBatcher } from './count-batcher';
import { RateLimitWindowEntity } from './rate-limit-window.entity';
import { RATE_LIMIT_ENTITIES, RATE_LIMIT_MIGRATIONS } from './rate-limit-schema.constants';
import { RateLimitStore, type WindowCount } from './rate-limit.store';

/**
 * Read, reset-or-increment by `$n` requests and write in ONE statement: SQLite runs a statement under
 * the database write lock, so processes sharing the file cannot interleave (others wait up to the busy
 * timeout).
 */
const COUNT_SQL = `
  INSERT INTO rate_limit_window (key, hits, window_ends_at) VALUES ($key, $n, $now + $windowMs)
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN window_ends_at <= $now THEN $n ELSE hits + $n END,
    window_ends_at = CASE WHEN window_ends_at <= $now THEN $now + $windowMs ELSE window_ends_at END
  RETURNING hits, window_ends_at AS windowEndsAt`;

/**
 * Counts in a SQLite file shared by every process on the host (or on a volume; see `SQLITE_JOURNAL_MODE`).
 * Each statement is a round trip through libuv's thread pool, so the requests of a client that arrive
 * during one are counted together by the next (`CountBatcher`).
 */
export class SqliteRateLimitStore extends RateLimitStore implements OnModuleDestroy {
  private readonly sweeper: NodeJS.Timeout;
  private readonly batcher = new CountBatcher((key, windowMs, n) => this.countMany(key, windowMs, n));
  private closed = false;

  private constructor(
    private readonly dataSource: DataSource,
    private readonly countStatement: Statement,
    sweepIntervalMs: number,
  ) {
    super();
    this.sweeper = setInterval(() => void this.sweepExpired().catch(() => undefined), sweepIntervalMs);
    this.sweeper.unref();
  }

  static async open(settings: SqliteConfig, sweepIntervalMs = 60_000): Promise<SqliteRateLimitStore> {
    const dataSource = await openSqliteDataSource({
      path: settings.rateLimitPath,
      journalMode: settings.journalMode,
      busyTimeoutMs: settings.busyTimeoutMs,
      entities: RATE_LIMIT_ENTITIES,
      migrations: RATE_LIMIT_MIGRATIONS,
    });
    // The hot path skips the ORM: one prepared statement on the driver's own connection.
    const database = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
    const statement = await new Promise<Statement>((resolve, reject) => {
      const prepared = database.prepare(COUNT_SQL, (error) => (error ? reject(error) : resolve(prepared)));
    });
    return new SqliteRateLimitStore(dataSource, statement, sweepIntervalMs);
  }

  count(key: string, windowMs: number): Promise<WindowCount> {
    return this.batcher.count(key, windowMs);
  }

  private countMany(key: string, windowMs: number, n: number): Promise<WindowCount> {
    return new Promise((resolve, reject) => {
      // `all` steps the statement to completion, so the write lock is released before the callback.
      this.countStatement.all<WindowCount>({ $key: key, $now: Date.now(), $windowMs: windowMs, $n: n }, (error, rows) => {
        if (error) reject(error);
        else resolve({ hits: Number(rows[0].hits), windowEndsAt: Number(rows[0].windowEndsAt) });
      });
    });
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  async sweepExpired(): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(RateLimitWindowEntity)
      .where('window_ends_at <= :now', { now: Date.now() })
      .execute();
    return result.affected ?? 0;
  }

  /** Idempotent: a second call (a test closing the store itself, then the module) does nothing. */
  async onModuleDestroy(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    await new Promise<void>((resolve) => this.countStatement.finalize(() => resolve()));
    await this.dataSource.destroy();
  }
}
