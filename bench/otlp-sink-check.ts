/** Exports and bytes the bench's OTLP sink has received (bench/otlp-sink.ts, GET /stats). */
export interface SinkStats {
  exports: number;
  bytes: number;
}

export async function sinkStats(sinkUrl: string): Promise<SinkStats> {
  const response = await fetch(`${sinkUrl}/stats`, { signal: AbortSignal.timeout(5_000) });
  return (await response.json()) as SinkStats;
}

/**
 * Proves the tracing variant exports before it is measured: its probe's spans must reach the sink
 * within the batch processor's delay (5 s by default) plus a margin.
 */
export async function waitForExport(sinkUrl: string, name: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await sinkStats(sinkUrl)).exports > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name}: no span export reached the OTLP sink within ${timeoutMs} ms (is tracing on?)`);
}
