/**
 * The latencies a steady stream of callers would have seen, from those a closed-loop generator measured.
 *
 * With one connection, a generator sends the next request only once the last answer is back, so a
 * 20 ms pause costs it one slow sample, whereas real callers arriving every `expectedIntervalMs` would
 * all have waited behind it (coordinated omission). Like HdrHistogram's `recordCorrectedValue` (what wrk
 * reports), every sample longer than the interval is joined by the ones those callers would have recorded:
 * `latency - interval`, `latency - 2 × interval`, … while still above the interval.
 */
export function correctedForCoordinatedOmission(latenciesMs: readonly number[], expectedIntervalMs: number): number[] {
  if (!(expectedIntervalMs > 0)) throw new Error(`the expected interval must be positive, got ${expectedIntervalMs}`);
  const corrected: number[] = [];
  for (const latency of latenciesMs) {
    corrected.push(latency);
    for (let missed = latency - expectedIntervalMs; missed >= expectedIntervalMs; missed -= expectedIntervalMs) corrected.push(missed);
  }
  return corrected;
}

/** The interval wrk assumes between a connection's requests: the run's mean latency. */
export function meanOf(samples: readonly number[]): number {
  return samples.reduce((sum, sample) => sum + sample, 0) / samples.length;
}
