import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths';

/** The part of a rate-limit store adapter the benchmark drives. */
export interface DecisionStore {
  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<{ isBlocked: boolean }>;
  onModuleDestroy(): Promise<void> | void;
}

export interface OpenedStore {
  name: string;
  store: DecisionStore;
  dispose(): Promise<void>;
}

const STORE_DIR = join(REPO_ROOT, 'dist/apps/ai-ticket/src/rate-limit/store');
const STORAGE_LIB = join(REPO_ROOT, 'dist/libs/storage/src');

// The adapters are loaded from the service build (`npm run build`), exactly as the service runs them.
/* eslint-disable @typescript-eslint/no-require-imports */
const load = <T>(file: string): T => require(file) as T;

export function openMemory(): Promise<OpenedStore> {
  const { MemoryRateLimitStore } = load<{ MemoryRateLimitStore: new () => DecisionStore }>(join(STORE_DIR, 'memory-rate-limit.store.js'));
  const store = new MemoryRateLimitStore();
  return Promise.resolve({ name: 'memory', store, dispose: async () => store.onModuleDestroy() });
}

export async function openSqlite(journalMode: 'wal' | 'delete'): Promise<OpenedStore> {
  const { SqliteRateLimitStore } = load<{ SqliteRateLimitStore: { open(settings: object): Promise<DecisionStore> } }>(
    join(STORE_DIR, 'sqlite-rate-limit.store.js'),
  );
  const dir = mkdtempSync(join(tmpdir(), 'ai-ticket-bench-rl-'));
  const store = await SqliteRateLimitStore.open({ rateLimitPath: join(dir, 'rl.sqlite'), journalMode, busyTimeoutMs: 5000 });
  return {
    name: `sqlite (${journalMode})`,
    store,
    dispose: async () => {
      await store.onModuleDestroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openRedis(url: string): Promise<OpenedStore> {
  const { RedisRateLimitStore } = load<{ RedisRateLimitStore: new (redis: unknown) => DecisionStore }>(join(STORE_DIR, 'redis-rate-limit.store.js'));
  const { createRedisClient } = load<{ createRedisClient(url: string): Promise<{ connect(): Promise<void> }> }>(join(STORAGE_LIB, 'redis-client.factory.js'));
  const client = await createRedisClient(url);
  await client.connect();
  const store = new RedisRateLimitStore(client);
  return { name: 'redis', store, dispose: async () => store.onModuleDestroy() };
}
