import { randomUUID } from 'node:crypto';
import { MemoryEventHistoryStore } from './memory-event-history.store';

describe(MemoryEventHistoryStore.name, () => {
  const NOW = Date.UTC(2026, 0, 1, 12, 0, 30);
  const query = { now: NOW, retentionMs: 900_000, sparklineMinutes: 24, recentErrorLimit: 10 };
  const event = (outcome: 'success' | 'error', i: number) => ({
    id: randomUUID(),
    finishedAt: NOW - 1000 + i,
    latencyMs: 5,
    outcome,
    ...(outcome === 'error' ? { errorCode: 'api_server_error', message: `failure ${i}` } : {}),
    stream: false,
  });

  describe('record', () => {
    it('should keep only the newest events and errors, while the totals and aggregates count them all', async () => {
      const sut = new MemoryEventHistoryStore(100, 20);
      const first = event('success', 0);
      await sut.record([first]);

      for (let batch = 0; batch < 10; batch += 1) {
        await sut.record(Array.from({ length: 50 }, (_, i) => event(i % 2 === 0 ? 'success' : 'error', batch * 50 + i + 1)));
      }
      const summary = await sut.summary(query);

      expect(sut.storedPrompt(first.id)).toBeUndefined();
      expect(summary.totals).toEqual({ requests: 501, successes: 251, errors: 250 });
      expect(summary.sparkline[23]).toBe(501);
      expect(summary.recentErrors[0].message).toBe('failure 500');
    });
  });
});
