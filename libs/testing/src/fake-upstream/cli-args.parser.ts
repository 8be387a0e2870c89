import type { FakeUpstreamOptions } from './fake-upstream.types';

export const CLI_USAGE =
  'usage: fake-upstream [--port N (5001)] [--host H (127.0.0.1)] [--token-interval-ms N (0)] [--slots N (no limit)] [--generation-delay-ms N (0)] [--usage on|off (on)] [--tokencount on|off (on)]';

/** What the CLI passes to FakeUpstream.start: every option has a value except `slots`, whose absence means no limit. */
export type CliOptions = Required<Omit<FakeUpstreamOptions, 'slots'>> & Pick<FakeUpstreamOptions, 'slots'>;

/** Reads `--name value` and `--name=value` flags; throws with the usage on anything else. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { host: '127.0.0.1', port: 5001, tokenIntervalMs: 0, generationDelayMs: 0, reportUsage: true, tokenCount: true };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = splitFlag(argv[i]);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value\n${CLI_USAGE}`);
    if (flag === '--host') options.host = value;
    else if (flag === '--port') options.port = wholeNumber(flag, value);
    else if (flag === '--token-interval-ms') options.tokenIntervalMs = wholeNumber(flag, value);
    else if (flag === '--slots') options.slots = wholeNumber(flag, value, 1);
    else if (flag === '--generation-delay-ms') options.generationDelayMs = wholeNumber(flag, value);
    else if (flag === '--usage') options.reportUsage = onOff(flag, value);
    else if (flag === '--tokencount') options.tokenCount = onOff(flag, value);
    else throw new Error(`unknown argument ${flag}\n${CLI_USAGE}`);
  }
  return options;
}

function splitFlag(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=');
  return equals === -1 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
}

function wholeNumber(flag: string, value: string, min = 0): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    throw new Error(`${flag} must be a whole number of at least ${min}, got "${value}"\n${CLI_USAGE}`);
  }
  return n;
}

function onOff(flag: string, value: string): boolean {
  if (value === 'on' || value === 'off') return value === 'on';
  throw new Error(`${flag} must be on or off, got "${value}"\n${CLI_USAGE}`);
}
