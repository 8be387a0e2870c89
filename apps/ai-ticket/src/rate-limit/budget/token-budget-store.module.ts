import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { createRedisClient } from '@ai-ticket/storage';
import { RateLimitStore } from '../store/rate-limit.store';
import { RateLimitStoreModule } from '../store/rate-limit-store.module';
import { MemoryTokenBudgetStore } from './memory-token-budget.store';
import { RedisTokenBudgetStore } from './redis-token-budget.store';
import { TokenBudgetStore } from './token-budget.store';

/**
 * The one place the token-budget backend is chosen: the rate limiter's (`RATE_LIMIT_BACKEND`). It waits
 * for the rate-limit store (`_openedFirst`), so on SQLite that store has migrated the shared file before
 * this one opens it: two data sources migrating one file at once would each record the migrations.
 */
async function createTokenBudgetStore(config: ConfigService<AppConfig, true>, _openedFirst: RateLimitStore): Promise<TokenBudgetStore> {
  const backend = config.get('rateLimit.backend', { infer: true });
  switch (backend) {
    case 'memory':
      return new MemoryTokenBudgetStore();
    case 'sqlite': {
      // Imported here: its TypeORM entity would load TypeORM into every service, SQLite or not.
      const { SqliteTokenBudgetStore } = await import('./sqlite-token-budget.store');
      return SqliteTokenBudgetStore.open(config.get('sqlite', { infer: true }));
    }
    case 'redis': {
      const { url, keyPrefix } = config.get('redis', { infer: true });
      const redis = await createRedisClient(url);
      // Start even if Redis is down: the client keeps reconnecting, and the fail mode applies meanwhile.
      await redis.connect().catch(() => undefined);
      return new RedisTokenBudgetStore(redis, keyPrefix);
    }
    default:
      throw new Error(`Unsupported token-budget backend "${String(backend)}"`);
  }
}

@Module({
  imports: [RateLimitStoreModule],
  providers: [{ provide: TokenBudgetStore, inject: [ConfigService, RateLimitStore], useFactory: createTokenBudgetStore }],
  exports: [TokenBudgetStore],
})
export class TokenBudgetStoreModule {}
