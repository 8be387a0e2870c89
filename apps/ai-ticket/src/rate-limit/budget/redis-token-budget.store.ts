import type { OnModuleDestroy } from '@nestjs/common';
import { closeRedisClient, defineRedisScripts } from '@ai-ticket/storage';
import type Redis from 'ioredis';
import { windowKey } from './budget-window.util';
import { TokenBudgetStore, type BudgetState, type ReserveRequest, type SettleRequest } from './token-budget.store';

/**
 * Check and reserve atomically on the Redis server. The window's hash expires when the window ends; a
 * refused request on a window that does not exist yet creates nothing.
 */
const RESERVE_SCRIPT = `
local totals = redis.call('HMGET', KEYS[1], 'used', 'reserved')
local used = tonumber(totals[1] or '0')
local reserved = tonumber(totals[2] or '0')
if used + reserved >= tonumber(ARGV[1]) then
  return { 0, used, reserved }
end
reserved = redis.call('HINCRBY', KEYS[1], 'reserved', ARGV[2])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return { 1, used, reserved }`;

/** Charge and release; a window that has already ended (and expired) is left alone, not recreated without expiry. */
const SETTLE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HINCRBY', KEYS[1], 'used', ARGV[1])
if redis.call('HINCRBY', KEYS[1], 'reserved', -tonumber(ARGV[2])) < 0 then
  redis.call('HSET', KEYS[1], 'reserved', 0)
end
return 1`;

interface BudgetCommands {
  aiTicketReserveTokens(key: string, budget: number, tokens: number, endsAt: number): Promise<[number, number, number]>;
  aiTicketSettleTokens(key: string, used: number, reserved: number): Promise<number>;
}

/** Budgets in Redis: the store for replicas spread across nodes. */
export class RedisTokenBudgetStore extends TokenBudgetStore implements OnModuleDestroy {
  private readonly redis: Redis & BudgetCommands;
  private readonly keyPrefix: string;

  /** `keyPrefix` is `REDIS_KEY_PREFIX` (`ai-ticket:` by default); windows live under `<prefix>token-budget:`. */
  constructor(redis: Redis, keyPrefix = 'ai-ticket:') {
    super();
    this.keyPrefix = `${keyPrefix}token-budget:`;
    this.redis = defineRedisScripts<BudgetCommands>(redis, {
      aiTicketReserveTokens: { numberOfKeys: 1, lua: RESERVE_SCRIPT },
      aiTicketSettleTokens: { numberOfKeys: 1, lua: SETTLE_SCRIPT },
    });
  }

  async reserve({ key, window, budget, tokens }: ReserveRequest): Promise<BudgetState> {
    const [admitted, used, reserved] = await this.redis.aiTicketReserveTokens(this.keyPrefix + windowKey(key, window), budget, tokens, window.endsAt);
    return { admitted: Number(admitted) === 1, used: Number(used), reserved: Number(reserved) };
  }

  async settle({ key, window, reserved, used }: SettleRequest): Promise<void> {
    await this.redis.aiTicketSettleTokens(this.keyPrefix + windowKey(key, window), used, reserved);
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
