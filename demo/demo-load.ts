/**
 * A short generated load for the demo, so the dashboard has events, latencies and a stream to show the moment
 * it opens: a couple of dozen events over a few seconds, one in five streamed.
 */
const PROMPTS = [
  'Write a haiku about queues',
  'Summarise the plot of Hamlet in one line',
  'Name three uses of a rate limiter',
  'Explain backpressure to a five-year-old',
  'Translate "good morning" into French',
];

export interface DemoLoadResult {
  sent: number;
  ok: number;
  failed: number;
}

export async function runDemoLoad(baseUrl: string, events = 24, durationMs = 4000): Promise<DemoLoadResult> {
  const result: DemoLoadResult = { sent: 0, ok: 0, failed: 0 };
  const gapMs = durationMs / events;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < events; i += 1) {
    const stream = i % 5 === 4;
    result.sent += 1;
    inFlight.push(
      fetch(`${baseUrl}/event`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: PROMPTS[i % PROMPTS.length], stream }),
      }).then(
        // The body is read to the end so a stream counts only once it has finished.
        async (res) => {
          await res.text();
          if (res.ok) result.ok += 1;
          else result.failed += 1;
        },
        () => {
          result.failed += 1;
        },
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  await Promise.all(inFlight);
  return result;
}
