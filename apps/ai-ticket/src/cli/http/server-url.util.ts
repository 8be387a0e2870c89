import { DEFAULT_SERVER_URL, type CliEnvironment } from '../cli-environment';
import { UsageError } from '../cli-failure.exception';

/**
 * The service's base URL: `--server-url`, else `AI_TICKET_URL`, else the local default. A path prefix
 * (an ingress sub-path) is kept; the trailing slash is not, so `${base}/event` is always right.
 */
export function serverUrlFrom(flag: string | boolean | undefined, env: CliEnvironment): string {
  const raw = typeof flag === 'string' ? flag : (env.serverUrl ?? DEFAULT_SERVER_URL);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`invalid server URL "${raw}" (expected http://host:port or https://host)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`invalid server URL "${raw}": only http and https are supported`);
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

/** Why a request never got an answer, in words (fetch hides the cause behind "fetch failed"). */
export function connectionFailureText(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}
