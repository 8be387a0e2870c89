import { SqliteFile } from './sqlite-file';

/**
 * Copies a live SQLite database into a new file with `VACUUM INTO`: one read transaction, so the copy
 * is a consistent snapshot (every committed batch or none of it), and WAL content not yet checkpointed
 * is included. In WAL mode the service keeps writing meanwhile; with the rollback journal its writes
 * wait (up to their busy timeout) while the copy reads. The copy is compact, in rollback-journal mode,
 * and self-contained (no -wal file). It is not fsynced here: the caller syncs what it keeps.
 */
export async function vacuumInto(source: string, destination: string, busyTimeoutMs: number): Promise<void> {
  // Read-write (never create): a read-only connection cannot always open a WAL database.
  await SqliteFile.with(source, 'readwrite', async (file) => {
    await file.all(`PRAGMA busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    await file.all('VACUUM INTO ?', [destination]);
  });
}
