import { parseUsageReport, UsageParseError } from './usage';

const RANGE = { from: '2026-12-04T21:00:00.000Z', to: '2026-12-05T22:00:00.000Z' };

describe(parseUsageReport.name, () => {
  describe('with a complete report', () => {
    it('should keep every client as sent', () => {
      const client = { client: 'ci', requests: 2, promptTokens: 20, completionTokens: 24, totalTokens: 44, estimatedRequests: 2 };
      expect(parseUsageReport({ ...RANGE, clients: [client] })).toEqual({ ...RANGE, clients: [client] });
    });
  });

  describe('with gaps', () => {
    it('should read missing, negative or non-numeric counts as 0 and derive a missing total', () => {
      const report = parseUsageReport({ ...RANGE, clients: [{ client: 'a', requests: '3', promptTokens: 5, completionTokens: -1, estimatedRequests: NaN }] });
      expect(report.clients).toEqual([{ client: 'a', requests: 0, promptTokens: 5, completionTokens: 0, totalTokens: 5, estimatedRequests: 0 }]);
    });

    it('should drop entries that are not objects and treat a missing list as empty', () => {
      expect(parseUsageReport({ ...RANGE, clients: [null, 'a', { client: 'b' }] }).clients.map((c) => c.client)).toEqual(['b']);
      expect(parseUsageReport(RANGE).clients).toEqual([]);
    });
  });

  describe('with unusable input', () => {
    it('should refuse a body that is not an object or has no valid range', () => {
      expect(() => parseUsageReport([])).toThrow(UsageParseError);
      expect(() => parseUsageReport({ from: 'yesterday', to: RANGE.to })).toThrow(/range/);
    });
  });
});
