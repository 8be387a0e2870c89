import type { CliEnvironment } from './cli-environment';
import { CliFailure, UsageError } from './cli-failure.exception';
import { parseCommandArgs } from './command-args.util';
import { commandHelp, globalHelp } from './command-help.util';
import { COMMANDS, findCommand, subcommandsOf } from './command-registry';
import type { CommandResult } from './command.types';
import { ExitCode } from './exit-code.constants';
import { CliOutput, type CliStreams } from './output/cli-output';

/**
 * Runs one command line and returns its exit code (or `serving` once `serve` has handed the process
 * to the service). Never throws: every error becomes a message and an exit code.
 */
export async function runCli(argv: readonly string[], streams: CliStreams, env: CliEnvironment): Promise<CommandResult> {
  const out = new CliOutput(streams, env.noColor);
  const [first] = argv;
  if (first === undefined) {
    out.note(globalHelp(COMMANDS));
    return ExitCode.Usage;
  }
  if (first === '--help' || first === '-h' || first === 'help') return help(argv.slice(1), out);

  const found = findCommand(argv);
  let json = false;
  try {
    if (!found) {
      const subcommands = subcommandsOf(first);
      throw new UsageError(subcommands.length > 0 ? `"${first}" needs a subcommand: ${subcommands.join(', ')}` : `unknown command "${first}"`);
    }
    const spec = await found.command.load();
    const parsed = parseCommandArgs(spec, found.rest);
    if (parsed.help) {
      out.line(commandHelp(spec));
      return ExitCode.Ok;
    }
    json = parsed.values.json === true;
    return await spec.run({ values: parsed.values, positionals: parsed.positionals, env, out });
  } catch (error) {
    return report(error, out, json, found?.command.name);
  }
}

function help(topic: readonly string[], out: CliOutput): Promise<CommandResult> | CommandResult {
  if (topic.length === 0) {
    out.line(globalHelp(COMMANDS));
    return ExitCode.Ok;
  }
  const found = findCommand(topic);
  if (!found) {
    out.note(`${out.err.red('error')}: unknown command "${topic.join(' ')}"`);
    return ExitCode.Usage;
  }
  return found.command.load().then((spec) => {
    out.line(commandHelp(spec));
    return ExitCode.Ok;
  });
}

function report(error: unknown, out: CliOutput, json: boolean, command: string | undefined): CommandResult {
  if (error instanceof UsageError) {
    out.note(`${out.err.red('error')}: ${error.message}`);
    out.note(`Run "ai-ticket ${command ?? ''}${command ? ' ' : ''}--help" for usage.`);
    return ExitCode.Usage;
  }
  if (error instanceof CliFailure) {
    out.failure(error, json);
    return error.exitCode;
  }
  out.failure(new CliFailure('internal_error', error instanceof Error ? error.message : String(error)), json);
  return ExitCode.Failure;
}
