import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { AppConfig, HistoryConfig } from '@ai-ticket/config';
import type { ClientUsage } from './client-usage.util';
import { EventHistoryStore, type FinishedEvent, type HistorySummary } from './event-history.store';
import { RECORDER_LIMITS } from './event-history.constants';
import { EventRecorder } from './event-recorder.service';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);
const MINUTE = 60_000;

/** Keeps what it is given; can fail the next calls, or hold them until released. */
class FakeEventHistoryStore extends EventHistoryStore {
  readonly batches: FinishedEvent[][] = [];
  readonly pruned: number[] = [];
  calls = 0;
  failNext = 0;
  hold: Promise<void> | null = null;

  async record(events: readonly FinishedEvent[]): Promise<void> {
    this.calls += 1;
    await this.hold;
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('connection refused');
    }
    this.batches.push([...events]);
  }

  async summary(): Promise<HistorySummary> {
    throw new Error('not used by the recorder');
  }

  async usage(): Promise<ClientUsage[]> {
    throw new Error('not used by the recorder');
  }

  async prune(before: number): Promise<number> {
    this.pruned.push(before);
    return 0;
  }

  async ping(): Promise<void> {}

  async changeMarker(): Promise<number> {
    return this.batches.flat().length;
  }

  get stored(): FinishedEvent[] {
    return this.batches.flat();
  }
}

/** The same fake, declaring that it records in memory (as the memory store does). */
class InMemoryFakeStore extends FakeEventHistoryStore {
  override readonly recordsInMemory = true;
}

function configWith(history: Partial<HistoryConfig> = {}): ConfigService<AppConfig, true> {
  const settings: HistoryConfig = { backend: 'memory', sqlitePath: 'unused', retentionMs: 15 * MINUTE, storePrompts: false, ...history };
  return { get: (key: string) => (key === 'history' ? settings : undefined) } as unknown as ConfigService<AppConfig, true>;
}

let seq = 0;
const anEvent = (extra: Partial<FinishedEvent> = {}): FinishedEvent => ({ id: `event-${(seq += 1)}`, finishedAt: NOW, latencyMs: 42, outcome: 'success', stream: false, ...extra });

describe(EventRecorder.name, () => {
  let store: FakeEventHistoryStore;
  let sut: EventRecorder;
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  let log: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation();
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation();
    store = new FakeEventHistoryStore();
    sut = new EventRecorder(store, configWith());
  });

  afterEach(async () => {
    store.failNext = 0;
    await sut.onApplicationShutdown();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  const tick = () => jest.advanceTimersByTimeAsync(RECORDER_LIMITS.flushIntervalMs);

  describe('record', () => {
    it('should only buffer: the store is not called on the request path', () => {
      sut.record(anEvent());

      expect(store.calls).toBe(0);
      expect(sut.pending).toBe(1);
    });

    it('should drop the prompt unless prompts are stored', async () => {
      sut.record(anEvent({ prompt: 'secret plans' }));
      await sut.flush();

      expect(store.stored[0]).not.toHaveProperty('prompt');
    });

    it('should keep the prompt when HISTORY_STORE_PROMPTS is on', async () => {
      const recorder = new EventRecorder(store, configWith({ storePrompts: true }));
      recorder.record(anEvent({ prompt: 'tell me a joke' }));
      await recorder.onApplicationShutdown();

      expect(store.stored[0].prompt).toBe('tell me a joke');
    });

    it('should cut messages to 200 characters, never in the middle of a surrogate pair', async () => {
      sut.record(anEvent({ outcome: 'error', message: 'x'.repeat(300) }));
      sut.record(anEvent({ outcome: 'error', message: `${'y'.repeat(199)}😀 and more` }));
      await sut.flush();

      expect(store.stored.map((e) => e.message)).toEqual(['x'.repeat(200), 'y'.repeat(199)]);
    });

    it('should write at once when a full batch is buffered', async () => {
      for (let i = 0; i < RECORDER_LIMITS.batchSize; i += 1) sut.record(anEvent());
      await jest.advanceTimersByTimeAsync(0);

      expect(store.batches.map((b) => b.length)).toEqual([RECORDER_LIMITS.batchSize]);
    });

    it('should bound the buffer, dropping and counting the oldest events', async () => {
      store.failNext = Infinity;
      const events = Array.from({ length: RECORDER_LIMITS.maxBuffered + 10 }, () => anEvent());
      events.forEach((event) => sut.record(event));
      await tick();

      expect(sut.pending).toBe(RECORDER_LIMITS.maxBuffered);
      expect(sut.dropped).toBe(10);
      expect(error).toHaveBeenCalledTimes(1);

      store.failNext = 0;
      await sut.flush();
      expect(store.stored[0].id).toBe(events[10].id);
      expect(sut.flushed).toBe(RECORDER_LIMITS.maxBuffered);
    });
  });

  describe('flush timer', () => {
    it('should write buffered events every 250 ms, in order', async () => {
      const events = [anEvent(), anEvent(), anEvent()];
      events.forEach((event) => sut.record(event));

      await jest.advanceTimersByTimeAsync(RECORDER_LIMITS.flushIntervalMs - 1);
      expect(store.calls).toBe(0);
      await jest.advanceTimersByTimeAsync(1);

      expect(store.batches).toEqual([events]);
      expect(sut).toMatchObject({ pending: 0, flushed: 3 });
    });

    it('should write a backlog in batches of 500', async () => {
      store.failNext = 1;
      for (let i = 0; i < 1_100; i += 1) sut.record(anEvent());
      await tick();
      await tick();

      expect(store.batches.map((b) => b.length)).toEqual([500, 500, 100]);
    });

    it('should run one flush at a time', async () => {
      let release!: () => void;
      store.hold = new Promise((resolve) => (release = resolve));
      sut.record(anEvent());
      void sut.flush();
      await tick();
      await tick();
      sut.record(anEvent());
      void sut.flush();

      expect(store.calls).toBe(1);
      release();
      await sut.flush();
      expect(store.batches.map((b) => b.length)).toEqual([1, 1]);
    });
  });

  describe('store failures', () => {
    it('should keep a failed batch, retry it on the next tick, and log once per incident', async () => {
      store.failNext = 3;
      const event = anEvent();
      sut.record(event);
      for (let i = 0; i < 4; i += 1) await tick();

      expect(store.calls).toBe(4);
      expect(store.batches).toEqual([[event]]);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ msg: expect.any(String), reason: 'connection refused' }));
      expect(log).toHaveBeenCalledTimes(1);

      store.failNext = 1;
      sut.record(anEvent());
      await tick();
      expect(warn).toHaveBeenCalledTimes(2);
    });

    it('should not hammer a failing store from the request path', async () => {
      store.failNext = Infinity;
      for (let i = 0; i < 600; i += 1) sut.record(anEvent());
      await jest.advanceTimersByTimeAsync(0);
      const calls = store.calls;
      for (let i = 0; i < 500; i += 1) sut.record(anEvent());
      await jest.advanceTimersByTimeAsync(0);

      expect(store.calls).toBe(calls);
    });
  });

  describe('with a store that records in memory', () => {
    let inMemory: InMemoryFakeStore;
    let recorder: EventRecorder;

    beforeEach(() => {
      inMemory = new InMemoryFakeStore();
      recorder = new EventRecorder(inMemory, configWith());
    });

    afterEach(() => recorder.onApplicationShutdown());

    it('should write a small batch at the end of the event-loop turn that filled it, with every event of that turn', async () => {
      const events = Array.from({ length: RECORDER_LIMITS.inMemoryBatchSize + 2 }, () => anEvent());
      events.forEach((event) => recorder.record(event));
      expect(inMemory.calls).toBe(0);

      await jest.advanceTimersByTimeAsync(0);

      expect(inMemory.batches).toEqual([events]);
      expect(recorder.pending).toBe(0);
    });

    it('should leave fewer events than a small batch to the timer', async () => {
      recorder.record(anEvent());
      await jest.advanceTimersByTimeAsync(0);
      expect(inMemory.calls).toBe(0);

      await tick();

      expect(inMemory.stored).toHaveLength(1);
    });

    it('should leave retries to the timer once the store has failed', async () => {
      const batch = () => Array.from({ length: RECORDER_LIMITS.inMemoryBatchSize }, () => anEvent());
      inMemory.failNext = 1;
      batch().forEach((event) => recorder.record(event));
      await jest.advanceTimersByTimeAsync(0);
      batch().forEach((event) => recorder.record(event));
      await jest.advanceTimersByTimeAsync(0);
      expect(inMemory.calls).toBe(1);

      await tick();

      expect(inMemory.calls).toBe(2);
      expect(inMemory.stored).toHaveLength(2 * RECORDER_LIMITS.inMemoryBatchSize);
    });
  });

  describe('onFlushed', () => {
    it('should tell listeners about each persisted batch, until they unsubscribe', async () => {
      const seen: string[][] = [];
      const unsubscribe = sut.onFlushed((batch) => seen.push(batch.map((e) => e.id)));
      const first = anEvent();
      sut.record(first);
      await sut.flush();
      unsubscribe();
      sut.record(anEvent());
      await sut.flush();

      expect(seen).toEqual([[first.id]]);
    });

    it('should not report a batch the store refused, and survive a throwing listener', async () => {
      const seen: number[] = [];
      sut.onFlushed(() => {
        throw new Error('listener bug');
      });
      sut.onFlushed((batch) => seen.push(batch.length));
      store.failNext = 1;
      sut.record(anEvent());
      await sut.flush();
      expect(seen).toEqual([]);

      await sut.flush();
      expect(seen).toEqual([1]);
      expect(error).toHaveBeenCalledWith(expect.objectContaining({ reason: 'listener bug' }));
    });
  });

  describe('prune', () => {
    it.each([
      ['the retention window', 60 * MINUTE, 60 * MINUTE],
      ['the 24 sparkline minutes when retention is shorter', 15 * MINUTE, 24 * MINUTE],
    ])('should prune every minute, keeping %s', async (_case, retentionMs, keptMs) => {
      const own = new FakeEventHistoryStore();
      const recorder = new EventRecorder(own, configWith({ retentionMs }));
      await jest.advanceTimersByTimeAsync(MINUTE);
      await recorder.onApplicationShutdown();

      expect(own.pruned).toEqual([NOW + MINUTE - keptMs]);
    });
  });

  describe('onApplicationShutdown', () => {
    it('should write everything buffered before resolving', async () => {
      for (let i = 0; i < 1_234; i += 1) sut.record(anEvent());

      await sut.onApplicationShutdown();

      expect(store.stored).toHaveLength(1_234);
      expect(sut.pending).toBe(0);
    });

    it('should retry a store that fails at shutdown', async () => {
      store.failNext = 2;
      sut.record(anEvent());

      const shutdown = sut.onApplicationShutdown();
      await jest.advanceTimersByTimeAsync(1_000);
      await shutdown;

      expect(store.stored).toHaveLength(1);
    });

    it('should report the events a failing store made it lose', async () => {
      store.failNext = Infinity;
      sut.record(anEvent());

      const shutdown = sut.onApplicationShutdown();
      await jest.advanceTimersByTimeAsync(1_000);
      await shutdown;

      expect(error).toHaveBeenCalledWith(expect.objectContaining({ lost: 1 }));
    });

    it('should leave no timer behind', async () => {
      await sut.onApplicationShutdown();

      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
