import { SqliteFile } from './sqlite-file';

export interface DatabaseSummary {
  /** Rows per table (TypeORM's `migrations` included). */
  tables: Record<string, number>;
  migrations: string[];
  /** The event history's all-time totals, when the file holds them. */
  totals?: { requests: number; successes: number; errors: number };
}

/**
 * Checks a (backup) file with `PRAGMA integrity_check` and describes what it holds. Read-only: the
 * file is never changed. Throws when the check finds anything wrong.
 */
export function summarizeDatabase(path: string): Promise<DatabaseSummary> {
  return SqliteFile.with(path, 'readonly', async (file) => {
    const check = await file.all<{ integrity_check: string }>('PRAGMA integrity_check');
    if (check.length !== 1 || check[0].integrity_check !== 'ok') throw new Error(`integrity check failed: ${check.map((row) => row.integrity_check).join('; ')}`);
    const names = await file.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    const tables: Record<string, number> = {};
    for (const { name } of names) {
      const [row] = await file.all<{ n: number }>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`);
      tables[name] = row.n;
    }
    const migrations = 'migrations' in tables ? (await file.all<{ name: string }>('SELECT name FROM migrations ORDER BY id')).map((row) => row.name) : [];
    const summary: DatabaseSummary = { tables, migrations };
    if ('history_totals' in tables) {
      const [totals] = await file.all<{ requests: number; successes: number; errors: number }>('SELECT requests, successes, errors FROM history_totals WHERE id = 1');
      summary.totals = totals ? { requests: Number(totals.requests), successes: Number(totals.successes), errors: Number(totals.errors) } : { requests: 0, successes: 0, errors: 0 };
    }
    return summary;
  });
}
