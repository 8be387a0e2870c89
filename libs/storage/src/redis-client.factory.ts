import type Redis from 'ioredis';

/**
 * A Redis client for shared state that fails fast instead of queueing while disconnected (a caller
 * waiting on a dead Redis is worse than a quick, explicit failure), and reconnects by itself with
 * capped backoff. ioredis is loaded on the first call, so a service that uses no Redis never loads it.
 */
export async function createRedisClient(url: string): Promise<Redis> {
  const { default: RedisClient } = await import('ioredis');
  const client = new RedisClient(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    // ioredis arms this timer on disconnect and clears it only on a `close` event, which a socket that
    // already died never emits again; bounded low, it cannot hold a stopping process for long.
    disconnectTimeout: 300,
    retryStrategy: (attempt) => Math.min(100 * 2 ** attempt, 2_000),
  });
  // Without a listener ioredis prints every failed reconnect as an "unhandled error". The failures
  // still surface where they matter: each command rejects, and its caller reports the incident once.
  client.on('error', () => undefined);
  return client;
}

/** Closes a client whatever its state: `quit` when connected, otherwise stop reconnecting at once. */
export async function closeRedisClient(client: Redis): Promise<void> {
  if (client.status === 'ready') await client.quit().catch(() => undefined);
  client.disconnect();
}
