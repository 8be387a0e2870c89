import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { createRedisClient } from '@ai-ticket/storage';
import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { RateLimitStore } from './rate-limit.store';
import { RedisRateLimitStore } from './redis-rate-limit.store';

/** The one place the rate-limit backend is chosen, from validated configuration. */
async function createRateLimitStore(config: ConfigService<AppConfig, true>): Promise<RateLimitStore> {
  const backend = config.get('rateLimit.backend', { infer: true });
  switch (backend) {
    case 'memory':
      return new MemoryRateLimitStore();
    case 'sqlite': {
      // Imported here: its TypeORM entity would load TypeORM into every service, SQLite or not.
      const { SqliteRateLimitStore } = await import('./sqlite-rate-limit.store');
      return SqliteRateLimitStore.open(config.get('sqlite', { infer: true }));
    }
    case 'redis': {
      const { url, keyPrefix } = config.get('redis', { infer: true });
      const redis = await createRedisClient(url);
      // Start even if Redis is down: the client keeps reconnecting, and the fail mode applies meanwhile.
      await redis.connect().catch(() => undefined);
      return new RedisRateLimitStore(redis, keyPrefix);
    }
    default:
      throw new Error(`Unsupported rate-limit backend "${String(backend)}"`);
  }
}

/** Provides the one `RateLimitStore` of the application (a static module: instantiated once, wherever imported). */
@Module({
  providers: [{ provide: RateLimitStore, inject: [ConfigService], useFactory: createRateLimitStore }],
  exports: [RateLimitStore],
})
export class RateLimitStoreModule {}
