import { describeStoreBackends, tempSqliteFile, tokenBudgetStoreContract } from '@ai-ticket/testing';
import { SqliteRateLimitStore } from '../store/sqlite-rate-limit.store';
import { MemoryTokenBudgetStore } from './memory-token-budget.store';
import { RedisTokenBudgetStore } from './redis-token-budget.store';
import { SqliteTokenBudgetStore } from './sqlite-token-budget.store';

describeStoreBackends(
  'token-budget store',
  {
    memory: () => new MemoryTokenBudgetStore(),
    sqlite: (settings) => SqliteTokenBudgetStore.open(settings),
    redis: (client) => new RedisTokenBudgetStore(client),
  },
  tokenBudgetStoreContract,
);

describe(SqliteTokenBudgetStore.name, () => {
  it('should share one file with the rate-limit store, whichever of them opens it first', async () => {
    const file = tempSqliteFile();
    try {
      const budgets = await SqliteTokenBudgetStore.open(file.settings);
      const limits = await SqliteRateLimitStore.open(file.settings);

      const window = { startsAt: 0, endsAt: Date.now() + 60_000 };
      await expect(budgets.reserve({ key: 'a', window, budget: 10, tokens: 1 })).resolves.toMatchObject({ admitted: true });
      await expect(limits.count('a', 60_000)).resolves.toMatchObject({ hits: 1 });

      await budgets.onModuleDestroy();
      await limits.onModuleDestroy();
    } finally {
      file.remove();
    }
  });
});
