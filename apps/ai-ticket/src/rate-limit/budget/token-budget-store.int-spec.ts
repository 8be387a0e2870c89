import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisClient } from '@ai-ticket/storage';
import { redisAvailableSync, redisUrlForTests, tokenBudgetStoreContract, type BudgetStoreUnderTest } from '@ai-ticket/testing';
import { SqliteRateLimitStore } from '../store/sqlite-rate-limit.store';
import { MemoryTokenBudgetStore } from './memory-token-budget.store';
import { RedisTokenBudgetStore } from './redis-token-budget.store';
import { SqliteTokenBudgetStore } from './sqlite-token-budget.store';

async function memory(): Promise<BudgetStoreUnderTest> {
  const store = new MemoryTokenBudgetStore();
  return { store, dispose: () => Promise.resolve(store.onModuleDestroy()) };
}

async function sqlite(journalMode: 'wal' | 'delete'): Promise<BudgetStoreUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'ai-ticket-budget-'));
  const store = await SqliteTokenBudgetStore.open({ rateLimitPath: join(dir, 'rate-limit.sqlite'), journalMode, busyTimeoutMs: 5000 });
  return {
    store,
    dispose: async () => {
      await store.onModuleDestroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function redis(): Promise<BudgetStoreUnderTest> {
  const client = createRedisClient(redisUrlForTests());
  await client.connect();
  const store = new RedisTokenBudgetStore(client);
  return { store, dispose: () => store.onModuleDestroy() };
}

describe.each([
  ['memory', memory],
  ['sqlite (WAL)', () => sqlite('wal')],
  ['sqlite (rollback journal)', () => sqlite('delete')],
])('%s token-budget store', (_name, open) => {
  tokenBudgetStoreContract(open);
});

const redisUp = redisAvailableSync();
if (!redisUp) console.warn(`Skipping the Redis token-budget store contract: no Redis answers at ${redisUrlForTests()} (set REDIS_URL to use another).`);

// Skipped only when no Redis answers (reason printed above); CI machines run one on 127.0.0.1:6379.
(redisUp ? describe : describe.skip)('redis token-budget store', () => {
  tokenBudgetStoreContract(redis);
});

describe(SqliteTokenBudgetStore.name, () => {
  it('should share one file with the rate-limit store, whichever of them opens it first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ai-ticket-budget-'));
    const settings = { rateLimitPath: join(dir, 'rate-limit.sqlite'), journalMode: 'wal' as const, busyTimeoutMs: 5000 };
    try {
      const budgets = await SqliteTokenBudgetStore.open(settings);
      const limits = await SqliteRateLimitStore.open(settings);

      const window = { startsAt: 0, endsAt: Date.now() + 60_000 };
      await expect(budgets.reserve({ key: 'a', window, budget: 10, tokens: 1 })).resolves.toMatchObject({ admitted: true });
      await expect(limits.count('a', 60_000)).resolves.toMatchObject({ hits: 1 });

      await budgets.onModuleDestroy();
      await limits.onModuleDestroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
