import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliFailure } from '../cli-failure.exception';
import type { StoreName } from '../databases/database-targets.factory';
import { summarizeDatabase } from '../sqlite/database-summary.util';
import { vacuumInto } from '../sqlite/online-backup.util';
import { BACKUP_FILE_OF, BACKUP_FORMAT, MANIFEST_FILE, type BackedUpDatabase, type BackupManifest } from './backup-manifest';
import { fsyncPath, sha256OfFile } from './file-sync.util';

export interface LiveDatabase {
  store: StoreName;
  path: string;
}

/**
 * Writes a backup directory: a consistent copy of each database, checked and described in
 * `manifest.json`. Everything is written to a sibling temporary directory, synced, then renamed into
 * place, so `dir` either holds a complete backup or does not exist.
 */
export async function writeBackup(dir: string, databases: readonly LiveDatabase[], busyTimeoutMs: number): Promise<BackupManifest & { path: string }> {
  const target = resolve(dir);
  if (existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0)) {
    throw new CliFailure('backup_failed', `${target} already exists and is not an empty directory; choose a new path`);
  }
  for (const database of databases) {
    if (!existsSync(database.path)) throw new CliFailure('backup_failed', `the ${database.store} database ${database.path} does not exist (has the service run with this configuration?)`);
  }
  mkdirSync(dirname(target), { recursive: true });
  const staging = join(dirname(target), `.${basename(target)}.partial-${randomBytes(4).toString('hex')}`);
  mkdirSync(staging);
  try {
    const backedUp: BackedUpDatabase[] = [];
    for (const database of databases) {
      const file = BACKUP_FILE_OF[database.store];
      const copy = join(staging, file);
      await vacuumInto(database.path, copy, busyTimeoutMs);
      fsyncPath(copy);
      const summary = await summarizeDatabase(copy);
      backedUp.push({ store: database.store, file, source: database.path, bytes: statSync(copy).size, sha256: sha256OfFile(copy), ...summary });
    }
    const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), databases: backedUp };
    writeFileSync(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    fsyncPath(join(staging, MANIFEST_FILE));
    fsyncPath(staging);
    renameSync(staging, target);
    fsyncPath(dirname(target));
    return { ...manifest, path: target };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof CliFailure) throw error;
    throw new CliFailure('backup_failed', error instanceof Error ? error.message : String(error));
  }
}
