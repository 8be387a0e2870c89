import type { CommandSpec } from './command.types';

export interface RegisteredCommand {
  name: string;
  summary: string;
  /** Loaded on use, so `ai-ticket prompt` never pays for the database drivers. */
  load(): Promise<CommandSpec>;
}

export const COMMANDS: readonly RegisteredCommand[] = [
  { name: 'serve', summary: 'Run the service (what npm start runs), configured by the environment', load: async () => (await import('./commands/serve.command')).serveCommand },
  { name: 'prompt', summary: 'Send one event and print the completion (--stream: token by token)', load: async () => (await import('./commands/prompt.command')).promptCommand },
  { name: 'health', summary: 'Check readiness (GET /readyz); exit 0 only when ready', load: async () => (await import('./commands/health.command')).healthCommand },
  { name: 'token create', summary: 'Make a new API token and its token-file line (NAME=sha256:<hex>)', load: async () => (await import('./commands/token-create.command')).tokenCreateCommand },
  { name: 'backup', summary: 'Copy the SQLite databases, consistently, while the service runs', load: async () => (await import('./commands/backup.command')).backupCommand },
  { name: 'restore', summary: 'Put a backup back (refuses while a database is in use)', load: async () => (await import('./commands/restore.command')).restoreCommand },
  { name: 'migrate', summary: 'Run the SQLite/PostgreSQL migrations, then exit', load: async () => (await import('./commands/migrate.command')).migrateCommand },
];

/** The command named by the first one or two words of `argv`, and the arguments after it. */
export function findCommand(argv: readonly string[]): { command: RegisteredCommand; rest: string[] } | undefined {
  for (const command of COMMANDS) {
    const words = command.name.split(' ');
    if (words.every((word, i) => argv[i] === word)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

/** Command groups (`token`) typed without their subcommand. */
export function subcommandsOf(group: string): string[] {
  return COMMANDS.filter((command) => command.name.startsWith(`${group} `)).map((command) => command.name);
}
