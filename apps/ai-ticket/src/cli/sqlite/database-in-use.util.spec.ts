import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from 'sqlite3';
import { databaseInUse } from './database-in-use.util';
import { processesHoldingOpen } from './open-file-holders.util';

// The /proc scan is switched off here, so these cases show what the lock probe alone can see (as for
// a connection on another host sharing the volume, which no /proc scan reaches).
jest.mock('./open-file-holders.util', () => ({ processesHoldingOpen: jest.fn(() => []) }));

function open(path: string, journal: 'wal' | 'delete'): Promise<Database> {
  return new Promise((resolve, reject) => {
    const db = new Database(path, (error) => {
      if (error) return reject(error);
      db.exec(`PRAGMA journal_mode = ${journal}; CREATE TABLE IF NOT EXISTS t (x); INSERT INTO t VALUES (1);`, (execError) => (execError ? reject(execError) : resolve(db)));
    });
  });
}
const close = (db: Database) => new Promise<void>((resolve) => db.close(() => resolve()));

describe(databaseInUse.name, () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ai-ticket-in-use-'));
    path = join(dir, 'db.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should say a missing file is not in use', async () => {
    expect(await databaseInUse(path)).toEqual({ inUse: false });
  });

  it('should see an idle WAL connection through its shared lock', async () => {
    const db = await open(path, 'wal');
    try {
      expect(await databaseInUse(path)).toEqual({ inUse: true, reason: 'another connection holds a lock on it' });
    } finally {
      await close(db);
    }
    expect(await databaseInUse(path)).toEqual({ inUse: false });
  });

  it('should not count the -wal and -shm a crashed process left, and fold the WAL into the file', async () => {
    // A child writes in WAL mode and dies without closing, as a killed service does.
    const crash = `const { Database } = require(${JSON.stringify(require.resolve('sqlite3'))});
      const db = new Database(${JSON.stringify(path)});
      db.exec("PRAGMA journal_mode = wal; CREATE TABLE t (x); INSERT INTO t VALUES (1), (2);", () => process.kill(process.pid, 'SIGKILL'));`;
    spawnSync(process.execPath, ['-e', crash]);
    expect(existsSync(`${path}-shm`)).toBe(true);

    expect(await databaseInUse(path)).toEqual({ inUse: false });
    // The WAL's content is now in the file (the stale -shm holds no data; restore deletes it).
    expect(existsSync(`${path}-wal`)).toBe(false);
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const db = new Database(path, (error) => (error ? reject(error) : db.all('SELECT x FROM t', (e, r) => db.close(() => (e ? reject(e) : resolve(r))))));
    });
    expect(rows).toEqual([{ x: 1 }, { x: 2 }]);
  });

  it('should miss an idle rollback-journal connection (no lock is held), which is why /proc is searched too', async () => {
    const db = await open(path, 'delete');
    try {
      expect(await databaseInUse(path)).toEqual({ inUse: false });
      jest.mocked(processesHoldingOpen).mockReturnValueOnce([4242]);
      expect(await databaseInUse(path)).toEqual({ inUse: true, reason: 'open in process 4242' });
    } finally {
      await close(db);
    }
  });

  it('should report a file that is not a database as an error, not as free', async () => {
    const db = await open(path, 'delete');
    await close(db);
    writeFileSync(path, 'not a database at all, but long enough to have a header of sorts'.repeat(10));

    await expect(databaseInUse(path)).rejects.toThrow(/file is not a database/);
  });
});
