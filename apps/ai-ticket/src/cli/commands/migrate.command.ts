import { CliFailure } from '../cli-failure.exception';
import type { CommandSpec } from '../command.types';
import { withoutCredentials } from '@ai-ticket/config';
import { databaseTargets } from '../databases/database-targets.factory';
import { migrate, type MigrationReport } from '../databases/migration-runner';
import { loadServiceConfig } from '../databases/service-config.util';
import { ExitCode } from '../exit-code.constants';
import { JSON_OPTION } from './common-options';

export const migrateCommand: CommandSpec = {
  name: 'migrate',
  usage: '[--json]',
  description: `Run the database migrations of the stores the configuration selects, then exit: the rate-limit
store's SQLite file (RATE_LIMIT_BACKEND=sqlite) and the event history's SQLite file or PostgreSQL
database (HISTORY_BACKEND, AI_TICKET_METRICS_DB, DATABASE_URL). Reads the same variables as the service.
Idempotent and safe while replicas run (PostgreSQL migrations run under an advisory lock); the service
also migrates at start-up, so this is for running them ahead of a rollout (a pre-upgrade hook).

--json prints {"databases": [{"store", "backend", "location"?, "migrations"}]}.`,
  options: [JSON_OPTION],
  positionals: { min: 0, max: 0 },
  exitCodes: 'Exit codes: 0 up to date, 1 a migration failed (migration_failed), 2 invalid configuration.',
  async run({ values, out }) {
    const config = loadServiceConfig();
    const reports: MigrationReport[] = [];
    for (const target of databaseTargets(config)) {
      try {
        reports.push(await migrate(target, config));
      } catch (error) {
        const where = target.backend === 'sqlite' ? target.path : target.backend === 'postgres' ? withoutCredentials(target.url) : target.backend;
        throw new CliFailure('migration_failed', `${target.store} (${target.backend}, ${where}): ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (values.json) {
      out.json({ databases: reports });
      return ExitCode.Ok;
    }
    for (const report of reports) {
      const state = report.location ? `${out.out.green('up to date')}: ${report.migrations.join(', ')}` : out.out.dim('no database, nothing to migrate');
      out.line(`${report.store.padEnd(13)}  ${report.backend.padEnd(8)}  ${report.location ? `${report.location}  ` : ''}${state}`);
    }
    return ExitCode.Ok;
  },
};
