import type { CommandSpec, OptionSpec } from './command.types';
import { EXIT_CODE_HELP } from './exit-code.constants';

export interface CommandSummary {
  name: string;
  summary: string;
}

/** `ai-ticket --help`: the commands, the variables and the exit codes. */
export function globalHelp(commands: readonly CommandSummary[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return `Usage: ai-ticket <command> [options]

Operator tool for AI Ticket: run the service, call it, check it, manage tokens and databases.

Commands:
${commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run "ai-ticket <command> --help" for a command's options.

Environment:
  AI_TICKET_URL    the service's base URL (default http://127.0.0.1:5000)
  AI_TICKET_TOKEN  the API token for prompt (better than --token, which shows in ps)
  NO_COLOR         set to turn colour off (colour is only ever used on a terminal)
  backup, restore, migrate and serve read the service's own variables (README, Configuration).

${EXIT_CODE_HELP}

Runbook: docs/operations.md`;
}

/** `ai-ticket <command> --help`. */
export function commandHelp(spec: CommandSpec): string {
  const options: OptionSpec[] = [...spec.options, { name: 'help', short: 'h', type: 'boolean', description: 'Show this help' }];
  const labels = options.map(optionLabel);
  const width = Math.max(...labels.map((label) => label.length));
  const lines = options.map((option, i) => `  ${labels[i].padEnd(width)}  ${option.description}`);
  return `Usage: ai-ticket ${spec.name} ${spec.usage}

${spec.description}

Options:
${lines.join('\n')}

${spec.exitCodes ?? EXIT_CODE_HELP}`;
}

function optionLabel(option: OptionSpec): string {
  const long = `--${option.name}${option.value ? ` ${option.value}` : ''}`;
  return option.short ? `-${option.short}, ${long}` : `    ${long}`;
}
