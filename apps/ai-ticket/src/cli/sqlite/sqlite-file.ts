import { Database, OPEN_READONLY, OPEN_READWRITE } from 'sqlite3';

/**
 * A bare sqlite3 connection to an existing file (never creates one), for the operations TypeORM has
 * no words for: VACUUM INTO, integrity checks, lock probes. One statement at a time.
 */
export class SqliteFile {
  private constructor(private readonly db: Database) {}

  static open(path: string, mode: 'readonly' | 'readwrite'): Promise<SqliteFile> {
    return new Promise((resolve, reject) => {
      const db = new Database(path, mode === 'readonly' ? OPEN_READONLY : OPEN_READWRITE, (error) => (error ? reject(error) : resolve(new SqliteFile(db))));
    });
  }

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.db.all<T>(sql, params, (error, rows) => (error ? reject(error) : resolve(rows))));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((error) => (error ? reject(error) : resolve())));
  }

  /** Runs `work` on a connection to `path` and closes it whatever happens. */
  static async with<T>(path: string, mode: 'readonly' | 'readwrite', work: (file: SqliteFile) => Promise<T>): Promise<T> {
    const file = await SqliteFile.open(path, mode);
    try {
      return await work(file);
    } finally {
      await file.close().catch(() => undefined);
    }
  }
}
