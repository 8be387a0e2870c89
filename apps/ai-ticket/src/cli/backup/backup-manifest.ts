import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliFailure } from '../cli-failure.exception';
import type { StoreName } from '../databases/database-targets.factory';
import type { DatabaseSummary } from '../sqlite/database-summary.util';

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'ai-ticket-sqlite-backup/1';

/** The file each store's copy has inside a backup directory. */
export const BACKUP_FILE_OF: Record<StoreName, string> = { 'rate-limit': 'rate-limit.sqlite', 'event-history': 'metrics.sqlite' };

export interface BackedUpDatabase extends DatabaseSummary {
  store: StoreName;
  /** File name inside the backup directory. */
  file: string;
  /** The live database it was copied from. */
  source: string;
  bytes: number;
  sha256: string;
}

/** `manifest.json`: what a backup directory holds, to check it before anything is restored from it. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  databases: BackedUpDatabase[];
}

/** Reads and checks the shape of a backup directory's manifest; the files themselves are checked by the restore. */
export function readManifest(dir: string): BackupManifest {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) throw new CliFailure('invalid_backup', `${dir} is not an ai-ticket backup (no ${MANIFEST_FILE})`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  } catch (error) {
    throw new CliFailure('invalid_backup', `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (manifest.format !== BACKUP_FORMAT) throw new CliFailure('invalid_backup', `${path}: unknown format ${JSON.stringify(manifest.format)} (expected ${BACKUP_FORMAT})`);
  const valid = Array.isArray(manifest.databases) && manifest.databases.length > 0 && manifest.databases.every((db) => BACKUP_FILE_OF[db.store] === db.file && typeof db.sha256 === 'string');
  if (!valid) throw new CliFailure('invalid_backup', `${path}: the database list is missing or malformed`);
  return manifest;
}
