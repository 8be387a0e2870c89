/** A candidate upstream as the slots contract offers it (structurally the app's `SlotCandidate`). */
export interface ContractSlotCandidate {
  readonly key: string;
  readonly slots: number;
}

/** What the contract needs of an upstream-slots adapter (structurally the app's `UpstreamSlots`). */
export interface ContractSlots {
  tryAcquire<T extends ContractSlotCandidate>(candidates: readonly T[]): Promise<{ candidate: T; release(): void } | null>;
  inUse(keys: readonly string[]): Promise<Map<string, number> | undefined>;
  onFreed(listener: () => void): void;
}

export interface SlotsUnderTest {
  slots: ContractSlots;
  /** Closes connections. */
  dispose(): Promise<void>;
}

let keySeed = 0;
/** Upstream names unique per test, so adapters sharing a Redis never see each other's leases. */
const freshKey = (label: string) => `http://contract-${process.pid}-${Date.now()}-${(keySeed += 1)}-${label}:5001`;
const candidate = (label: string, slots: number): ContractSlotCandidate => ({ key: freshKey(label), slots });

/**
 * The behaviour every upstream-slots adapter must have (see the `UpstreamSlots` port), run against each
 * adapter with `describe.each`. `open` is called once per test.
 */
export function upstreamSlotsContract(open: () => Promise<SlotsUnderTest>): void {
  let sut: SlotsUnderTest;
  beforeEach(async () => {
    sut = await open();
  });
  afterEach(() => sut.dispose());

  it('should grant up to the slots of an upstream, then answer null', async () => {
    const upstream = candidate('full', 2);

    const first = await sut.slots.tryAcquire([upstream]);
    const second = await sut.slots.tryAcquire([upstream]);
    const third = await sut.slots.tryAcquire([upstream]);

    expect(first?.candidate).toBe(upstream);
    expect(second?.candidate).toBe(upstream);
    expect(third).toBeNull();
    expect(await sut.slots.inUse([upstream.key])).toEqual(new Map([[upstream.key, 2]]));
  });

  it('should take the least busy candidate, the earliest on ties', async () => {
    const a = candidate('a', 3);
    const b = candidate('b', 3);

    expect((await sut.slots.tryAcquire([a, b]))?.candidate).toBe(a);
    expect((await sut.slots.tryAcquire([a, b]))?.candidate).toBe(b);
    expect((await sut.slots.tryAcquire([b, a]))?.candidate).toBe(b);
    expect((await sut.slots.tryAcquire([a, b]))?.candidate).toBe(a);
  });

  it('should skip a full candidate for one with a free slot', async () => {
    const full = candidate('full', 1);
    const free = candidate('free', 1);
    await sut.slots.tryAcquire([full]);

    expect((await sut.slots.tryAcquire([full, free]))?.candidate).toBe(free);
  });

  it('should free the slot on release, once however often it is called, and announce it', async () => {
    const upstream = candidate('release', 1);
    const announced = new Promise<void>((resolve) => sut.slots.onFreed(resolve));
    const lease = await sut.slots.tryAcquire([upstream]);
    const other = candidate('other', 1);
    await sut.slots.tryAcquire([other]);

    lease?.release();
    lease?.release();
    await announced;

    expect((await sut.slots.tryAcquire([upstream]))?.candidate).toBe(upstream);
    expect(await sut.slots.tryAcquire([upstream])).toBeNull();
    expect(await sut.slots.inUse([upstream.key, other.key])).toEqual(
      new Map([
        [upstream.key, 1],
        [other.key, 1],
      ]),
    );
  });

  it('should never grant more than the slots to concurrent requests', async () => {
    const upstreams = [candidate('x', 2), candidate('y', 1), candidate('z', 3)];

    const leases = await Promise.all(Array.from({ length: 60 }, () => sut.slots.tryAcquire(upstreams)));

    const granted = leases.filter((lease) => lease !== null);
    expect(granted).toHaveLength(6);
    for (const upstream of upstreams) expect(granted.filter((lease) => lease?.candidate === upstream)).toHaveLength(upstream.slots);
  });

  it('should answer null for no candidates, and zero in use for an upstream never used', async () => {
    const idle = freshKey('idle');

    expect(await sut.slots.tryAcquire([])).toBeNull();
    expect(await sut.slots.inUse([idle])).toEqual(new Map([[idle, 0]]));
  });
}
