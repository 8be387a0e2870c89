import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventRecorder } from '../../src/metrics/history/event-recorder.service';

/**
 * The first client's row of `GET /api/usage`, once it counts `requests` events: a call counted by the
 * upstream's tokencount reaches the history only after its answer, so the test polls for it.
 */
export async function settledUsage(app: NestFastifyApplication, headers: Record<string, string>, requests: number, timeoutMs = 5_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await app.get(EventRecorder).flush();
    const [usage] = (await app.inject({ method: 'GET', url: '/api/usage', headers })).json().clients as Record<string, unknown>[];
    if (usage?.requests === requests) return usage;
    if (Date.now() > deadline) throw new Error(`usage of ${requests} requests not recorded in time: ${JSON.stringify(usage)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
