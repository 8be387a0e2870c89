import { UsageError } from '../cli-failure.exception';
import type { CommandSpec } from '../command.types';
import { ExitCode } from '../exit-code.constants';
import { connectionFailureText, serverUrlFrom } from '../http/server-url.util';
import { JSON_OPTION, SERVER_URL_OPTION } from './common-options';

interface Readiness {
  ready: boolean;
  url: string;
  /** HTTP status of /readyz; null when nothing answered. */
  httpStatus: number | null;
  /** `ready`, `starting`, `draining`, `unavailable` (with `failing`), or `unreachable`. */
  status: string;
  inFlight?: number;
  failing?: string[];
  message?: string;
}

export const healthCommand: CommandSpec = {
  name: 'health',
  usage: '[--server-url URL] [--timeout MS] [--json]',
  description: `Ask the service whether it is ready (GET /readyz) and print its status. Exit 0 only when it answers
200; a service that is starting, draining, or missing a dependency it needs (e.g. its rate-limit store)
exits 3, as does one that does not answer.

--json prints {"ready", "url", "httpStatus", "status", "inFlight"?, "failing"?, "message"?}.`,
  options: [SERVER_URL_OPTION, { name: 'timeout', type: 'string', value: 'MS', description: 'Give up after this many milliseconds (default 5000)' }, JSON_OPTION],
  positionals: { min: 0, max: 0 },
  exitCodes: 'Exit codes: 0 ready, 2 usage error, 3 not ready or unreachable.',
  async run({ values, env, out }) {
    const url = `${serverUrlFrom(values['server-url'], env)}/readyz`;
    const timeoutMs = Number(values.timeout ?? 5000);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError('--timeout must be a positive number of milliseconds');
    const readiness = await probe(url, timeoutMs);
    if (values.json) out.json(readiness);
    else out.line(describe(readiness, out.out));
    return readiness.ready ? ExitCode.Ok : ExitCode.NotReady;
  },
};

async function probe(url: string, timeoutMs: number): Promise<Readiness> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { ready: false, url, httpStatus: null, status: 'unreachable', message: timedOut ? `no answer within ${timeoutMs} ms` : connectionFailureText(error) };
  }
  const body = (await response.json().catch(() => ({}))) as { status?: unknown; inFlight?: unknown; failing?: unknown };
  return {
    ready: response.status === 200,
    url,
    httpStatus: response.status,
    status: typeof body.status === 'string' ? body.status : `http_${response.status}`,
    ...(typeof body.inFlight === 'number' ? { inFlight: body.inFlight } : {}),
    ...(Array.isArray(body.failing) ? { failing: body.failing.map(String) } : {}),
  };
}

function describe(readiness: Readiness, paint: { green(t: string): string; red(t: string): string; yellow(t: string): string }): string {
  if (readiness.ready) return `${paint.green('ready')}: ${readiness.url} (${readiness.inFlight ?? 0} in flight)`;
  if (readiness.httpStatus === null) return `${paint.red('unreachable')}: ${readiness.url}: ${readiness.message}`;
  const failing = readiness.failing?.length ? ` (failing: ${readiness.failing.join(', ')})` : '';
  return `${paint.yellow('not ready')}: ${readiness.status}${failing}: ${readiness.url} answered ${readiness.httpStatus}`;
}
