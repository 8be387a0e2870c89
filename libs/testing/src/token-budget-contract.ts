import type { OpenedStore } from './store-backends';

/** The token-budget store as the contract sees it (the port's shape, without importing the app). */
export interface ContractBudgetStore {
  reserve(request: { key: string; window: { startsAt: number; endsAt: number }; budget: number; tokens: number }): Promise<{ admitted: boolean; used: number; reserved: number }>;
  settle(request: { key: string; window: { startsAt: number; endsAt: number }; reserved: number; used: number }): Promise<void>;
  ping(): Promise<void>;
  sweepExpired(): Promise<number>;
}

export type BudgetStoreUnderTest = OpenedStore<ContractBudgetStore>;

let keySeed = 0;
/** Keys unique per test, so adapters sharing a database (Redis) never see each other's windows. */
const freshKey = (label: string) => `budget-contract-${process.pid}-${Date.now()}-${(keySeed += 1)}-${label}`;
const HOUR = 3_600_000;
const liveWindow = () => {
  const startsAt = Date.now() - (Date.now() % HOUR);
  return { startsAt, endsAt: startsAt + HOUR };
};

/**
 * The behaviour every token-budget store must have (reserve while under budget, settle to real usage,
 * atomic under concurrency), run against each adapter with `describe.each`. `open` is called per test.
 */
export function tokenBudgetStoreContract(open: () => Promise<BudgetStoreUnderTest>): void {
  let sut: BudgetStoreUnderTest;
  beforeEach(async () => {
    sut = await open();
  });
  afterEach(() => sut.dispose());

  it('should answer a ping while it is usable', async () => {
    await expect(sut.store.ping()).resolves.toBeUndefined();
  });

  it('should admit and reserve while used + reserved is under the budget, then refuse without reserving', async () => {
    const key = freshKey('reserve');
    const window = liveWindow();

    const first = await sut.store.reserve({ key, window, budget: 100, tokens: 60 });
    const second = await sut.store.reserve({ key, window, budget: 100, tokens: 60 });
    const third = await sut.store.reserve({ key, window, budget: 100, tokens: 60 });

    expect(first).toEqual({ admitted: true, used: 0, reserved: 60 });
    expect(second).toEqual({ admitted: true, used: 0, reserved: 120 });
    expect(third).toEqual({ admitted: false, used: 0, reserved: 120 });
  });

  it('should charge real usage and release the reservation on settle', async () => {
    const key = freshKey('settle');
    const window = liveWindow();
    await sut.store.reserve({ key, window, budget: 100, tokens: 80 });
    await sut.store.reserve({ key, window, budget: 100, tokens: 80 });

    await sut.store.settle({ key, window, reserved: 80, used: 30 });
    await sut.store.settle({ key, window, reserved: 80, used: 50 });

    expect(await sut.store.reserve({ key, window, budget: 100, tokens: 10 })).toEqual({ admitted: true, used: 80, reserved: 10 });
    expect(await sut.store.reserve({ key, window, budget: 100, tokens: 10 })).toEqual({ admitted: true, used: 80, reserved: 20 });
    expect(await sut.store.reserve({ key, window, budget: 100, tokens: 10 })).toEqual({ admitted: false, used: 80, reserved: 20 });
  });

  it('should never let the reservation go below zero (a settle larger than what is reserved)', async () => {
    const key = freshKey('floor');
    const window = liveWindow();
    await sut.store.reserve({ key, window, budget: 100, tokens: 5 });

    await sut.store.settle({ key, window, reserved: 50, used: 5 });

    expect(await sut.store.reserve({ key, window, budget: 100, tokens: 1 })).toEqual({ admitted: true, used: 5, reserved: 1 });
  });

  it('should keep clients and windows apart', async () => {
    const key = freshKey('apart');
    const window = liveWindow();
    const next = { startsAt: window.endsAt, endsAt: window.endsAt + HOUR };
    await sut.store.reserve({ key, window, budget: 10, tokens: 10 });

    expect((await sut.store.reserve({ key: `${key}-other`, window, budget: 10, tokens: 10 })).admitted).toBe(true);
    expect((await sut.store.reserve({ key, window: next, budget: 10, tokens: 10 })).admitted).toBe(true);
    expect((await sut.store.reserve({ key, window, budget: 10, tokens: 10 })).admitted).toBe(false);
  });

  it('should ignore a settle for a window it does not hold, creating nothing', async () => {
    const key = freshKey('unknown');
    const window = liveWindow();

    await sut.store.settle({ key, window, reserved: 10, used: 500 });

    expect(await sut.store.reserve({ key, window, budget: 100, tokens: 10 })).toEqual({ admitted: true, used: 0, reserved: 10 });
  });

  it('should admit exactly as many requests as the budget holds under concurrent reservations (the check is atomic)', async () => {
    const key = freshKey('concurrent');
    const window = liveWindow();

    const states = await Promise.all(Array.from({ length: 200 }, () => sut.store.reserve({ key, window, budget: 500, tokens: 10 })));

    expect(states.filter((s) => s.admitted)).toHaveLength(50);
    expect(Math.max(...states.map((s) => s.reserved))).toBe(500);
  });

  it('should forget ended windows (swept, or expired by the backend) and keep live ones', async () => {
    const ended = freshKey('ended');
    const live = freshKey('live');
    const endedWindow = { startsAt: Date.now() - 2000, endsAt: Date.now() - 1000 };
    await sut.store.reserve({ key: ended, window: endedWindow, budget: 100, tokens: 5 });
    await sut.store.reserve({ key: live, window: liveWindow(), budget: 100, tokens: 5 });

    await sut.store.sweepExpired();

    expect((await sut.store.reserve({ key: ended, window: endedWindow, budget: 100, tokens: 5 })).reserved).toBe(5);
    expect((await sut.store.reserve({ key: live, window: liveWindow(), budget: 100, tokens: 5 })).reserved).toBe(10);
  });
}
