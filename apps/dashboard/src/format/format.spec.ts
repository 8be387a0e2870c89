import { formatAgo, formatClock, formatCount, formatIsoClock, formatLatency, formatPercent, formatRate, MISSING, successRate } from './format';

describe(formatCount.name, () => {
  it('should group thousands and drop fractions', () => {
    expect(formatCount(1234567.4, 'en-US')).toBe('1,234,567');
  });

  it('should render missing values as a dash', () => {
    expect(formatCount(Number.NaN)).toBe(MISSING);
    expect(formatCount(undefined)).toBe(MISSING);
  });
});

describe(successRate.name, () => {
  it('should compute the share of successful requests', () => {
    expect(successRate({ requests: 120, successes: 110 })).toBeCloseTo(91.667, 3);
  });

  it('should be null before the first request rather than 0', () => {
    expect(successRate({ requests: 0, successes: 0 })).toBeNull();
  });

  it('should stay within 0–100 when counters disagree', () => {
    expect(successRate({ requests: 2, successes: 3 })).toBe(100);
  });
});

describe(formatPercent.name, () => {
  it('should show one decimal', () => {
    expect(formatPercent(91.6667, 'en-US')).toBe('91.7%');
  });

  it('should show round extremes without a decimal', () => {
    expect(formatPercent(100, 'en-US')).toBe('100%');
    expect(formatPercent(0, 'en-US')).toBe('0%');
  });

  it('should never round an imperfect rate up to 100%', () => {
    expect(formatPercent(99.97, 'en-US')).toBe('99.9%');
  });

  it('should render no rate as a dash', () => {
    expect(formatPercent(null)).toBe(MISSING);
  });
});

describe(formatLatency.name, () => {
  it('should show milliseconds below a second', () => {
    expect(formatLatency(123.4, 'en-US')).toBe('123 ms');
    expect(formatLatency(2.35, 'en-US')).toBe('2.4 ms');
  });

  it('should switch to seconds from a second up', () => {
    expect(formatLatency(1_250, 'en-US')).toBe('1.25 s');
    expect(formatLatency(12_500, 'en-US')).toBe('12.5 s');
  });
});

describe(formatRate.name, () => {
  it('should keep the decimals that matter at each size', () => {
    expect(formatRate(1.5, '/s', 'en-US')).toBe('1.5/s');
    expect(formatRate(0.3333, '/s', 'en-US')).toBe('0.33/s');
    expect(formatRate(12.345, '/s', 'en-US')).toBe('12.3/s');
    expect(formatRate(1234.5, '/min', 'en-US')).toBe('1,235/min');
  });
});

describe(formatClock.name, () => {
  it('should give a 24-hour HH:MM:SS', () => {
    expect(formatClock(Date.UTC(2026, 10, 23, 0, 25, 7), 'UTC')).toBe('00:25:07');
    expect(formatClock(Date.UTC(2026, 10, 23, 18, 5, 0), 'UTC')).toBe('18:05:00');
  });

  it('should leave the seconds out when asked', () => {
    expect(formatClock(Date.UTC(2026, 10, 23, 9, 5, 59), 'UTC', false)).toBe('09:05');
  });

  it('should render an invalid time as a dash', () => {
    expect(formatClock(Number.NaN)).toBe(MISSING);
  });
});

describe(formatIsoClock.name, () => {
  it('should format an ISO timestamp and pass through one it cannot parse', () => {
    expect(formatIsoClock('2026-11-23T00:25:00.000Z', 'UTC')).toBe('00:25:00');
    expect(formatIsoClock('soon')).toBe('soon');
    expect(formatIsoClock('')).toBe(MISSING);
  });
});

describe(formatAgo.name, () => {
  const now = Date.UTC(2026, 10, 23, 12, 0, 0);

  it.each([
    [0, 'just now'],
    [999, 'just now'],
    [1_000, '1 s ago'],
    [59_999, '59 s ago'],
    [60_000, '1 min ago'],
    [3_599_000, '59 min ago'],
    [3_600_000, '1 h ago'],
    [47 * 3_600_000, '47 h ago'],
    [48 * 3_600_000, '2 d ago'],
  ])('should describe %i ms before now as "%s"', (ago, text) => {
    expect(formatAgo(now - ago, now)).toBe(text);
  });

  it('should read a time after now (clock skew) as just now', () => {
    expect(formatAgo(now + 5_000, now)).toBe('just now');
  });

  it('should render an unparsed time as a dash', () => {
    expect(formatAgo(Number.NaN, now)).toBe(MISSING);
  });
});
