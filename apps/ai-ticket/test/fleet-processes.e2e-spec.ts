import { FakeUpstream, redisAvailableSync, redisUrlForTests } from '@ai-ticket/testing';
import { ReplicaSet } from './support/replica-set';

const GENERATION_MS = 100;
const EVENTS = 30;

/**
 * The set-up the fleet exists for: several real gateway replicas sharing slot leases in one Redis, in
 * front of single-slot KoboldCPP stand-ins that answer 503 busy when their slot is taken.
 */
const redisUp = redisAvailableSync();
if (!redisUp) console.warn(`Skipping the fleet process tests: no Redis answers at ${redisUrlForTests()} (set REDIS_URL).`);
// Skipped only when no Redis answers (reason printed above).
(redisUp ? describe : describe.skip)('upstream fleet: 3 replicas on one Redis', () => {
  let upstreams: FakeUpstream[] = [];
  let set: ReplicaSet | undefined;

  afterEach(async () => {
    await set?.stop();
    set = undefined;
    await Promise.all(upstreams.map((upstream) => upstream.close()));
    upstreams = [];
  });

  async function fleetOf(count: number, env: Record<string, string> = {}): Promise<ReplicaSet> {
    upstreams = await Promise.all(Array.from({ length: count }, () => FakeUpstream.start({ slots: 1, generationDelayMs: GENERATION_MS })));
    set = await ReplicaSet.start(3, {
      KOBOLDCPP_API_URL: upstreams.map((upstream) => upstream.url).join(','),
      UPSTREAM_SLOTS: 'redis',
      REDIS_URL: redisUrlForTests(),
      // A fresh prefix per set: leases left by an earlier run can never count.
      REDIS_KEY_PREFIX: `fleet-test-${process.pid}-${Date.now()}:`,
      RATE_LIMIT_REQUESTS: '0',
      ...env,
    });
    return set;
  }

  async function timedBurst(replicas: ReplicaSet): Promise<{ statuses: number[]; ms: number }> {
    const startedAt = Date.now();
    const statuses = await replicas.burst(EVENTS);
    return { statuses, ms: Date.now() - startedAt };
  }

  it(`should answer ${EVENTS} events at once with 200 through one single-slot upstream, never overbooking it`, async () => {
    const { statuses, ms } = await timedBurst(await fleetOf(1));

    expect(statuses).toEqual(Array(EVENTS).fill(200));
    expect(upstreams[0].maxConcurrentGenerations).toBe(1);
    expect(upstreams[0].busyRefusals).toBe(0);
    expect(upstreams[0].servedGenerations).toBe(EVENTS);
    expect(ms).toBeGreaterThanOrEqual(EVENTS * GENERATION_MS);
  }, 60_000);

  it('should spread the events over two upstreams, never overbooking either, in well under the time of one', async () => {
    const { statuses, ms } = await timedBurst(await fleetOf(2));

    expect(statuses).toEqual(Array(EVENTS).fill(200));
    for (const upstream of upstreams) {
      expect(upstream.maxConcurrentGenerations).toBe(1);
      expect(upstream.busyRefusals).toBe(0);
      expect(upstream.servedGenerations).toBeGreaterThanOrEqual(EVENTS / 2 - 3);
    }
    // One upstream needs at least EVENTS × GENERATION_MS; two share the work.
    expect(ms).toBeLessThan(EVENTS * GENERATION_MS * 0.75);
  }, 60_000);

  it('should still answer every event with 200 when one upstream dies mid-run', async () => {
    const replicas = await fleetOf(2);
    const [dying, survivor] = upstreams;

    const burst = replicas.burst(EVENTS);
    while (dying.servedGenerations < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await dying.close();
    const statuses = await burst;

    expect(statuses).toEqual(Array(EVENTS).fill(200));
    expect(survivor.maxConcurrentGenerations).toBe(1);
    expect(dying.servedGenerations + survivor.servedGenerations).toBeGreaterThanOrEqual(EVENTS);
  }, 60_000);

  it('should still answer every event with 200 with slots counted per replica: busy answers are waited on, not failures', async () => {
    const { statuses } = await timedBurst(await fleetOf(1, { UPSTREAM_SLOTS: 'local' }));

    expect(statuses).toEqual(Array(EVENTS).fill(200));
    // Three replicas each believe the one slot is theirs: the upstream refuses the overbooking as busy.
    expect(upstreams[0].busyRefusals).toBeGreaterThan(0);
  }, 60_000);

  it('should give back the slot of a replica killed while it held it, within the lease time', async () => {
    const leaseMs = 2_000;
    const replicas = await fleetOf(1, { UPSTREAM_SLOT_LEASE_MS: String(leaseMs) });
    const [upstream] = upstreams;
    upstream.enqueue('/v1/chat/completions', { kind: 'hang' });
    void replicas.post(0, 'held until the replica dies').catch(() => undefined);
    while (upstream.generationsInProgress < 1) await new Promise((resolve) => setTimeout(resolve, 10));

    replicas.replicas[0].child.kill('SIGKILL');
    await replicas.replicas[0].exited;
    const startedAt = Date.now();
    const answer = await replicas.post(1, 'after the lease expires');
    const waitedMs = Date.now() - startedAt;

    expect(answer.status).toBe(200);
    // It waited for the dead replica's lease (renewed every third of it) to expire, and not much longer.
    expect(waitedMs).toBeGreaterThan(leaseMs / 2);
    expect(waitedMs).toBeLessThan(leaseMs + 1_000);
    expect(upstream.busyRefusals).toBe(0);
  }, 60_000);
});
