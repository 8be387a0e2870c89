import { describeStoreBackends, rateLimitStoreContract, tempSqliteFile } from '@ai-ticket/testing';
import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { RedisRateLimitStore } from './redis-rate-limit.store';
import { SqliteRateLimitStore } from './sqlite-rate-limit.store';

describeStoreBackends(
  'rate-limit store',
  {
    memory: () => new MemoryRateLimitStore(),
    sqlite: (settings) => SqliteRateLimitStore.open(settings),
    redis: (client) => new RedisRateLimitStore(client),
  },
  rateLimitStoreContract,
);

describe(SqliteRateLimitStore.name, () => {
  it('should close twice without failing (Nest destroys it once per provider it is registered under)', async () => {
    const file = tempSqliteFile();
    try {
      const store = await SqliteRateLimitStore.open(file.settings);

      await store.onModuleDestroy();

      await expect(store.onModuleDestroy()).resolves.toBeUndefined();
    } finally {
      file.remove();
    }
  });
});
