import { Logger } from '@nestjs/common';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import { createRedisClient } from '@ai-ticket/storage';
import { describeWithRedis, redisUrlForTests, upstreamSlotsContract, type SlotsUnderTest } from '@ai-ticket/testing';
import type Redis from 'ioredis';
import { BrokenRedis } from '../../../../test/support/broken-redis';
import { LocalUpstreamSlots } from './local-upstream-slots';
import { RedisUpstreamSlots, type RedisUpstreamSlotsOptions } from './redis-upstream-slots';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let seed = 0;
const upstream = (slots: number) => ({ key: `http://slots-${process.pid}-${Date.now()}-${(seed += 1)}:5001`, slots });

/** One "replica": its own two connections to the shared Redis, as the app opens them. */
async function openRedisSlots(options: Partial<RedisUpstreamSlotsOptions> = {}, url = redisUrlForTests()): Promise<RedisUpstreamSlots> {
  const [redis, subscriber] = await Promise.all([createRedisClient(url), createRedisClient(url)]);
  await Promise.all([redis.connect().catch(() => undefined), subscriber.connect().catch(() => undefined)]);
  const slots = new RedisUpstreamSlots({ redis, subscriber, keyPrefix: 'ai-ticket-test:', leaseMs: 15_000, ...options });
  // The subscription is made once the connection is ready; give it a moment so announcements are not missed.
  await sleep(50);
  return slots;
}

describe('local upstream slots', () => {
  upstreamSlotsContract(async (): Promise<SlotsUnderTest> => ({ slots: new LocalUpstreamSlots(), dispose: () => Promise.resolve() }));
});

describeWithRedis('Redis upstream slots', () => {
  describe('contract', () => {
    upstreamSlotsContract(async (): Promise<SlotsUnderTest> => {
      const slots = await openRedisSlots();
      return { slots, dispose: () => slots.onModuleDestroy() };
    });
  });

  describe('shared by several replicas', () => {
    const replicas: RedisUpstreamSlots[] = [];
    afterEach(async () => {
      await Promise.all(replicas.splice(0).map((replica) => replica.onModuleDestroy()));
    });
    const replica = async (options: Partial<RedisUpstreamSlotsOptions> = {}) => {
      const opened = await openRedisSlots(options);
      replicas.push(opened);
      return opened;
    };

    it('should never grant more than the slots across replicas asking at once', async () => {
      const [a, b, c] = [await replica(), await replica(), await replica()];
      const shared = [upstream(1), upstream(2)];

      const leases = await Promise.all(Array.from({ length: 90 }, (_, i) => [a, b, c][i % 3].tryAcquire(shared)));

      expect(leases.filter((lease) => lease !== null)).toHaveLength(3);
    });

    it("should announce a release to the other replicas' waiters", async () => {
      const [holder, waiter] = [await replica(), await replica()];
      const shared = upstream(1);
      const lease = await holder.tryAcquire([shared]);
      const announced = new Promise<number>((resolve) => {
        const startedAt = Date.now();
        waiter.onFreed(() => resolve(Date.now() - startedAt));
      });

      lease?.release();

      expect(await announced).toBeLessThan(200);
      expect((await waiter.tryAcquire([shared]))?.candidate).toBe(shared);
    });

    it('should keep a lease alive past its lease time while it is renewed', async () => {
      const [holder, other] = [await replica({ leaseMs: 1_000 }), await replica({ leaseMs: 1_000 })];
      const shared = upstream(1);
      await holder.tryAcquire([shared]);

      await sleep(2_200);

      expect(await other.tryAcquire([shared])).toBeNull();
    });

    it('should free the slot of a replica that stopped renewing within one lease time', async () => {
      const dying = await openRedisSlots({ leaseMs: 1_000 });
      const other = await replica({ leaseMs: 1_000 });
      const shared = upstream(1);
      await dying.tryAcquire([shared]);
      // As if the process died: its connections drop and its timers never run again.
      (dying as unknown as { renewTimer: NodeJS.Timeout }).renewTimer.close();
      for (const client of ['redis', 'subscriber'] as const) (dying as unknown as { options: Record<typeof client, Redis> }).options[client].disconnect();

      expect(await other.tryAcquire([shared])).toBeNull();
      await sleep(1_100);

      expect((await other.tryAcquire([shared]))?.candidate).toBe(shared);
    });

    it('should count and report a lease found gone at renewal', async () => {
      let lost = 0;
      const holder = await replica({ leaseMs: 1_000, onLeaseLost: () => (lost += 1) });
      const shared = upstream(1);
      await holder.tryAcquire([shared]);
      const admin = await createRedisClient(redisUrlForTests());
      await admin.connect();
      await admin.del(`ai-ticket-test:{upstream-slots}:${shared.key}`);
      await admin.quit();

      await sleep(500);

      expect(lost).toBe(1);
    });

    it('should keep tenants with different key prefixes apart', async () => {
      const [tenantA, tenantB] = [await replica({ keyPrefix: 'tenant-a:' }), await replica({ keyPrefix: 'tenant-b:' })];
      const shared = upstream(1);

      expect(await tenantA.tryAcquire([shared])).not.toBeNull();
      expect(await tenantB.tryAcquire([shared])).not.toBeNull();
    });
  });

  describe('while Redis is failing', () => {
    let broken: BrokenRedis;
    let sut: RedisUpstreamSlots | undefined;
    beforeEach(async () => {
      broken = await BrokenRedis.start();
      // The incident is logged by design; the tests assert the counts, not the log line.
      jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    });
    afterEach(async () => {
      await sut?.onModuleDestroy();
      await broken.close();
      jest.restoreAllMocks();
    });

    it('should fall back to slots counted in this process, and count the failures (fail mode local)', async () => {
      let failures = 0;
      sut = await openRedisSlots({ fallback: new LocalUpstreamSlots(), onStoreFailure: () => (failures += 1) }, broken.url);
      const shared = upstream(1);

      const first = await sut.tryAcquire([shared]);
      const second = await sut.tryAcquire([shared]);

      expect(first?.candidate).toBe(shared);
      expect(second).toBeNull();
      expect(failures).toBe(2);
      expect(await sut.inUse([shared.key])).toBeUndefined();
    });

    it('should refuse with 503 slot_store_unavailable (fail mode closed)', async () => {
      sut = await openRedisSlots({}, broken.url);

      const error: unknown = await sut.tryAcquire([upstream(1)]).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(AppException);
      expect(error).toMatchObject({ code: ErrorCode.UpstreamUnavailable, details: { reason: 'slot_store_unavailable' }, retryAfterSeconds: 1 });
    });
  });
});
