/** What one `npm run bench` does; every knob has a default so the plain command needs none. */
export interface BenchSettings {
  /** Measured runs per target and scenario; the report shows their median. */
  readonly runs: number;
  /** Length of one throughput run. */
  readonly seconds: number;
  /** Length of one 1-connection latency run (short: it collects thousands of samples a second). */
  readonly latencySeconds: number;
  /** Unmeasured load on each target before a scenario's first run (JIT, connection pools). */
  readonly warmupSeconds: number;
  readonly throughputConnections: number;
  /** Sequential streamed requests per target for time to first token. */
  readonly streamRequests: number;
  /** Pause between the fake's streamed tokens, so the stream really arrives token by token. */
  readonly tokenIntervalMs: number;
  /** Also measure a second service with LOG_LEVEL=silent, to show what request logging costs. */
  readonly compareSilent: boolean;
  /** Extra node flags for the service process, e.g. `--cpu-prof --cpu-prof-dir=test-output/prof`. */
  readonly serviceNodeArgs: readonly string[];
  /** Where the service's stdout (its JSON logs) goes; /dev/null unless set. */
  readonly serviceLogFile: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

export function readSettings(env: Env): BenchSettings {
  return {
    runs: wholeNumber(env, 'BENCH_RUNS', 3, 1),
    seconds: wholeNumber(env, 'BENCH_SECONDS', 10, 1),
    latencySeconds: wholeNumber(env, 'BENCH_LATENCY_SECONDS', 5, 1),
    warmupSeconds: wholeNumber(env, 'BENCH_WARMUP_SECONDS', 3, 1),
    throughputConnections: 64,
    streamRequests: wholeNumber(env, 'BENCH_STREAM_REQUESTS', 200, 1),
    tokenIntervalMs: wholeNumber(env, 'BENCH_TOKEN_INTERVAL_MS', 1, 0),
    compareSilent: env.BENCH_COMPARE_SILENT === '1',
    serviceNodeArgs: (env.BENCH_SERVICE_NODE_ARGS ?? '').split(/\s+/).filter((arg) => arg !== ''),
    serviceLogFile: env.BENCH_SERVICE_LOG_FILE || undefined,
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
