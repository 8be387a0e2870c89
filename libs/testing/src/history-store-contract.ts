import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

/** The shapes of the event-history port (apps/…/event-history.store.ts), as the contract needs them. */
export interface ContractEvent {
  id: string;
  finishedAt: number;
  latencyMs: number;
  outcome: 'success' | 'error';
  errorCode?: string;
  message?: string;
  prompt?: string;
  stream: boolean;
  client?: string;
  usage?: { promptTokens: number; completionTokens: number; estimated: boolean };
}

export interface ContractClientUsage {
  client: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  estimatedRequests: number;
}

export interface ContractSummary {
  totals: { requests: number; successes: number; errors: number };
  latency: { average: number; p50: number; p95: number; p99: number };
  throughput: { perSecond: number; perMinute: number };
  sparkline: number[];
  recentErrors: Array<{ id: string; code: string; message: string; timestamp: string }>;
}

export interface HistoryContractStore {
  record(events: readonly ContractEvent[]): Promise<void>;
  changeMarker(): Promise<number>;
  summary(query: { now: number; retentionMs: number; sparklineMinutes: number; recentErrorLimit: number }): Promise<ContractSummary>;
  prune(before: number): Promise<number>;
  usage(query: { from: number; to: number }): Promise<ContractClientUsage[]>;
  ping(): Promise<void>;
}

export interface HistoryStoreUnderTest {
  store: HistoryContractStore;
  /** The prompt stored with an event, read behind the store's back: null without one, undefined without the event. */
  storedPrompt(id: string): Promise<string | null | undefined>;
  /** A second store on the same database, as another replica opens it (databases only). */
  openPeer?(): Promise<{ store: HistoryContractStore; close(): Promise<void> }>;
  /** Closes the store and opens it again on the same database (databases only). */
  reopen?(): Promise<HistoryContractStore>;
  /** Closes connections and removes files or schemas. */
  dispose(): Promise<void>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** 30 s into a minute, so "the current minute" and "the last full minute" are unambiguous. */
const NOW = Date.UTC(2025, 0, 1, 12, 0, 30);
const QUERY = { now: NOW, retentionMs: HOUR, sparklineMinutes: 24, recentErrorLimit: 10 };

const ok = (finishedAt: number, latencyMs = 100, extra: Partial<ContractEvent> = {}): ContractEvent => ({ id: randomUUID(), finishedAt, latencyMs, outcome: 'success', stream: false, ...extra });
const failed = (finishedAt: number, extra: Partial<ContractEvent> = {}): ContractEvent =>
  ok(finishedAt, 50, { outcome: 'error', errorCode: 'upstream_timeout', message: 'The upstream did not answer in time', ...extra });
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

/**
 * The behaviour every event-history store must have, run against each adapter with `describe.each`.
 * `open` is called once per test and must give a store on an empty database of its own; `persistent`
 * stores must offer `reopen`.
 */
export function historyStoreContract(open: () => Promise<HistoryStoreUnderTest>, { persistent }: { persistent: boolean }): void {
  let sut: HistoryStoreUnderTest;
  beforeEach(async () => {
    sut = await open();
  });
  afterEach(() => sut.dispose());

  it('should answer a ping while it is usable', async () => {
    await expect(sut.store.ping()).resolves.toBeUndefined();
  });

  it('should summarize an empty store as zeros', async () => {
    expect(await sut.store.summary(QUERY)).toEqual({
      totals: { requests: 0, successes: 0, errors: 0 },
      latency: { average: 0, p50: 0, p95: 0, p99: 0 },
      throughput: { perSecond: 0, perMinute: 0 },
      sparkline: new Array(24).fill(0),
      recentErrors: [],
    });
  });

  it('should count all-time totals, older than the retention window included', async () => {
    await sut.store.record([ok(NOW), ok(NOW - 1000), ok(NOW - 3 * HOUR), failed(NOW), failed(NOW - 5 * MINUTE)]);

    expect((await sut.store.summary(QUERY)).totals).toEqual({ requests: 5, successes: 3, errors: 2 });
  });

  it('should average latency exactly and estimate percentiles within their bucket', async () => {
    await sut.store.record(times(1000, (i) => ok(NOW - (i % 20) * 1000, i + 1)));

    const { latency } = await sut.store.summary(QUERY);

    expect(latency.average).toBeCloseTo(500.5, 6);
    // Evenly spread latencies interpolate to the true percentiles; buckets (250, 500] and (500, 1000].
    expect(latency.p50).toBeCloseTo(500, 6);
    expect(latency.p95).toBeCloseTo(950, 6);
    expect(latency.p99).toBeCloseTo(990, 6);
  });

  it('should leave events older than the retention window out of latency', async () => {
    await sut.store.record([ok(NOW, 20), ok(NOW - 10 * MINUTE, 40), ok(NOW - 2 * HOUR, 60_000)]);

    const { latency } = await sut.store.summary(QUERY);

    expect(latency.average).toBeCloseTo(30, 6);
    expect(latency.p99).toBeLessThanOrEqual(50);
  });

  it('should report throughput over the last 60 s: this minute so far plus the overlapping share of the previous', async () => {
    const previousMinute = Math.floor(NOW / MINUTE) * MINUTE - MINUTE;
    await sut.store.record([...times(120, (i) => ok(previousMinute + i * 400)), ...times(30, () => ok(NOW)), ...times(50, () => ok(previousMinute - 1))]);

    // NOW is 30 s into its minute: 30 events now + half of the previous minute's 120; older minutes do not count.
    expect((await sut.store.summary(QUERY)).throughput).toEqual({ perSecond: 1.5, perMinute: 90 });
  });

  it('should give a sparkline of per-minute counts, oldest first, with zeros for empty minutes', async () => {
    await sut.store.record([...times(2, () => ok(NOW)), ...times(4, () => ok(NOW - 3 * MINUTE)), ok(NOW - 23 * MINUTE), ...times(7, () => ok(NOW - 24 * MINUTE))]);

    const { sparkline } = await sut.store.summary(QUERY);

    const expected = new Array(24).fill(0);
    [expected[0], expected[20], expected[23]] = [1, 4, 2];
    expect(sparkline).toEqual(expected);
  });

  it('should list recent errors newest first, up to the limit, within the retention window', async () => {
    const errors = times(5, (i) => failed(NOW - i * 1000, { errorCode: `code_${i}`, message: `message ${i}` }));
    await sut.store.record([...errors.slice().reverse(), ok(NOW), failed(NOW - 2 * HOUR)]);

    const { recentErrors } = await sut.store.summary({ ...QUERY, recentErrorLimit: 3 });

    expect(recentErrors).toEqual(errors.slice(0, 3).map((e) => ({ id: e.id, code: e.errorCode, message: e.message, timestamp: new Date(e.finishedAt).toISOString() })));
  });

  it('should store a prompt only when the event has one', async () => {
    const withPrompt = ok(NOW, 100, { prompt: 'Write a haiku about queues' });
    const without = ok(NOW);
    await sut.store.record([withPrompt, without]);

    expect(await sut.storedPrompt(withPrompt.id)).toBe('Write a haiku about queues');
    expect(await sut.storedPrompt(without.id)).toBeNull();
  });

  it('should prune old events and minutes, keeping the totals and newer data', async () => {
    const old = failed(NOW - 2 * HOUR, { prompt: 'old' });
    await sut.store.record([old, ok(NOW - 2 * HOUR + 1), ok(NOW, 10)]);

    expect(await sut.store.prune(NOW - HOUR)).toBe(2);

    const summary = await sut.store.summary({ ...QUERY, retentionMs: 3 * HOUR });
    expect(summary.totals).toEqual({ requests: 3, successes: 2, errors: 1 });
    expect(summary.latency.average).toBeCloseTo(10, 6);
    expect(summary.recentErrors).toEqual([]);
    expect(summary.sparkline[23]).toBe(1);
    expect(await sut.storedPrompt(old.id)).toBeUndefined();
  });

  it('should change its marker whenever events are recorded, by any writer', async () => {
    const before = await sut.store.changeMarker();

    await sut.store.record([ok(NOW)]);

    expect(await sut.store.changeMarker()).not.toBe(before);
  });

  it('should count a retried batch once, adding only the events it did not hold yet', async () => {
    const first = ok(NOW);
    await sut.store.record([first]);
    const fresh = failed(NOW);

    await sut.store.record([{ ...first }, fresh]);
    await sut.store.record([{ ...first }, { ...fresh }]);

    expect((await sut.store.summary(QUERY)).totals).toEqual({ requests: 2, successes: 1, errors: 1 });
  });

  it('should refuse a batch holding one id twice, storing none of it', async () => {
    const before = await sut.store.summary(QUERY);
    const twin = ok(NOW - 1000);

    await expect(sut.store.record([ok(NOW), twin, { ...twin }])).rejects.toThrow();

    expect(await sut.store.summary(QUERY)).toEqual(before);
    expect(await sut.storedPrompt(twin.id)).toBeUndefined();
  });

  it('should refuse a batch with an invalid event, writing none of it', async () => {
    await expect(sut.store.record([ok(NOW), ok(NOW, Number.NaN)])).rejects.toThrow();

    expect((await sut.store.summary(QUERY)).totals.requests).toBe(0);
  });

  it('should add up token usage per client over whole hours, heaviest first, and keep it when pruning', async () => {
    const hourStart = NOW - (NOW % HOUR);
    const used = (client: string, at: number, promptTokens: number, completionTokens: number, estimated = true) =>
      ok(at, 10, { client, usage: { promptTokens, completionTokens, estimated } });
    await sut.store.record([used('alpha', NOW, 10, 20), used('alpha', NOW + MINUTE, 5, 5, false), used('bravo', NOW, 100, 1), failed(NOW, { client: 'alpha' })]);
    await sut.store.record([used('alpha', hourStart - MINUTE, 1000, 1000), ok(NOW)]);

    await sut.store.prune(NOW + HOUR);

    expect(await sut.store.usage({ from: hourStart, to: hourStart + HOUR })).toEqual([
      { client: 'bravo', requests: 1, promptTokens: 100, completionTokens: 1, totalTokens: 101, estimatedRequests: 1 },
      { client: 'alpha', requests: 3, promptTokens: 15, completionTokens: 25, totalTokens: 40, estimatedRequests: 1 },
    ]);
    expect(await sut.store.usage({ from: hourStart - HOUR, to: hourStart + HOUR })).toContainEqual(expect.objectContaining({ client: 'alpha', requests: 4, totalTokens: 2040 }));
    expect(await sut.store.usage({ from: hourStart + HOUR, to: hourStart + 2 * HOUR })).toEqual([]);
  });

  it('should count a retried batch\'s usage once', async () => {
    const batch = [ok(NOW, 10, { client: 'alpha', usage: { promptTokens: 3, completionTokens: 4, estimated: false } })];
    await sut.store.record(batch);
    await sut.store.record(batch);

    expect(await sut.store.usage({ from: NOW - HOUR, to: NOW + HOUR })).toEqual([
      { client: 'alpha', requests: 1, promptTokens: 3, completionTokens: 4, totalTokens: 7, estimatedRequests: 0 },
    ]);
  });

  it('should add up concurrent batches from two stores on one database exactly', async () => {
    const peer = sut.openPeer ? await sut.openPeer() : { store: sut.store, close: () => Promise.resolve() };
    const batches = (label: number) => times(20, (b) => times(25, (i) => (i % 5 === 0 ? failed(NOW - ((b + i + label) % 2) * MINUTE) : ok(NOW - ((b + i) % 2) * MINUTE, 7))));
    const mine = batches(0);
    const theirs = batches(1);
    try {
      await Promise.all([...mine.map((batch) => sut.store.record(batch)), ...theirs.map((batch) => peer.store.record(batch))]);
    } finally {
      await peer.close();
    }

    const all = [...mine, ...theirs].flat();
    const inMinute = (offset: number) => all.filter((e) => Math.floor(e.finishedAt / MINUTE) === Math.floor(NOW / MINUTE) - offset).length;
    const summary = await sut.store.summary(QUERY);
    expect(summary.totals).toEqual({ requests: 1000, successes: 800, errors: 200 });
    expect(summary.sparkline.slice(-2)).toEqual([inMinute(1), inMinute(0)]);
    expect(summary.latency.average).toBeCloseTo((800 * 7 + 200 * 50) / 1000, 6);
  });

  it('should never show a summary half a batch written by another store', async () => {
    const peer = sut.openPeer ? await sut.openPeer() : { store: sut.store, close: () => Promise.resolve() };
    const seen: Array<{ requests: number; inSparkline: number }> = [];
    let writing = true;
    const writes = (async () => {
      for (let b = 0; b < 30; b += 1) await peer.store.record(times(20, (i) => (i % 2 ? ok(NOW) : failed(NOW - MINUTE))));
    })().finally(() => (writing = false));
    try {
      while (writing) {
        const { totals, sparkline } = await sut.store.summary(QUERY);
        seen.push({ requests: totals.requests, inSparkline: sparkline.reduce((sum, n) => sum + n, 0) });
      }
      await writes;
    } finally {
      await peer.close();
    }

    for (const summary of seen) {
      expect(summary.requests % 20).toBe(0);
      expect(summary.inSparkline).toBe(summary.requests);
    }
  });

  // Memory forgets on restart by design.
  (persistent ? it : it.skip)('should keep everything across closing and reopening', async () => {
    const error = failed(NOW);
    await sut.store.record([ok(NOW - MINUTE), error]);
    const before = await sut.store.summary(QUERY);

    if (!sut.reopen) throw new Error('A persistent store must offer reopen');
    const reopened = await sut.reopen();

    expect(await reopened.summary(QUERY)).toEqual(before);
    expect(before.recentErrors.map((e) => e.id)).toEqual([error.id]);
  });
}

const LOCAL_POSTGRES = ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

/** The PostgreSQLs the tests try: `DATABASE_URL`, else the local defaults. */
export function postgresCandidatesForTests(): string[] {
  return process.env.DATABASE_URL ? [process.env.DATABASE_URL] : LOCAL_POSTGRES;
}

/**
 * The first PostgreSQL that answers `SELECT 1` within a second, or undefined. Synchronous, so a suite
 * can choose `describe` or `describe.skip` while Jest collects tests (it cannot skip from an async hook).
 */
export function postgresUrlForTestsSync(): string | undefined {
  return postgresCandidatesForTests().find((url) => {
    const check = `
      const { Client } = require('pg');
      const client = new Client({ connectionString: ${JSON.stringify(url)}, connectionTimeoutMillis: 1000 });
      client.connect().then(() => client.query('SELECT 1')).then(() => process.exit(0), () => process.exit(1));`;
    return spawnSync(process.execPath, ['-e', check], { timeout: 3000 }).status === 0;
  });
}
