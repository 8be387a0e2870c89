import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { ManagedChild, type ChildStdout } from './child-process';
import { freePort } from './free-port';
import { BARE_PROXY_SCRIPT, FAKE_UPSTREAM_CLI, GC_OBSERVER, OTLP_SINK_SCRIPT, SERVICE_MAIN } from './paths';
import { PRODUCTION_NODE_ARGS, PRODUCTION_NODE_OPTIONS } from './production-node-options';
import { waitUntilReady } from './readiness';
import { NEVER_TRIPPING_LIMIT } from './variants';

export const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 20_000;

export interface RunningServer {
  readonly child: ManagedChild;
  readonly url: string;
}

/** Node flags and environment that load the bench's GC observer (bench/gc-observer.ts) into a process. */
function gcObserved(gcLog: string | undefined): { args: string[]; env: Record<string, string> } {
  return gcLog ? { args: ['--require', GC_OBSERVER], env: { BENCH_GC_LOG: gcLog } } : { args: [], env: {} };
}

/**
 * The fake upstream in its own process, so its CPU is not the bench's or the service's. `script` is
 * its CLI, or a bench wrapper that takes the same flags and prints the same line.
 */
export async function startFakeUpstream(tokenIntervalMs: number, script = FAKE_UPSTREAM_CLI): Promise<RunningServer> {
  const args = [script, '--host', HOST, '--port', '0', '--token-interval-ms', String(tokenIntervalMs)];
  const child = ManagedChild.spawn('fake upstream', args, { PATH: process.env.PATH }, 'pipe');
  const [, url] = await child.waitForLine(/fake-upstream listening on (\S+)/, START_TIMEOUT_MS);
  return { child, url };
}

/** The calibration target (bench/bare-proxy.ts) in its own process, in front of the same fake. */
export async function startBareProxy(upstreamUrl: string, gcLog?: string): Promise<RunningServer> {
  const observer = gcObserved(gcLog);
  const args = [...observer.args, ...PRODUCTION_NODE_ARGS, BARE_PROXY_SCRIPT, '--upstream', upstreamUrl, '--port', '0'];
  const env = { PATH: process.env.PATH, NODE_ENV: 'production', NODE_OPTIONS: PRODUCTION_NODE_OPTIONS, ...observer.env };
  const child = ManagedChild.spawn('bare proxy', args, env, 'pipe');
  const [, url] = await child.waitForLine(/bare-proxy listening on (\S+)/, START_TIMEOUT_MS);
  return { child, url };
}

/** The tracing variant's collector (bench/otlp-sink.ts) in its own process. */
export async function startOtlpSink(): Promise<RunningServer> {
  const child = ManagedChild.spawn('otlp sink', [OTLP_SINK_SCRIPT, '--port', '0'], { PATH: process.env.PATH }, 'pipe');
  const [, url] = await child.waitForLine(/otlp-sink listening on (\S+)/, START_TIMEOUT_MS);
  return { child, url };
}

export interface ServiceOptions {
  readonly upstreamUrl: string;
  readonly logLevel: 'info' | 'warn' | 'silent';
  readonly nodeArgs: readonly string[];
  readonly logFile: string | undefined;
  /** Names the process in messages; defaults to its log level. */
  readonly name?: string;
  /** Variables on top of the defaults and SERVICE_TUNING (a variant's auth and rate-limit store). */
  readonly env?: Readonly<Record<string, string>>;
  /** Log the process's GC pauses to this file (bench/gc-observer.ts). */
  readonly gcLog?: string;
  /** Run the service inside this cgroup (its `cgroup.procs`), e.g. the memory soak's limited one. */
  readonly cgroupProcs?: string;
  /** Another build's main.js (an A/B against a baseline build); default this repository's dist/. */
  readonly main?: string;
}

/** Gateway tuning for the bench: wide enough that its own queue is never what is measured. */
export const SERVICE_TUNING = {
  UPSTREAM_CONCURRENCY: '64',
  UPSTREAM_QUEUE_SIZE: '1000',
  // A retry would hide an upstream failure from the error check; with none it shows up as a non-2xx.
  UPSTREAM_MAX_RETRIES: '0',
  // The bench is a single client: at the default 120 per minute it would measure 429s. The limiter
  // still runs (its cost is part of what is measured), it just never trips. A variant may override it.
  RATE_LIMIT_REQUESTS: NEVER_TRIPPING_LIMIT,
} as const;

/** The built service exactly as production starts it, with its logs going to `logFile` or /dev/null. */
export async function startService(options: ServiceOptions): Promise<RunningServer> {
  const port = await freePort(HOST);
  const observer = gcObserved(options.gcLog);
  // A clean environment: nothing from the caller's shell (say an UPSTREAM_API_KEY) changes what is measured.
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    NODE_OPTIONS: PRODUCTION_NODE_OPTIONS,
    HOST,
    PORT: String(port),
    LOG_LEVEL: options.logLevel,
    KOBOLDCPP_API_URL: options.upstreamUrl,
    ...SERVICE_TUNING,
    ...options.env,
    ...observer.env,
  };
  const name = options.name ?? `service (LOG_LEVEL=${options.logLevel})`;
  const stdout = logDestination(options.logFile);
  const child = ManagedChild.spawn(name, [...observer.args, ...PRODUCTION_NODE_ARGS, ...options.nodeArgs, options.main ?? SERVICE_MAIN], env, stdout, options.cgroupProcs);
  // The child has its own copy of the descriptor now.
  if (typeof stdout === 'number') closeSync(stdout);
  const url = `http://${HOST}:${port}`;
  await waitUntilReady(child, `${url}/readyz`, START_TIMEOUT_MS);
  return { child, url };
}

function logDestination(logFile: string | undefined): ChildStdout {
  if (!logFile) return 'ignore';
  mkdirSync(dirname(logFile), { recursive: true });
  return openSync(logFile, 'w');
}
