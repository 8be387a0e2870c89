import type { OnModuleDestroy } from '@nestjs/common';
import { closeRedisClient, defineRedisScripts } from '@ai-ticket/storage';
import type Redis from 'ioredis';
import { CountBatcher } from './count-batcher';
import { RateLimitStore, type WindowCount } from './rate-limit.store';

/**
 * Runs atomically on the Redis server: count ARGV[2] requests, open the window when they are its first
 * hits, and read how long it has left. The expiry is Redis's own (PEXPIRE), so replicas with skewed
 * clocks still share one window. A key left without expiry (e.g. written by an older version) is
 * repaired rather than kept forever.
 */
const COUNT_SCRIPT = `
local hits = redis.call('INCRBY', KEYS[1], ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if hits == tonumber(ARGV[2]) or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { hits, ttl }`;

interface CountCommand {
  aiTicketCount(key: string, windowMs: number, n: number): Promise<[number, number]>;
}

/**
 * Counts in Redis: the store for replicas spread across nodes. The requests of a client that arrive
 * during one round trip are counted together by the next (`CountBatcher`).
 */
export class RedisRateLimitStore extends RateLimitStore implements OnModuleDestroy {
  private readonly redis: Redis & CountCommand;
  private readonly keyPrefix: string;
  private readonly batcher = new CountBatcher((key, windowMs, n) => this.countMany(key, windowMs, n));

  /** `keyPrefix` is `REDIS_KEY_PREFIX` (`ai-ticket:` by default); windows live under `<prefix>rate-limit:`. */
  constructor(redis: Redis, keyPrefix = 'ai-ticket:') {
    super();
    this.keyPrefix = `${keyPrefix}rate-limit:`;
    this.redis = defineRedisScripts<CountCommand>(redis, { aiTicketCount: { numberOfKeys: 1, lua: COUNT_SCRIPT } });
  }

  count(key: string, windowMs: number): Promise<WindowCount> {
    return this.batcher.count(key, windowMs);
  }

  private async countMany(key: string, windowMs: number, n: number): Promise<WindowCount> {
    const [hits, ttlMs] = await this.redis.aiTicketCount(this.keyPrefix + key, windowMs, n);
    return { hits: Number(hits), windowEndsAt: Date.now() + Number(ttlMs) };
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  /** Redis expires windows itself. */
  sweepExpired(): Promise<number> {
    return Promise.resolve(0);
  }

  async onModuleDestroy(): Promise<void> {
    await closeRedisClient(this.redis);
  }
}
