import { SnapshotHistory } from './snapshot-history';

function filled(capacity: number, count: number): SnapshotHistory<string> {
  const history = new SnapshotHistory<string>(capacity);
  for (let i = 0; i < count; i++) history.push(`s${i}`);
  return history;
}

describe(SnapshotHistory.name, () => {
  describe('construction', () => {
    it('should refuse a capacity that is not a positive integer', () => {
      expect(() => new SnapshotHistory(0)).toThrow(RangeError);
      expect(() => new SnapshotHistory(2.5)).toThrow(RangeError);
    });

    it('should start empty', () => {
      const history = new SnapshotHistory<string>(3);
      expect(history.size).toBe(0);
      expect(history.range()).toBeNull();
      expect(history.latest()).toBeUndefined();
      expect(history.slice(0, 10)).toEqual([]);
    });
  });

  describe('before it is full', () => {
    it('should number entries from 0 and keep them all', () => {
      const history = filled(5, 3);
      expect(history.range()).toEqual({ first: 0, last: 2 });
      expect(history.get(1)).toBe('s1');
      expect(history.latest()).toBe('s2');
    });
  });

  describe('once it wraps around', () => {
    it('should keep only the newest entries under their original sequence numbers', () => {
      const history = filled(3, 7);
      expect(history.size).toBe(3);
      expect(history.range()).toEqual({ first: 4, last: 6 });
      expect(history.get(4)).toBe('s4');
      expect(history.get(3)).toBeUndefined();
      expect(history.get(7)).toBeUndefined();
    });

    it('should slice oldest first, clamped to what is kept', () => {
      expect(filled(3, 7).slice(0, 5)).toEqual(['s4', 's5']);
      expect(filled(3, 7).slice(5, 99)).toEqual(['s5', 's6']);
    });
  });
});
