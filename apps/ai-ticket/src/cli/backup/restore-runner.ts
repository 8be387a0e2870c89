import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliFailure } from '../cli-failure.exception';
import type { StoreName } from '../databases/database-targets.factory';
import { ExitCode } from '../exit-code.constants';
import { databaseInUse } from '../sqlite/database-in-use.util';
import { summarizeDatabase, type DatabaseSummary } from '../sqlite/database-summary.util';
import type { BackupManifest } from './backup-manifest';
import { fsyncPath, sha256OfFile } from './file-sync.util';

export interface RestoredDatabase extends DatabaseSummary {
  store: StoreName;
  path: string;
  /** Where the database that was replaced now is, if there was one. */
  previous?: string;
}

/**
 * Puts every database of a checked backup in place, all or nothing up to the first write: each copy
 * is verified (checksum, integrity) and every target is checked not to be in use before any file is
 * touched. Then, per database: the copy is written beside the target and synced, the old file is kept
 * as `<path>.before-restore-<time>`, its stale -wal/-shm/-journal are removed (SQLite would otherwise
 * replay them onto the restored file), and the copy is renamed into place.
 */
export async function restoreBackup(dir: string, manifest: BackupManifest, targetOf: (store: StoreName) => string): Promise<RestoredDatabase[]> {
  const plan = [];
  for (const database of manifest.databases) {
    const source = join(dir, database.file);
    if (!existsSync(source)) throw new CliFailure('invalid_backup', `${source} is missing`);
    if (sha256OfFile(source) !== database.sha256) throw new CliFailure('invalid_backup', `${source} does not match its checksum in the manifest (damaged or changed)`);
    const summary = await summarizeDatabase(source).catch((error: unknown) => {
      throw new CliFailure('invalid_backup', `${source}: ${error instanceof Error ? error.message : String(error)}`);
    });
    plan.push({ store: database.store, source, path: targetOf(database.store), summary });
  }
  if (new Set(plan.map((step) => step.path)).size < plan.length) {
    throw new CliFailure('restore_failed', 'RATE_LIMIT_SQLITE_PATH and AI_TICKET_METRICS_DB name the same file; give each store its own file to restore into. Nothing was changed');
  }
  for (const step of plan) {
    const verdict = await databaseInUse(step.path).catch((error: unknown) => {
      throw new CliFailure('restore_failed', `cannot check ${step.path}: ${error instanceof Error ? error.message : String(error)}; move it away and retry`);
    });
    if (verdict.inUse) {
      throw new CliFailure('database_in_use', `${step.path} is in use (${verdict.reason}); stop the service first. Nothing was changed`, ExitCode.InUse, { path: step.path });
    }
  }

  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const restored: RestoredDatabase[] = [];
  for (const step of plan) {
    mkdirSync(dirname(step.path), { recursive: true });
    const incoming = join(dirname(step.path), `.${basename(step.path)}.restoring-${randomBytes(4).toString('hex')}`);
    try {
      copyFileSync(step.source, incoming);
      fsyncPath(incoming);
      const previous = existsSync(step.path) ? `${step.path}.before-restore-${stamp}` : undefined;
      if (previous) renameSync(step.path, previous);
      for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${step.path}${suffix}`, { force: true });
      renameSync(incoming, step.path);
      fsyncPath(dirname(step.path));
      restored.push({ store: step.store, path: step.path, ...(previous ? { previous } : {}), ...step.summary });
    } catch (error) {
      rmSync(incoming, { force: true });
      throw new CliFailure('restore_failed', `${step.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return restored;
}
