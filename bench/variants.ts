import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The service configurations the load scenarios compare with calling the fake directly: everything
 * off, bearer-token auth with the rate limiter in each store, and auth+memory with tracing on (every
 * event sampled, exported to a local collector). Limits are on but never trip.
 */
export const VARIANT_IDS = ['off', 'auth+memory', 'auth+sqlite', 'auth+redis', 'auth+memory+tracing'] as const;
export type VariantId = (typeof VARIANT_IDS)[number];

/** Far above anything one run sends within a window: the limiter counts every request, it just never refuses one. */
export const NEVER_TRIPPING_LIMIT = '10000000';

export interface Variant {
  readonly id: VariantId;
  /** Environment on top of the common service settings. */
  readonly env: Readonly<Record<string, string>>;
  /** Bearer token the load generator sends, when auth is on. */
  readonly token: string | undefined;
  /** What the report says about the configuration. */
  readonly description: string;
}

/** Builds a variant; `scratchDir` holds the SQLite file, `otlpUrl` is the tracing variant's collector. Fresh token and client name every time. */
export function variantOf(id: VariantId, scratchDir: string, redisUrl: string, otlpUrl = ''): Variant {
  if (id === 'off') {
    return { id, env: { RATE_LIMIT_REQUESTS: '0' }, token: undefined, description: 'no tokens (auth off), `RATE_LIMIT_REQUESTS=0` (limiter skipped)' };
  }
  const token = randomBytes(24).toString('base64url');
  // A fresh client name per run: a Redis window left by an earlier run (it lives 60 s) cannot count here.
  const client = `bench-${randomBytes(4).toString('hex')}`;
  const auth = { AI_TICKET_AUTH_TOKEN: `${client}=${token}`, RATE_LIMIT_REQUESTS: NEVER_TRIPPING_LIMIT };
  if (id === 'auth+memory') {
    return { id, env: { ...auth, RATE_LIMIT_BACKEND: 'memory' }, token, description: 'bearer token, in-memory limiter' };
  }
  if (id === 'auth+memory+tracing') {
    // Always on, the worst case: every event makes its spans and exports them (OTLP protobuf, batched).
    const tracing = { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl, OTEL_TRACES_SAMPLER: 'always_on' };
    return { id, env: { ...auth, RATE_LIMIT_BACKEND: 'memory', ...tracing }, token, description: `auth+memory with tracing on: every event sampled, OTLP/HTTP protobuf to a local sink (${otlpUrl})` };
  }
  if (id === 'auth+sqlite') {
    const path = join(scratchDir, 'rate-limit.sqlite');
    return { id, env: { ...auth, RATE_LIMIT_BACKEND: 'sqlite', RATE_LIMIT_SQLITE_PATH: path }, token, description: 'bearer token, SQLite limiter (WAL, file in a temp dir)' };
  }
  return { id, env: { ...auth, RATE_LIMIT_BACKEND: 'redis', REDIS_URL: redisUrl }, token, description: `bearer token, Redis limiter (${redactUrl(redisUrl)})` };
}

/** A temp directory for the variants' files, and its removal. */
export function scratchDirectory(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'ai-ticket-bench-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Undefined when Redis answers PING at `url`, else why not (plain RESP over TCP: no client library needed). */
export function redisUnavailable(url: string, timeoutMs = 1_000): Promise<string | undefined> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:') return Promise.resolve(`only redis:// URLs are checked, got ${parsed.protocol}`);
  return new Promise((resolve) => {
    const socket = createConnection({ host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || 6379) });
    const done = (reason: string | undefined): void => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer from ${redactUrl(url)} within ${timeoutMs} ms`));
    socket.once('error', (error) => done(`${redactUrl(url)}: ${error.message}`));
    socket.once('connect', () => {
      const password = decodeURIComponent(parsed.password);
      const user = decodeURIComponent(parsed.username) || 'default';
      socket.write(password ? `AUTH ${user} ${password}\r\nPING\r\n` : 'PING\r\n');
    });
    let reply = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      reply += chunk;
      if (reply.includes('+PONG')) done(undefined);
      else if (reply.startsWith('-') && reply.includes('\r\n')) done(`${redactUrl(url)} answered ${reply.trim()}`);
    });
  });
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}
