import { resolve } from 'node:path';
import { readManifest } from '../backup/backup-manifest';
import { restoreBackup } from '../backup/restore-runner';
import { UsageError } from '../cli-failure.exception';
import type { CommandSpec } from '../command.types';
import { sqlitePathOf } from '../databases/database-targets.factory';
import { loadServiceConfig } from '../databases/service-config.util';
import { ExitCode } from '../exit-code.constants';
import { JSON_OPTION } from './common-options';

export const restoreCommand: CommandSpec = {
  name: 'restore',
  usage: '--from DIR [--json]',
  description: `Put the databases of a backup directory (made by "ai-ticket backup") back where the configuration
says they live: RATE_LIMIT_SQLITE_PATH and AI_TICKET_METRICS_DB (their defaults when unset).

Stop the service first. Restore refuses (exit 4, nothing changed) while a database it would replace is
in use: held open by a process on this host, or locked by a connection anywhere (every WAL connection
holds a lock). Before writing anything it checks every copy against the manifest's checksum and with
PRAGMA integrity_check. A database it replaces is kept as <path>.before-restore-<time>; delete it once
the restored service looks right.

--json prints {"restored": [{"store", "path", "previous"?, "tables", "migrations", "totals"?}]}.`,
  options: [{ name: 'from', type: 'string', value: 'DIR', description: 'Backup directory to restore (required)' }, JSON_OPTION],
  positionals: { min: 0, max: 0 },
  exitCodes: `Exit codes:
  0  restored
  1  failed: invalid_backup (nothing changed) or restore_failed
  2  usage error or invalid configuration
  4  database_in_use: a target database is in use (nothing changed)`,
  async run({ values, out }) {
    if (typeof values.from !== 'string' || values.from === '') throw new UsageError('missing --from DIR');
    const config = loadServiceConfig();
    const dir = resolve(values.from);
    const restored = await restoreBackup(dir, readManifest(dir), (store) => sqlitePathOf(config, store));
    if (values.json) {
      out.json({ restored });
      return ExitCode.Ok;
    }
    out.line(`${out.out.green('restored')} ${restored.length} database(s) from ${dir}`);
    for (const database of restored) {
      const kept = database.previous ? out.out.dim(` (previous file kept as ${database.previous})`) : '';
      out.line(`  ${database.store.padEnd(13)}  ${database.path}${kept}`);
    }
    return ExitCode.Ok;
  },
};
