import { Database, OPEN_READONLY } from 'sqlite3';

/** Runs one read-only query against a SQLite file (for checking what backups and restores hold). */
export function querySqlite<T>(path: string, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new Database(path, OPEN_READONLY, (openError) => {
      if (openError) return reject(openError);
      db.all<T>(sql, (error, rows) => db.close(() => (error ? reject(error) : resolve(rows))));
    });
  });
}

/** The event history's own consistency: totals, per-minute sums and stored events agree. */
export async function historyCounts(path: string): Promise<{ totals: number; minutes: number; events: number }> {
  const [totals] = await querySqlite<{ n: number }>(path, 'SELECT coalesce(sum(requests), 0) AS n FROM history_totals');
  const [minutes] = await querySqlite<{ n: number }>(path, 'SELECT coalesce(sum(requests), 0) AS n FROM history_minute');
  const [events] = await querySqlite<{ n: number }>(path, 'SELECT count(*) AS n FROM history_event');
  return { totals: Number(totals.n), minutes: Number(minutes.n), events: Number(events.n) };
}
