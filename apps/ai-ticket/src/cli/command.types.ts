import type { CliEnvironment } from './cli-environment';
import type { ExitCodeValue } from './exit-code.constants';
import type { CliOutput } from './output/cli-output';

/** One option, described once for both the parser (node:util parseArgs) and the help text. */
export interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in the help text (`URL`, `FILE`). */
  value?: string;
  description: string;
}

export interface CommandInput {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  env: CliEnvironment;
  out: CliOutput;
}

/** What `run` returns: an exit code, or `serving` when the service now owns the process. */
export type CommandResult = ExitCodeValue | 'serving';

export interface CommandSpec {
  /** As typed: `prompt`, `token create`. */
  name: string;
  /** Arguments after the name, for the usage line: `<text> [options]`. */
  usage: string;
  /** What the command does, and anything a user must know (a paragraph or a few). */
  description: string;
  options: OptionSpec[];
  positionals: { min: number; max: number };
  /** Command-specific exit codes, when they say more than the general list. */
  exitCodes?: string;
  run(input: CommandInput): Promise<CommandResult>;
}
