import Redis from 'ioredis';

/**
 * A Redis client for shared state that fails fast instead of queueing while disconnected (a caller
 * waiting on a dead Redis is worse than a quick, explicit failure), and reconnects by itself with
 * capped backoff.
 */
export function createRedisClient(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 2_000),
  });
}
