import { existsSync } from 'node:fs';
import { processesHoldingOpen } from './open-file-holders.util';
import { SqliteFile } from './sqlite-file';

export interface InUseVerdict {
  inUse: boolean;
  /** Why, in words, when it is. */
  reason?: string;
}

/**
 * Whether replacing the SQLite file at `path` would pull it from under a live connection. Two checks,
 * because neither alone is enough:
 *
 * 1. An exclusive lock with `busy_timeout = 0` and `locking_mode = EXCLUSIVE`. In WAL mode (the
 *    default) every open connection, even an idle one, holds a shared lock, so this fails at once
 *    while the service has the file open, also from another container (another PID namespace). A
 *    `-shm` file left by a crashed process holds no lock, so it does not count.
 * 2. With the rollback journal an idle connection holds no lock at all; so processes that have the
 *    file (or its -wal, -shm, -journal) open are also looked for in /proc (Linux, same PID namespace).
 *
 * The probe also leaves a crashed database consistent (SQLite rolls back or checkpoints what the
 * crash left) and self-contained, so the caller can keep it as the copy it replaces.
 */
export async function databaseInUse(path: string): Promise<InUseVerdict> {
  if (!existsSync(path)) return { inUse: false };
  const holders = processesHoldingOpen([path, `${path}-wal`, `${path}-shm`, `${path}-journal`]);
  if (holders.length > 0) return { inUse: true, reason: `open in process ${holders.join(', ')}` };
  try {
    await SqliteFile.with(path, 'readwrite', async (file) => {
      await file.all('PRAGMA busy_timeout = 0');
      await file.all('PRAGMA locking_mode = EXCLUSIVE');
      await file.all('BEGIN EXCLUSIVE');
      await file.all('SELECT count(*) FROM sqlite_master');
      await file.all('COMMIT');
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return { inUse: true, reason: 'another connection holds a lock on it' };
    throw error;
  }
  return { inUse: false };
}
