import autocannon from 'autocannon';

/** Load on one replica: `connections` keep-alive connections sending `POST /event {"content": prompt}`. */
export interface ReplicaLoad {
  readonly url: string;
  readonly connections: number;
  readonly prompt: string;
}

/** One answer: which replica and connection, its HTTP status, how long it took and when it came (performance.now()). */
export interface Answer {
  readonly replica: number;
  /** Numbered per replica in the order the connections first answered. */
  readonly connection: number;
  readonly status: number;
  readonly latencyMs: number;
  readonly at: number;
}

export interface FleetLoadResult {
  readonly startedAt: number;
  readonly answers: readonly Answer[];
  /** Connection errors and timeouts, over every replica (a request cut by the end of the run is neither). */
  readonly errors: number;
  readonly timeouts: number;
}

export interface RunningFleetLoad {
  readonly startedAt: number;
  /** Grows as answers come. */
  readonly answers: readonly Answer[];
  /** Ends the load early (requests in flight are cut). */
  stop(): void;
  readonly finished: Promise<FleetLoadResult>;
}

/**
 * Loads every replica at once, one autocannon instance each, for `seconds` (or until stopped), and
 * records every answer whatever its status: the fleet measurements report all of them rather than
 * stopping at the first, and decide afterwards what fails the bench.
 */
export function startFleetLoad(loads: readonly ReplicaLoad[], seconds: number, timeoutSeconds: number): RunningFleetLoad {
  const answers: Answer[] = [];
  const startedAt = performance.now();
  const instances = loads.map((load, replica) => {
    const instance = autocannon({
      url: `${load.url}/event`,
      connections: load.connections,
      duration: seconds,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: load.prompt }),
      timeout: timeoutSeconds,
    });
    const connections = new Map<unknown, number>();
    instance.on('response', (client: unknown, status: number, _bytes: number, latencyMs: number) => {
      let connection = connections.get(client);
      if (connection === undefined) connections.set(client, (connection = connections.size));
      answers.push({ replica, connection, status, latencyMs, at: performance.now() });
    });
    return instance;
  });
  const finished = Promise.all(instances).then((results) => ({
    startedAt,
    answers,
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    timeouts: results.reduce((sum, result) => sum + result.timeouts, 0),
  }));
  return { startedAt, answers, stop: () => instances.forEach((instance) => instance.stop()), finished };
}

/** Answers per HTTP status, e.g. `{ "200": 812 }`. */
export function statusCounts(answers: readonly Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/** `connections` spread as evenly as possible over `replicas`, the first ones taking the remainder. */
export function spread(connections: number, replicas: number): number[] {
  return Array.from({ length: replicas }, (_, i) => Math.floor(connections / replicas) + (i < connections % replicas ? 1 : 0));
}
