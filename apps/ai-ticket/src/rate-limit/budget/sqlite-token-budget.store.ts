import type { OnModuleDestroy } from '@nestjs/common';
import type { SqliteConfig } from '@ai-ticket/config';
import { SqliteStatements } from '@ai-ticket/storage';
import type { Statement } from 'sqlite3';
import { rateLimitSqliteFile } from '../store/rate-limit-sqlite-file.util';
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
  private readonly reserveStatement: Statement;
  private readonly settleStatement: Statement;

  private constructor(private readonly file: SqliteStatements<'reserve' | 'settle'>) {
    super();
    this.reserveStatement = file.statements.reserve;
    this.settleStatement = file.statements.settle;
  }

  static async open(settings: SqliteConfig, sweepIntervalMs = 60_000): Promise<SqliteTokenBudgetStore> {
    const file = await SqliteStatements.open({
      ...rateLimitSqliteFile(settings),
      // The request path skips the ORM: prepared statements on the driver's own connection.
      statements: { reserve: RESERVE_SQL, settle: SETTLE_SQL },
      expiry: { entity: TokenBudgetWindowEntity, column: 'ends_at', sweepIntervalMs },
    });
    return new SqliteTokenBudgetStore(file);
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
