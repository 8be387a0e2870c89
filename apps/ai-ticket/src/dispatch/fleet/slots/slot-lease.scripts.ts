/**
 * The Lua scripts of Redis slot leases. One sorted set per upstream: members are lease ids, scores the
 * times they expire. Every script reads the time from the Redis server (`TIME`), never from a replica,
 * so clock skew between pods can neither shorten nor stretch a lease. Expired leases are dropped only
 * by ACQUIRE, so a lease that ACQUIRE has not dropped was never counted as free: RENEW may keep it.
 * Each touch sets the key's own expiry to one lease, so an idle upstream leaves nothing behind.
 * All keys of one call share the `{upstream-slots}` hash tag, so the scripts also run on Redis Cluster.
 */

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS: one per candidate upstream, in order of preference. ARGV: lease ms, lease id, then the slots of
 * each candidate. Takes a slot on the candidate with the fewest in use (the first on ties) and returns
 * its 1-based position, or 0 when every candidate is full.
 */
export const ACQUIRE_SCRIPT = `${NOW}
local leaseMs = tonumber(ARGV[1])
local best, fewest = 0, 0
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  local used = redis.call('ZCARD', key)
  if used < tonumber(ARGV[i + 2]) and (best == 0 or used < fewest) then
    best, fewest = i, used
  end
end
if best == 0 then return 0 end
redis.call('ZADD', KEYS[best], now + leaseMs, ARGV[2])
redis.call('PEXPIRE', KEYS[best], leaseMs)
return best`;

/** KEYS[1]: the upstream. ARGV: lease ms, lease id. 1 when renewed, 0 when the lease is gone (lost). */
export const RENEW_SCRIPT = `${NOW}
if not redis.call('ZSCORE', KEYS[1], ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]))
return 1`;

/** KEYS[1]: the upstream. ARGV: lease id, channel, message. Frees the slot and tells the waiters. */
export const RELEASE_SCRIPT = `local removed = redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return removed`;

/** KEYS: upstreams. Returns the leases alive in each, without changing anything. */
export const COUNT_SCRIPT = `${NOW}
local counts = {}
for i, key in ipairs(KEYS) do counts[i] = redis.call('ZCOUNT', key, '(' .. now, '+inf') end
return counts`;
