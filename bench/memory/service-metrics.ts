/** The few numbers the soak reads from the service's Prometheus endpoint. */
export interface ServiceMetrics {
  /** Events whose client left before the answer was complete. */
  readonly clientDisconnected: number;
  /** Events answered successfully. */
  readonly successes: number;
  /** Events in all, whatever the outcome. */
  readonly events: number;
  readonly heapUsedBytes: number | undefined;
  /** What V8 has reserved for its heap: RSS follows this, not heap used. */
  readonly heapTotalBytes: number | undefined;
  /** Buffers and other memory outside the V8 heap that JS objects hold. */
  readonly externalBytes: number | undefined;
}

const NAMESPACE = 'ai_ticket';

/** Reads `/metrics` (public by default: METRICS_REQUIRE_AUTH=false). */
export async function readServiceMetrics(serviceUrl: string, headers: Readonly<Record<string, string>>): Promise<ServiceMetrics> {
  const response = await fetch(`${serviceUrl}/metrics`, { headers, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`/metrics answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  return parseMetrics(text);
}

export function parseMetrics(text: string): ServiceMetrics {
  let clientDisconnected = 0;
  let successes = 0;
  let events = 0;
  let heapUsedBytes: number | undefined;
  let heapTotalBytes: number | undefined;
  let externalBytes: number | undefined;
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const [, name, labels = '', raw] = match;
    const value = Number(raw);
    if (name === `${NAMESPACE}_events_total`) {
      events += value;
      if (labels.includes('error_code="client_disconnected"')) clientDisconnected += value;
      if (labels.includes('outcome="success"')) successes += value;
    } else if (name === `${NAMESPACE}_nodejs_heap_size_used_bytes`) {
      heapUsedBytes = value;
    } else if (name === `${NAMESPACE}_nodejs_heap_size_total_bytes`) {
      heapTotalBytes = value;
    } else if (name === `${NAMESPACE}_nodejs_external_memory_bytes`) {
      externalBytes = value;
    }
  }
  return { clientDisconnected, successes, events, heapUsedBytes, heapTotalBytes, externalBytes };
}
