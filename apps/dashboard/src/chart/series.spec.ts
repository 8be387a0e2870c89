import { describeSeries, perSecondData, sparklineData } from './series';

const at = (iso: string, perSecond: number) => ({ time: Date.parse(iso), throughput: { perSecond, perMinute: perSecond * 60 } });

describe(sparklineData.name, () => {
  it('should place each bucket at the start of its minute, the last at the current minute', () => {
    const [xs, ys] = sparklineData({ time: Date.parse('2026-11-23T00:25:42.500Z'), sparkline: [4, 5, 6] });
    const current = Date.parse('2026-11-23T00:25:00Z') / 1_000;
    expect(xs).toEqual([current - 120, current - 60, current]);
    expect(ys).toEqual([4, 5, 6]);
  });

  it('should give empty series for an empty sparkline', () => {
    expect(sparklineData({ time: 0, sparkline: [] })).toEqual([[], []]);
  });
});

describe(perSecondData.name, () => {
  it('should plot each snapshot at its time in seconds', () => {
    expect(perSecondData([at('2026-11-23T00:00:00Z', 1), at('2026-11-23T00:00:05Z', 2)])).toEqual([
      [Date.parse('2026-11-23T00:00:00Z') / 1_000, Date.parse('2026-11-23T00:00:05Z') / 1_000],
      [1, 2],
    ]);
  });

  it('should keep only the later of two snapshots with the same time', () => {
    const [xs, ys] = perSecondData([at('2026-11-23T00:00:00Z', 1), at('2026-11-23T00:00:00Z', 3)]);
    expect(xs).toHaveLength(1);
    expect(ys).toEqual([3]);
  });

  it('should drop a snapshot older than the one before it, keeping x strictly increasing', () => {
    const [xs, ys] = perSecondData([at('2026-11-23T00:00:05Z', 1), at('2026-11-23T00:00:01Z', 9), at('2026-11-23T00:00:07Z', 2)]);
    expect(ys).toEqual([1, 2]);
    expect(xs[1]).toBeGreaterThan(xs[0]);
  });
});

describe(describeSeries.name, () => {
  it('should summarise the latest and peak values', () => {
    expect(describeSeries([[1, 2, 3], [4, 9, 2.345]], 'Events per minute', 'events')).toBe(
      'Events per minute: latest 2.35 events, peak 9 events over 3 points.',
    );
  });

  it('should say when there is no data', () => {
    expect(describeSeries([[], []], 'Events per second', 'events/s')).toBe('Events per second: no data yet.');
  });
});
