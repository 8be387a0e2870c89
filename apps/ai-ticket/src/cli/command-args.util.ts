import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from './cli-failure.exception';
import type { CommandSpec } from './command.types';

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  help: boolean;
}

/** Strict parsing: unknown options, missing values and surplus arguments are usage errors. */
export function parseCommandArgs(spec: CommandSpec, args: string[]): ParsedArgs {
  const options: ParseArgsOptionsConfig = { help: { type: 'boolean', short: 'h' } };
  for (const option of spec.options) options[option.name] = option.short ? { type: option.type, short: option.short } : { type: option.type };
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { help, ...values } = parsed.values as Record<string, string | boolean | undefined>;
  if (help === true) return { values, positionals: parsed.positionals, help: true };
  const count = parsed.positionals.length;
  if (count < spec.positionals.min) throw new UsageError(`missing argument: ai-ticket ${spec.name} ${spec.usage}`);
  if (count > spec.positionals.max) {
    throw new UsageError(`unexpected argument "${parsed.positionals[spec.positionals.max]}"${spec.positionals.max === 1 ? ' (quote the text as one argument)' : ''}`);
  }
  return { values, positionals: parsed.positionals, help: false };
}
