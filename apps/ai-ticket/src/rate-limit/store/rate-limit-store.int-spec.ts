import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisClient } from '@ai-ticket/storage';
import { rateLimitStoreContract, redisAvailableSync, redisUrlForTests, type StoreUnderTest } from '@ai-ticket/testing';
import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { RedisRateLimitStore } from './redis-rate-limit.store';
import { SqliteRateLimitStore } from './sqlite-rate-limit.store';

async function memory(): Promise<StoreUnderTest> {
  const store = new MemoryRateLimitStore();
  return { store, dispose: () => Promise.resolve(store.onModuleDestroy()) };
}

async function sqlite(journalMode: 'wal' | 'delete'): Promise<StoreUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'ai-ticket-rl-'));
  const store = await SqliteRateLimitStore.open({ rateLimitPath: join(dir, 'rate-limit.sqlite'), journalMode, busyTimeoutMs: 5000 });
  return {
    store,
    dispose: async () => {
      await store.onModuleDestroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function redis(): Promise<StoreUnderTest> {
  const client = createRedisClient(redisUrlForTests());
  await client.connect();
  const store = new RedisRateLimitStore(client);
  return { store, dispose: () => store.onModuleDestroy() };
}

describe.each([
  ['memory', memory],
  ['sqlite (WAL)', () => sqlite('wal')],
  ['sqlite (rollback journal)', () => sqlite('delete')],
])('%s rate-limit store', (_name, open) => {
  rateLimitStoreContract(open);
});

const redisUp = redisAvailableSync();
if (!redisUp) console.warn(`Skipping the Redis rate-limit store contract: no Redis answers at ${redisUrlForTests()} (set REDIS_URL to use another).`);

// Skipped only when no Redis answers (reason printed above); CI machines run one on 127.0.0.1:6379.
(redisUp ? describe : describe.skip)('redis rate-limit store', () => {
  rateLimitStoreContract(redis);
});

describe(SqliteRateLimitStore.name, () => {
  it('should close twice without failing (Nest destroys it once per provider it is registered under)', async () => {
    const { store, dispose } = await sqlite('wal');

    await (store as SqliteRateLimitStore).onModuleDestroy();

    await expect(dispose()).resolves.toBeUndefined();
  });
});
