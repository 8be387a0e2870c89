import type { UsageReport } from '../api/usage';
import { describeUsage, formatRange, summaryOf } from './usage-panel';
import { topClients } from './top-clients';

const FORMAT = { locale: 'en-US', timeZone: 'UTC' };
const LOADED_AT = Date.UTC(2026, 11, 5, 12, 30, 5);
const client = (name: string, requests: number, tokens: number, estimated = 0) => ({
  client: name,
  requests,
  promptTokens: tokens / 2,
  completionTokens: tokens / 2,
  totalTokens: tokens,
  estimatedRequests: estimated,
});
const report = (clients: UsageReport['clients']): UsageReport => ({ from: '2026-12-04T12:00:00.000Z', to: '2026-12-05T13:00:00.000Z', clients });

describe(describeUsage.name, () => {
  it('should wait, then say it is loading, before any figures', () => {
    expect(describeUsage({ status: 'idle', window: '24h' }, FORMAT)).toMatchObject({ status: 'idle', range: '—', top: null });
    expect(describeUsage({ status: 'loading', window: '24h' }, FORMAT)).toMatchObject({ status: 'loading', message: 'Loading usage…', top: null });
  });

  it('should rank the clients of a loaded report under the range the server covered', () => {
    const panel = describeUsage({ status: 'ready', window: '24h', report: report([client('a', 1, 10), client('b', 3, 40, 3)]), loadedAt: LOADED_AT }, FORMAT);
    expect(panel).toMatchObject({ status: 'ready', message: '', range: '4 Dec, 12:00 – 5 Dec, 13:00' });
    expect(panel.top?.byTokens.map((r) => r.client)).toEqual(['b', 'a']);
    expect(panel.summary).toBe('2 clients · 50 tokens · 4 requests, 3 with estimated token counts');
  });

  it('should say so plainly when no client used the window', () => {
    const panel = describeUsage({ status: 'ready', window: '1h', report: report([]), loadedAt: LOADED_AT }, FORMAT);
    expect(panel).toMatchObject({ status: 'empty', message: 'No client sent requests in this window.', top: null, range: '4 Dec, 12:00 – 5 Dec, 13:00' });
  });

  describe('after a failure', () => {
    it('should explain it and show no figures when it has none', () => {
      const panel = describeUsage({ status: 'error', window: '24h', message: 'The server answered 502.', last: null }, FORMAT);
      expect(panel).toEqual({ status: 'error', message: 'Could not load usage: The server answered 502. Retrying every minute.', range: '—', summary: '', top: null });
    });

    it('should keep the last figures, saying how old they are', () => {
      const last = { report: report([client('a', 1, 10)]), loadedAt: LOADED_AT };
      const panel = describeUsage({ status: 'error', window: '24h', message: 'Down.', last }, FORMAT);
      expect(panel.status).toBe('error');
      expect(panel.message).toBe('Could not load usage: Down. Retrying every minute. Showing the figures from 12:30:05.');
      expect(panel.top?.byTokens).toHaveLength(1);
    });

    it('should keep an empty answer as a sentence, not as a table', () => {
      const panel = describeUsage({ status: 'error', window: '24h', message: 'Down.', last: { report: report([]), loadedAt: LOADED_AT } }, FORMAT);
      expect(panel).toMatchObject({ status: 'error', top: null, message: 'Could not load usage: Down. Retrying every minute. As of 12:30:05, no client had sent requests in this window.' });
    });
  });
});

describe(summaryOf.name, () => {
  it('should use singulars and say none or all for the estimates', () => {
    expect(summaryOf(topClients([client('a', 1, 1)]), 'en-US')).toBe('1 client · 1 token · 1 request, none with estimated token counts');
    expect(summaryOf(topClients([client('a', 2, 2_000, 2)]), 'en-US')).toBe('1 client · 2,000 tokens · 2 requests, all with estimated token counts');
  });
});

describe(formatRange.name, () => {
  it('should give a dash for a range it cannot read', () => {
    expect(formatRange('soon', '2026-12-05T13:00:00.000Z')).toBe('—');
  });
});
