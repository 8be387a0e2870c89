import type Redis from 'ioredis';

/** A Lua script run as one command; without `numberOfKeys` the caller passes the key count first. */
export interface RedisScript {
  lua: string;
  numberOfKeys?: number;
}

/**
 * Registers `scripts` on `redis` as commands of the same names and returns the client typed with them.
 * ioredis sends each as EVALSHA and falls back to EVAL on NOSCRIPT (a restarted or failed-over Redis),
 * so a script is loaded only when the server lacks it. `Commands` and `scripts` must name the same
 * commands, so a typed command always has a script behind it.
 */
export function defineRedisScripts<Commands extends object>(redis: Redis, scripts: { [Name in keyof Commands & string]: RedisScript }): Redis & Commands {
  for (const [name, script] of Object.entries<RedisScript>(scripts)) redis.defineCommand(name, script);
  return redis as Redis & Commands;
}
