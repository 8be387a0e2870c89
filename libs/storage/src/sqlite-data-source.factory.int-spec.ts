import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, Statement } from 'sqlite3';
import { openSqliteDataSource } from './sqlite-data-source.factory';

describe(openSqliteDataSource.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sqlite-data-source-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("should leave sqlite3's methods untraced (no stack captured per statement on the hot path)", async () => {
    const untraced = { all: Statement.prototype.all, run: Statement.prototype.run, prepare: Database.prototype.prepare };

    const dataSource = await openSqliteDataSource({ path: join(dir, 'db', 'test.sqlite'), journalMode: 'wal', busyTimeoutMs: 1_000, entities: [], migrations: [] });
    try {
      await expect(dataSource.query('SELECT 41 + 1 AS answer')).resolves.toEqual([{ answer: 42 }]);
      expect({ all: Statement.prototype.all, run: Statement.prototype.run, prepare: Database.prototype.prepare }).toEqual(untraced);
    } finally {
      await dataSource.destroy();
    }
  });
});
