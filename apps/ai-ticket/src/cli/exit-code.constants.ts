/**
 * The CLI's exit codes: a stable contract for scripts (documented in `ai-ticket --help` and
 * docs/operations.md). Codes are only ever added, never renumbered.
 */
export const ExitCode = {
  /** The command did what it was asked. */
  Ok: 0,
  /** It failed: the service answered an error, a database operation failed, a backup was invalid. */
  Failure: 1,
  /** The command line (or the configuration it reads) is wrong; nothing was done. */
  Usage: 2,
  /** The service did not answer, or answered that it is not ready. */
  NotReady: 3,
  /** `restore` refused: a database it would replace is in use. */
  InUse: 4,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODE_HELP = `Exit codes:
  0  success
  1  failure (the service answered an error; a backup, restore or migration failed)
  2  usage error (unknown command or option, missing argument, invalid configuration)
  3  the service is unreachable or not ready
  4  restore refused: a database it would replace is in use`;
