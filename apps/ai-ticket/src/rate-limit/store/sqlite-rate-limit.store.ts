import type { OnModuleDestroy } from '@nestjs/common';
import type { SqliteConfig } from '@ai-ticket/config';
import { SqliteStatements } from '@ai-ticket/storage';
import type { Statement } from 'sqlite3';
import { CountBatcher } from './count-batcher';
import { RateLimitWindowEntity } from './rate-limit-window.entity';
import { rateLimitSqliteFile } from './rate-limit-sqlite-file.util';
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
  private readonly countStatement: Statement;
  private readonly batcher = new CountBatcher((key, windowMs, n) => this.countMany(key, windowMs, n));

  private constructor(private readonly file: SqliteStatements<'count'>) {
    super();
    this.countStatement = file.statements.count;
  }

  static async open(settings: SqliteConfig, sweepIntervalMs = 60_000): Promise<SqliteRateLimitStore> {
    const file = await SqliteStatements.open({
      ...rateLimitSqliteFile(settings),
      // The hot path skips the ORM: one prepared statement on the driver's own connection.
      statements: { count: COUNT_SQL },
      expiry: { entity: RateLimitWindowEntity, column: 'window_ends_at', sweepIntervalMs },
    });
    return new SqliteRateLimitStore(file);
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

  ping(): Promise<void> {
    return this.file.ping();
  }

  sweepExpired(): Promise<number> {
    return this.file.sweepExpired();
  }

  /** Idempotent (see `SqliteStatements.close`). */
  onModuleDestroy(): Promise<void> {
    return this.file.close();
  }
}
