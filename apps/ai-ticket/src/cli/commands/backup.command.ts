import { writeBackup, type LiveDatabase } from '../backup/backup-writer';
import { CliFailure, UsageError } from '../cli-failure.exception';
import type { CommandSpec } from '../command.types';
import { databaseTargets } from '../databases/database-targets.factory';
import { loadServiceConfig } from '../databases/service-config.util';
import { ExitCode } from '../exit-code.constants';
import { JSON_OPTION } from './common-options';

export const backupCommand: CommandSpec = {
  name: 'backup',
  usage: '--to DIR [--json]',
  description: `Copy the SQLite databases the configuration selects (RATE_LIMIT_BACKEND=sqlite: RATE_LIMIT_SQLITE_PATH;
history on SQLite: AI_TICKET_METRICS_DB) into the new directory DIR, while the service keeps running.
Each copy is one consistent snapshot taken with SQLite's VACUUM INTO (safe with WAL), checked with
PRAGMA integrity_check, and listed in DIR/manifest.json with its checksum and row counts:

  DIR/rate-limit.sqlite  DIR/metrics.sqlite  DIR/manifest.json

DIR must not exist (or be empty); it appears only once the backup is complete. Redis and PostgreSQL
are not copied: back them up with their own tools (redis-cli --rdb, pg_dump).

--json prints the manifest with its "path".`,
  options: [{ name: 'to', type: 'string', value: 'DIR', description: 'New directory for the backup (required)' }, JSON_OPTION],
  positionals: { min: 0, max: 0 },
  exitCodes: 'Exit codes: 0 backed up, 1 failed (backup_failed; nothing is left behind), 2 usage error or invalid configuration.',
  async run({ values, out }) {
    if (typeof values.to !== 'string' || values.to === '') throw new UsageError('missing --to DIR');
    const config = loadServiceConfig();
    const databases: LiveDatabase[] = databaseTargets(config).flatMap((target) => (target.backend === 'sqlite' ? [{ store: target.store, path: target.path }] : []));
    if (databases.length === 0) {
      throw new CliFailure('backup_failed', 'no SQLite database is configured (RATE_LIMIT_BACKEND and the history backend use no SQLite file); nothing to back up');
    }
    const backup = await writeBackup(values.to, databases, config.sqlite.busyTimeoutMs);
    if (values.json) {
      out.json(backup);
      return ExitCode.Ok;
    }
    out.line(`${out.out.green('backed up')} ${backup.databases.length} database(s) to ${backup.path}`);
    for (const database of backup.databases) {
      const rows = Object.entries(database.tables)
        .map(([table, count]) => `${table} ${count}`)
        .join(', ');
      out.line(`  ${database.store.padEnd(13)}  ${database.file.padEnd(17)}  ${database.bytes} bytes  ${out.out.dim(`rows: ${rows}`)}`);
    }
    return ExitCode.Ok;
  },
};
