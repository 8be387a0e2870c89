import type { ThrottlerStorage } from '@nestjs/throttler';
import type { OpenedStore } from './store-backends';

/** What a rate-limit store adapter offers beyond `ThrottlerStorage`, as the contract needs it. */
export interface ContractStore extends ThrottlerStorage {
  sweepExpired(): Promise<number>;
  ping(): Promise<void>;
}

export type StoreUnderTest = OpenedStore<ContractStore>;

let keySeed = 0;
/** Keys unique per test, so adapters sharing a database (Redis) never see each other's windows. */
const freshKey = (label: string) => `contract-${process.pid}-${Date.now()}-${(keySeed += 1)}-${label}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The behaviour every rate-limit store must have (fixed window, atomic count), run against each
 * adapter with `describe.each`. `open` is called once per test.
 */
export function rateLimitStoreContract(open: () => Promise<StoreUnderTest>): void {
  let sut: StoreUnderTest;
  beforeEach(async () => {
    sut = await open();
  });
  afterEach(() => sut.dispose());

  it('should answer a ping while it is usable', async () => {
    await expect(sut.store.ping()).resolves.toBeUndefined();
  });

  it('should count the first request of a window as 1, with the window length left', async () => {
    const record = await sut.store.increment(freshKey('first'), 60_000, 5, 60_000, 'default');

    expect(record).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('should admit exactly `limit` requests, then block until the window ends', async () => {
    const key = freshKey('limit');
    const records = [];
    for (let i = 0; i < 4; i += 1) records.push(await sut.store.increment(key, 30_000, 3, 30_000, 'default'));

    expect(records.map((r) => r.isBlocked)).toEqual([false, false, false, true]);
    expect(records[3].totalHits).toBe(4);
    expect(records[3].timeToBlockExpire).toBeGreaterThanOrEqual(29);
    expect(records[3].timeToBlockExpire).toBeLessThanOrEqual(30);
  });

  it('should keep keys and throttler names apart', async () => {
    const key = freshKey('apart');
    await sut.store.increment(key, 60_000, 1, 60_000, 'default');

    expect((await sut.store.increment(`${key}-other`, 60_000, 1, 60_000, 'default')).isBlocked).toBe(false);
    expect((await sut.store.increment(key, 60_000, 1, 60_000, 'burst')).isBlocked).toBe(false);
    expect((await sut.store.increment(key, 60_000, 1, 60_000, 'default')).isBlocked).toBe(true);
  });

  it('should open a new window once the old one has ended', async () => {
    const key = freshKey('expiry');
    await sut.store.increment(key, 200, 1, 200, 'default');
    expect((await sut.store.increment(key, 200, 1, 200, 'default')).isBlocked).toBe(true);

    await sleep(260);

    expect(await sut.store.increment(key, 200, 1, 200, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('should admit exactly the limit under concurrent requests (the count is atomic)', async () => {
    const key = freshKey('concurrent');

    const records = await Promise.all(Array.from({ length: 200 }, () => sut.store.increment(key, 60_000, 50, 60_000, 'default')));

    expect(records.filter((r) => !r.isBlocked)).toHaveLength(50);
    expect(new Set(records.map((r) => r.totalHits)).size).toBe(200);
  });

  it('should sweep ended windows without touching live ones', async () => {
    const ended = freshKey('ended');
    const live = freshKey('live');
    await sut.store.increment(ended, 100, 5, 100, 'default');
    await sut.store.increment(live, 60_000, 5, 60_000, 'default');
    await sleep(150);

    await sut.store.sweepExpired();

    expect((await sut.store.increment(live, 60_000, 5, 60_000, 'default')).totalHits).toBe(2);
    expect((await sut.store.increment(ended, 60_000, 5, 60_000, 'default')).totalHits).toBe(1);
  });
}
