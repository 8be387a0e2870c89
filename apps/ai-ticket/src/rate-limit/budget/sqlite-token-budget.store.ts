import type { OnModuleDestroy } from '@nestjs/common';
import type { SqliteConfig } from '@ai-ticket/config';
import { openSqliteDataSource } from '@ai-ticket/storage';
import type { Database, Statement } from 'sqlite3';
import type { DataSource } from 'typeorm';
import { RATE_LIMIT_ENTITIES, RATE_LIMIT_MIGRATIONS } from '../store/rate-limit-schema.constants';
import { windowKey } from './budget-window.util';
import { TokenBudgetWindowEntity } from './token-budget-window.entity';
import { TokenBudgetStore, type BudgetState, type ReserveRequest, type SettleRequest } from './token-budget.store';

/**
 * Check and reserve in ONE statement (SQLite runs it under the database write lock, so processes sharing
 * the file cannot interleave). The SET expressions all read the row as it was before the update, so
 * `admitted` records the decision this very statement took.
 */
const RESERVE_SQL = `
  INSERT INTO token_budget_window (key, used, reserved, admitted, ends_at)
    VALUES ($key, 0, CASE WHEN $budget > 0 THEN $tokens ELSE 0 END, $budget > 0, $endsAt)
  ON CONFLICT (key) DO UPDATE SET
    reserved = CASE WHEN used + reserved < $budget THEN reserved + $tokens ELSE reserved END,
    admitted = used + reserved < $budget
  RETURNING used, reserved, admitted`;

const SETTLE_SQL = `UPDATE token_budget_window SET used = used + $used, reserved = MAX(0, reserved - $reserved) WHERE key = $key`;

/** Budgets in the rate-limit SQLite file, shared by every process on the host (or on a volume). */
export class SqliteTokenBudgetStore extends TokenBudgetStore implements OnModuleDestroy {
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  private constructor(
    private readonly dataSource: DataSource,
    private readonly reserveStatement: Statement,
    private readonly settleStatement: Statement,
    sweepIntervalMs: number,
  ) {
    super();
    this.sweeper = setInterval(() => void this.sweepExpired().catch(() => undefined), sweepIntervalMs);
    this.sweeper.unref();
  }

  static async open(settings: SqliteConfig, sweepIntervalMs = 60_000): Promise<SqliteTokenBudgetStore> {
    const dataSource = await openSqliteDataSource({
      path: settings.rateLimitPath,
      journalMode: settings.journalMode,
      busyTimeoutMs: settings.busyTimeoutMs,
      entities: RATE_LIMIT_ENTITIES,
      migrations: RATE_LIMIT_MIGRATIONS,
    });
    // The request path skips the ORM: prepared statements on the driver's own connection.
    const database = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
    const [reserve, settle] = await Promise.all([prepare(database, RESERVE_SQL), prepare(database, SETTLE_SQL)]);
    return new SqliteTokenBudgetStore(dataSource, reserve, settle, sweepIntervalMs);
  }

  reserve({ key, window, budget, tokens }: ReserveRequest): Promise<BudgetState> {
    const params = { $key: windowKey(key, window), $budget: budget, $tokens: tokens, $endsAt: window.endsAt };
    return new Promise((resolve, reject) => {
      // `all` steps the statement to completion, so the write lock is released before the callback.
      this.reserveStatement.all<BudgetState>(params, (error, rows) => {
        if (error) reject(error);
        else resolve({ admitted: Boolean(rows[0].admitted), used: Number(rows[0].used), reserved: Number(rows[0].reserved) });
      });
    });
  }

  settle({ key, window, reserved, used }: SettleRequest): Promise<void> {
    const params = { $key: windowKey(key, window), $used: used, $reserved: reserved };
    return new Promise((resolve, reject) => {
      this.settleStatement.run(params, (error) => (error ? reject(error) : resolve()));
    });
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  async sweepExpired(): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(TokenBudgetWindowEntity)
      .where('ends_at <= :now', { now: Date.now() })
      .execute();
    return result.affected ?? 0;
  }

  /** Idempotent: Nest may destroy it once per provider it is registered under. */
  async onModuleDestroy(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    await Promise.all([this.reserveStatement, this.settleStatement].map((s) => new Promise<void>((resolve) => s.finalize(() => resolve()))));
    await this.dataSource.destroy();
  }
}

function prepare(database: Database, sql: string): Promise<Statement> {
  return new Promise((resolve, reject) => {
    const statement = database.prepare(sql, (error) => (error ? reject(error) : resolve(statement)));
  });
}
