import { VARIANT_IDS, type VariantId } from './variants';

/** The suites `npm run bench` runs, in order. */
export const SUITES = ['load', 'openai', 'memory', 'fleet'] as const;
export type Suite = (typeof SUITES)[number];

/** What one `npm run bench` does; every knob has a default so the plain command needs none. */
export interface BenchSettings {
  readonly suites: readonly Suite[];
  /** Measured runs per target and scenario; the report shows their median. */
  readonly runs: number;
  /** Length of one throughput run. */
  readonly seconds: number;
  /** Length of one 1-connection latency run (short: it collects thousands of samples a second). */
  readonly latencySeconds: number;
  /** Unmeasured load on each target before a scenario's first run (JIT, connection pools). */
  readonly warmupSeconds: number;
  readonly throughputConnections: number;
  /** Service configurations measured against the direct baseline. */
  readonly variants: readonly VariantId[];
  /** Where the auth+redis variant finds Redis; it is skipped, with the reason printed, if none answers. */
  readonly redisUrl: string;
  /** Sequential streamed requests per target for time to first token. */
  readonly streamRequests: number;
  /** Pause between the fake's streamed tokens, so the stream really arrives token by token. */
  readonly tokenIntervalMs: number;
  /** Also measure a service with LOG_LEVEL=silent (variant off), to show what request logging costs. */
  readonly compareSilent: boolean;
  /** Another build's main.js, measured as auth+memory beside this build's (an A/B in one run), if set. */
  readonly baselineMain: string | undefined;
  /** Extra node flags for the service processes, e.g. `--cpu-prof --cpu-prof-dir=test-output/prof`. */
  readonly serviceNodeArgs: readonly string[];
  /** Where the services' stdout (their JSON logs) goes; /dev/null unless set (one file per variant). */
  readonly serviceLogFile: string | undefined;
  /** Extra environment for every service process, e.g. `MALLOC_ARENA_MAX=2` (for diagnosis, not the numbers). */
  readonly serviceEnv: Readonly<Record<string, string>>;
  readonly soak: SoakSettings;
  readonly fleet: FleetSettings;
}

/** The resident-memory soak: many requests, some of them streams the client aborts. */
export interface SoakSettings {
  /** Requests in all, aborted streams included. */
  readonly requests: number;
  /** One request in this many is a stream the client aborts after its first token. */
  readonly abortEvery: number;
  /** autocannon connections for the plain events. */
  readonly connections: number;
  /** Aborted streams in flight at most (each on its own connection, as separate clients). */
  readonly streamsInFlight: number;
  /** RSS is still sampled this long after the last request. */
  readonly afterSeconds: number;
  /** Token pause of the soak's fake: a full stream lasts 20 × this, so the abort lands mid-stream. */
  readonly tokenIntervalMs: number;
  /** PASS when the second-half slope stays below this (MiB per 100,000 requests). */
  readonly maxSlopeMiBPer100k: number;
  /** Take heap snapshots of the service at 50 % and 100 % (slow; for finding a leak, not for numbers). */
  readonly heapSnapshots: boolean;
  /** Run the service in a memory cgroup of this many MiB, as a container limit would (BENCH_SOAK_MEMORY_LIMIT_MIB). */
  readonly memoryLimitMiB: number | undefined;
}

/** The upstream-fleet suite: replicas sharing slots in Redis, in front of single-slot fakes. */
export interface FleetSettings {
  /** Service replicas in the hand-over and throughput measurements. */
  readonly replicas: number;
  /** Consecutive generations timed at the fake for the hand-over delay, per configuration. */
  readonly handoverGenerations: number;
  /** How long each hand-over generation holds the fake's one slot. */
  readonly handoverGenerationMs: number;
  /** Connections per replica in the hand-over measurement: enough that every replica always has an event waiting. */
  readonly handoverConnectionsPerReplica: number;
  /** Single-slot fakes behind the replicas in the throughput measurement. */
  readonly upstreams: number;
  /** How long each throughput generation holds its fake's slot; the ideal rate is upstreams / this. */
  readonly generationMs: number;
  /** Connections in all, spread over the replicas, in the throughput measurement. */
  readonly connections: number;
  /** Measured length of a throughput run, after `warmupSeconds` of the same load. */
  readonly seconds: number;
  readonly warmupSeconds: number;
}

type Env = Readonly<Record<string, string | undefined>>;

export function readSettings(env: Env): BenchSettings {
  return {
    suites: listOf(env, 'BENCH_SUITES', SUITES, SUITES),
    runs: wholeNumber(env, 'BENCH_RUNS', 2, 1),
    seconds: wholeNumber(env, 'BENCH_SECONDS', 6, 1),
    latencySeconds: wholeNumber(env, 'BENCH_LATENCY_SECONDS', 3, 1),
    warmupSeconds: wholeNumber(env, 'BENCH_WARMUP_SECONDS', 2, 1),
    throughputConnections: 64,
    variants: listOf(env, 'BENCH_VARIANTS', VARIANT_IDS, VARIANT_IDS),
    redisUrl: env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
    streamRequests: wholeNumber(env, 'BENCH_STREAM_REQUESTS', 200, 1),
    tokenIntervalMs: wholeNumber(env, 'BENCH_TOKEN_INTERVAL_MS', 1, 0),
    compareSilent: env.BENCH_COMPARE_SILENT === '1',
    baselineMain: env.BENCH_BASELINE_MAIN || undefined,
    serviceNodeArgs: (env.BENCH_SERVICE_NODE_ARGS ?? '').split(/\s+/).filter((arg) => arg !== ''),
    serviceLogFile: env.BENCH_SERVICE_LOG_FILE || undefined,
    serviceEnv: assignments(env, 'BENCH_SERVICE_ENV'),
    soak: {
      requests: wholeNumber(env, 'BENCH_SOAK_REQUESTS', 500_000, 1_000),
      abortEvery: wholeNumber(env, 'BENCH_SOAK_ABORT_EVERY', 20, 2),
      connections: wholeNumber(env, 'BENCH_SOAK_CONNECTIONS', 64, 1),
      streamsInFlight: wholeNumber(env, 'BENCH_SOAK_STREAMS_IN_FLIGHT', 16, 1),
      afterSeconds: wholeNumber(env, 'BENCH_SOAK_AFTER_SECONDS', 30, 1),
      tokenIntervalMs: wholeNumber(env, 'BENCH_SOAK_TOKEN_INTERVAL_MS', 50, 1),
      maxSlopeMiBPer100k: 5,
      heapSnapshots: env.BENCH_SOAK_HEAP_SNAPSHOTS === '1',
      memoryLimitMiB: env.BENCH_SOAK_MEMORY_LIMIT_MIB ? wholeNumber(env, 'BENCH_SOAK_MEMORY_LIMIT_MIB', 0, 32) : undefined,
    },
    fleet: {
      replicas: wholeNumber(env, 'BENCH_FLEET_REPLICAS', 3, 2),
      handoverGenerations: wholeNumber(env, 'BENCH_FLEET_HANDOVER_GENERATIONS', 400, 50),
      handoverGenerationMs: 20,
      handoverConnectionsPerReplica: 3,
      upstreams: 4,
      generationMs: 50,
      connections: wholeNumber(env, 'BENCH_FLEET_CONNECTIONS', 32, 2),
      seconds: wholeNumber(env, 'BENCH_FLEET_SECONDS', 10, 2),
      warmupSeconds: 3,
    },
  };
}

function wholeNumber(env: Env, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  // A typo must not silently run a different benchmark than the one asked for.
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be a whole number >= ${min}, got "${raw}"`);
  return value;
}

/** `KEY=value KEY2=value2` as an object; anything else is an error. */
function assignments(env: Env, name: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of (env[name] ?? '').split(/\s+/).filter((part) => part !== '')) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(item);
    if (!match) throw new Error(`${name} must be KEY=value pairs separated by spaces; got "${item}"`);
    result[match[1]] = match[2];
  }
  return result;
}

/** A comma-separated subset of `allowed`, in the order given; anything unknown is an error, not ignored. */
function listOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: readonly T[]): readonly T[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (unknown.length > 0 || items.length === 0) throw new Error(`${name} must list some of ${allowed.join(', ')}; got "${raw}"`);
  return [...new Set(items)] as T[];
}
