import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import { closeRedisClient, defineRedisScripts, StoreIncident } from '@ai-ticket/storage';
import { randomBytes } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import type Redis from 'ioredis';
import type { LocalUpstreamSlots } from './local-upstream-slots';
import { ACQUIRE_SCRIPT, COUNT_SCRIPT, RELEASE_SCRIPT, RENEW_SCRIPT } from './slot-lease.scripts';
import { UpstreamSlots, type SlotCandidate, type SlotLease } from './upstream-slots';

interface SlotCommands {
  aiTicketSlotAcquire(keyCount: number, ...args: (string | number)[]): Promise<number>;
  aiTicketSlotRenew(key: string, leaseMs: number, id: string): Promise<number>;
  aiTicketSlotRelease(key: string, id: string, channel: string, message: string): Promise<number>;
  aiTicketSlotCount(keyCount: number, ...keys: string[]): Promise<number[]>;
}

export interface RedisUpstreamSlotsOptions {
  /** Connected (or connecting) client for commands. */
  redis: Redis;
  /** A second connection, for pub/sub (a subscribed connection can run nothing else). */
  subscriber: Redis;
  keyPrefix: string;
  leaseMs: number;
  /** Used while Redis is down (`UPSTREAM_SLOTS_FAIL_MODE=local`); without it, events are refused. */
  fallback?: LocalUpstreamSlots;
  /** Counted by the caller's metrics: store failures and leases found gone at renewal. */
  onStoreFailure?: () => void;
  onLeaseLost?: () => void;
}

interface HeldLease {
  redisKey: string;
  id: string;
}

/**
 * Slots shared by every replica: a lease per generation in Redis (see slot-lease.scripts.ts), renewed
 * every third of its life while the generation runs, so a replica that dies frees its slots within one
 * lease. Releases are published; waiting replicas also re-check on a short timer, for expired leases and
 * for messages lost while their subscription reconnected.
 */
export class RedisUpstreamSlots extends UpstreamSlots implements OnModuleDestroy {
  readonly recheckIntervalMs = 250;
  private readonly logger = new Logger('UpstreamSlots');
  private readonly redis: Redis & SlotCommands;
  private readonly channel: string;
  /** Names this process's leases and publications, so it can ignore its own announcements. */
  private readonly replicaId = randomBytes(6).toString('hex');
  private sequence = 0;
  private readonly held = new Set<HeldLease>();
  private readonly listeners: (() => void)[] = [];
  private readonly incident: StoreIncident;
  private readonly renewTimer: NodeJS.Timeout;

  constructor(private readonly options: RedisUpstreamSlotsOptions) {
    super();
    this.redis = defineRedisScripts<SlotCommands>(options.redis, {
      aiTicketSlotAcquire: { lua: ACQUIRE_SCRIPT },
      aiTicketSlotRenew: { numberOfKeys: 1, lua: RENEW_SCRIPT },
      aiTicketSlotRelease: { numberOfKeys: 1, lua: RELEASE_SCRIPT },
      aiTicketSlotCount: { lua: COUNT_SCRIPT },
    });
    this.channel = `${options.keyPrefix}upstream-slots:freed`;
    this.incident = new StoreIncident(this.logger, {
      failing: options.fallback
        ? 'Upstream slot store (Redis) is failing; slots are counted per replica until it recovers (UPSTREAM_SLOTS_FAIL_MODE=local)'
        : 'Upstream slot store (Redis) is failing; events are refused until it recovers (UPSTREAM_SLOTS_FAIL_MODE=closed)',
      recovered: 'Upstream slot store (Redis) has recovered',
    });
    this.subscribe();
    this.renewTimer = setInterval(() => void this.renewAll(), Math.floor(options.leaseMs / 3));
    this.renewTimer.unref();
  }

  async tryAcquire<T extends SlotCandidate>(candidates: readonly T[]): Promise<SlotLease<T> | null> {
    if (candidates.length === 0) return null;
    const id = `${this.replicaId}:${(this.sequence += 1)}`;
    const keys = candidates.map((candidate) => this.redisKey(candidate));
    let chosen: number;
    try {
      chosen = Number(await this.redis.aiTicketSlotAcquire(keys.length, ...keys, this.options.leaseMs, id, ...candidates.map((c) => c.slots)));
      this.incident.recovered();
    } catch (error) {
      this.storeFailed(error);
      if (this.options.fallback) return this.options.fallback.take(candidates);
      throw slotStoreUnavailable();
    }
    if (chosen === 0) return null;
    return this.lease(candidates[chosen - 1], { redisKey: keys[chosen - 1], id });
  }

  async inUse(keys: readonly string[]): Promise<Map<string, number> | undefined> {
    if (keys.length === 0) return new Map();
    try {
      const counts = await this.redis.aiTicketSlotCount(keys.length, ...keys.map((key) => this.redisKey({ key })));
      return new Map(keys.map((key, i) => [key, Number(counts[i])]));
    } catch {
      return undefined;
    }
  }

  onFreed(listener: () => void): void {
    this.listeners.push(listener);
    this.options.fallback?.onFreed(listener);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.renewTimer);
    // Leases still held (a generation cut by the shutdown) are given back rather than left to expire.
    await Promise.all([...this.held].map((lease) => this.releaseInRedis(lease)));
    await Promise.all([closeRedisClient(this.options.subscriber), closeRedisClient(this.redis)]);
  }

  private lease<T extends SlotCandidate>(candidate: T, held: HeldLease): SlotLease<T> {
    this.held.add(held);
    return {
      candidate,
      release: () => {
        if (!this.held.has(held)) return;
        // Announced here once Redis has it: this replica ignores its own publications.
        void this.releaseInRedis(held).then(() => this.freed());
      },
    };
  }

  private async releaseInRedis(lease: HeldLease): Promise<void> {
    this.held.delete(lease);
    try {
      await this.redis.aiTicketSlotRelease(lease.redisKey, lease.id, this.channel, this.replicaId);
    } catch (error) {
      // The lease expires by itself within one lease time.
      this.storeFailed(error);
    }
  }

  private async renewAll(): Promise<void> {
    if (this.held.size === 0) return;
    const leases = [...this.held];
    const pipeline = this.redis.pipeline() as ChainableCommander & {
      aiTicketSlotRenew(key: string, leaseMs: number, id: string): ChainableCommander;
    };
    for (const lease of leases) pipeline.aiTicketSlotRenew(lease.redisKey, this.options.leaseMs, lease.id);
    const results = await pipeline.exec().catch((error: unknown) => [[error, null]] as [Error | null, unknown][]);
    for (const [i, [error, renewed]] of (results ?? []).entries()) {
      if (error) {
        this.storeFailed(error);
        return;
      }
      if (Number(renewed) === 0 && this.held.delete(leases[i])) {
        // Expired before this renewal (a long pause, a Redis failover): another replica may now hold it too.
        this.options.onLeaseLost?.();
        this.logger.warn({ msg: 'A slot lease expired while its generation was running; the upstream may be overbooked until it ends', upstream: leases[i].redisKey });
      }
    }
  }

  private subscribe(): void {
    const { subscriber } = this.options;
    subscriber.on('message', (channel: string, from: string) => {
      if (channel === this.channel && from !== this.replicaId) this.freed();
    });
    // ioredis re-subscribes after a reconnect by itself; the first subscription must wait for a connection.
    const start = () => void subscriber.subscribe(this.channel).catch(() => undefined);
    if (subscriber.status === 'ready') start();
    else subscriber.once('ready', start);
  }

  private storeFailed(error: unknown): void {
    this.incident.failed(error);
    this.options.onStoreFailure?.();
  }

  private freed(): void {
    for (const listener of this.listeners) listener();
  }

  private redisKey(candidate: Pick<SlotCandidate, 'key'>): string {
    return `${this.options.keyPrefix}{upstream-slots}:${candidate.key}`;
  }
}

function slotStoreUnavailable(): AppException {
  return new AppException(ErrorCode.UpstreamUnavailable, 'Upstream slots cannot be counted now (their store is down).', {
    retryAfterSeconds: 1,
    details: { reason: 'slot_store_unavailable' },
  });
}
