import { ExitCode, type ExitCodeValue } from './exit-code.constants';

/**
 * A failure the CLI reports as `error: <code>: <message>` (or `{"error", "message", …}` with
 * `--json`). `code` is the service's API error code when the service answered one, otherwise one of
 * the CLI's own: `connection_failed`, `unexpected_response`, `database_in_use`, `invalid_backup`,
 * `backup_failed`, `restore_failed`, `migration_failed`.
 */
export class CliFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.Failure,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

/** The command line is wrong (exit 2); the message says what to fix. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
