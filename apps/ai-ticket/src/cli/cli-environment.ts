/** The CLI's own variables: where the service is and how to reach it, and terminal preferences. */
export interface CliEnvironment {
  /** `AI_TICKET_URL`: the service's base URL when `--server-url` is not given. */
  serverUrl?: string;
  /** `AI_TICKET_TOKEN`: the API token when `--token` is not given (kept out of `ps` and shell history). */
  token?: string;
  /** `NO_COLOR` set to anything but the empty string (https://no-color.org). */
  noColor: boolean;
}

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:5000';

/**
 * Reads the CLI's variables from a raw environment. These are client settings, not the service's
 * configuration, so they are not part of @ai-ticket/config's validated tree (whose validation would
 * also refuse to run `ai-ticket prompt` over an unrelated bad service variable).
 */
export function cliEnvironment(env: Record<string, string | undefined>): CliEnvironment {
  return {
    serverUrl: env.AI_TICKET_URL || undefined,
    token: env.AI_TICKET_TOKEN || undefined,
    noColor: (env.NO_COLOR ?? '') !== '',
  };
}

/** The environment of this process, read once at start-up by main.ts. */
export function processEnvironment(): Record<string, string | undefined> {
  // eslint-disable-next-line no-restricted-properties -- the CLI's own client variables (see cliEnvironment); service configuration still goes through @ai-ticket/config.
  return process.env;
}
