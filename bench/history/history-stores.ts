import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from '../paths';

/** A finished event, as the history port takes it. */
export interface BenchEvent {
  id: string;
  finishedAt: number;
  latencyMs: number;
  outcome: 'success' | 'error';
  errorCode?: string;
  message?: string;
  stream: boolean;
}

/** The part of an event-history store adapter the benchmark drives. */
export interface HistoryBenchStore {
  record(events: readonly BenchEvent[]): Promise<void>;
  summary(query: { now: number; retentionMs: number; sparklineMinutes: number; recentErrorLimit: number }): Promise<{ totals: { requests: number } }>;
}

export interface OpenedHistory {
  name: string;
  store: HistoryBenchStore;
  dispose(): Promise<void>;
}

type ClosableStore = HistoryBenchStore & { close(): Promise<void> };

const HISTORY_DIR = join(REPO_ROOT, 'dist/apps/ai-ticket/src/metrics/history');

// The adapters are loaded from the service build (`npm run build`), exactly as the service runs them.
/* eslint-disable @typescript-eslint/no-require-imports */
const load = <T>(file: string): T => require(join(HISTORY_DIR, file)) as T;

export function openMemory(): Promise<OpenedHistory> {
  const { MemoryEventHistoryStore } = load<{ MemoryEventHistoryStore: new () => HistoryBenchStore }>('memory-event-history.store.js');
  return Promise.resolve({ name: 'memory', store: new MemoryEventHistoryStore(), dispose: () => Promise.resolve() });
}

export async function openSqlite(journalMode: 'wal' | 'delete'): Promise<OpenedHistory> {
  const { openSqliteEventHistory } = load<{ openSqliteEventHistory(history: object, sqlite: object): Promise<ClosableStore> }>('typeorm-event-history.factory.js');
  const dir = mkdtempSync(join(tmpdir(), 'ai-ticket-bench-history-'));
  const store = await openSqliteEventHistory({ sqlitePath: join(dir, 'history.sqlite') }, { journalMode, busyTimeoutMs: 5000 });
  return {
    name: `sqlite (${journalMode})`,
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** In a schema of its own, dropped afterwards, so the benchmark never touches other data. */
export async function openPostgres(url: string): Promise<OpenedHistory> {
  const { openPostgresEventHistory } = load<{ openPostgresEventHistory(url: string, options: object): Promise<ClosableStore> }>('typeorm-event-history.factory.js');
  const schema = `bench_history_${process.pid}_${Date.now().toString(36)}`;
  const store = await openPostgresEventHistory(url, { schema });
  return {
    name: 'postgres',
    store,
    dispose: async () => {
      await store.close();
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}
