import type { CommandSpec } from '../command.types';

/** The service's own entry point, loaded in this process: same configuration, signals and exit codes as `npm start`. */
export const serveCommand: CommandSpec = {
  name: 'serve',
  usage: '',
  description: `Run the service in the foreground, exactly as "npm start" does after building: configured by the
environment (README, Configuration), draining on SIGTERM/SIGINT and exiting 0. Relative paths (data/,
DASHBOARD_DIR) are taken from the working directory.`,
  options: [],
  positionals: { min: 0, max: 0 },
  exitCodes: `Exit codes: 0 after a graceful shutdown, 1 when start-up fails (an invalid variable is named, never its value).`,
  async run() {
    await import('../../main');
    return 'serving';
  },
};
