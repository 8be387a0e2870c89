import { Counter, Histogram, Registry } from 'prom-client';
import { everyCombination, startAtZero } from './known-series.util';

describe('known-series.util', () => {
  describe(everyCombination.name, () => {
    it('should give the cartesian product of the label values', () => {
      expect(everyCombination({ outcome: ['success', 'error'], code: ['a', 'b'] })).toEqual([
        { outcome: 'success', code: 'a' },
        { outcome: 'success', code: 'b' },
        { outcome: 'error', code: 'a' },
        { outcome: 'error', code: 'b' },
      ]);
    });

    it('should give nothing when a label has no values', () => {
      expect(everyCombination({ outcome: ['success'], code: [] })).toEqual([]);
    });
  });

  describe(startAtZero.name, () => {
    it('should expose every counter series at 0 before any increment', async () => {
      const registry = new Registry();
      const sut = new Counter({ name: 'sut_total', help: 'h', labelNames: ['reason'], registers: [registry] });
      startAtZero(sut, [{ reason: 'missing' }, { reason: 'invalid' }]);
      const text = await registry.metrics();
      expect(text).toContain('sut_total{reason="missing"} 0');
      expect(text).toContain('sut_total{reason="invalid"} 0');
    });

    it('should expose every histogram series with zero buckets and count', async () => {
      const registry = new Registry();
      const sut = new Histogram({ name: 'sut_seconds', help: 'h', labelNames: ['route'], buckets: [1], registers: [registry] });
      startAtZero(sut, [{ route: '/event' }]);
      const text = await registry.metrics();
      expect(text).toContain('sut_seconds_bucket{le="1",route="/event"} 0');
      expect(text).toContain('sut_seconds_count{route="/event"} 0');
    });
  });
});
