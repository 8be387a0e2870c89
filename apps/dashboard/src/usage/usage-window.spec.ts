import { DEFAULT_USAGE_WINDOW, parseUsageWindow, usageWindowRange } from './usage-window';

describe(parseUsageWindow.name, () => {
  it('should keep a window it knows', () => {
    expect(['1h', '24h', '7d', '30d'].map(parseUsageWindow)).toEqual(['1h', '24h', '7d', '30d']);
  });

  it('should fall back to the last 24 hours for anything else', () => {
    expect([null, undefined, '', '2h', 'toString', '__proto__'].map(parseUsageWindow)).toEqual(Array(6).fill(DEFAULT_USAGE_WINDOW));
    expect(DEFAULT_USAGE_WINDOW).toBe('24h');
  });
});

describe(usageWindowRange.name, () => {
  it('should end now and start the window length before', () => {
    const now = Date.UTC(2026, 11, 5, 12, 34);
    expect(usageWindowRange('1h', now)).toEqual({ from: now - 3_600_000, to: now });
    expect(usageWindowRange('7d', now)).toEqual({ from: Date.UTC(2026, 10, 28, 12, 34), to: now });
  });
});
