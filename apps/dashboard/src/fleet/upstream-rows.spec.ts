import type { UpstreamStatus } from '../api/snapshot';
import { MISSING } from '../format/format';
import { fleetSummary, UPSTREAM_BADGES, upstreamRows } from './upstream-rows';

const NOW = Date.UTC(2026, 10, 23, 0, 25, 0);
const FORMAT = { locale: 'en-US', timeZone: 'UTC' };

const upstream = (overrides: Partial<UpstreamStatus> = {}): UpstreamStatus => ({
  upstream: 'http://10.0.3.7:5001',
  state: 'closed',
  slots: 1,
  slotsInUse: 0,
  inFlight: 0,
  served: 0,
  busy: 0,
  lastError: null,
  ...overrides,
});

describe(upstreamRows.name, () => {
  describe('counts', () => {
    it('should show slots in use over slots, and counts with grouping', () => {
      const [row] = upstreamRows([upstream({ slots: 4, slotsInUse: 1, inFlight: 1, served: 12345, busy: 3 })], NOW, FORMAT);
      expect(row).toMatchObject({ address: 'http://10.0.3.7:5001', slots: '1 / 4', slotsFull: false, inFlight: '1', served: '12,345', busy: '3' });
      expect(row.raw).toEqual({ slots: 4, slotsInUse: 1, inFlight: 1, served: 12345, busy: 3 });
    });

    it('should show a dash for slots in use the shared store cannot report', () => {
      const [row] = upstreamRows([upstream({ slots: 1, slotsInUse: null })], NOW, FORMAT);
      expect(row.slots).toBe(`${MISSING} / 1`);
      expect(row.slotsFull).toBe(false);
    });

    it('should flag an upstream whose every slot is taken, even by other replicas', () => {
      const rows = upstreamRows([upstream({ slots: 1, slotsInUse: 1 }), upstream({ slots: 2, slotsInUse: 3 }), upstream({ slots: 0, slotsInUse: 0 })], NOW, FORMAT);
      expect(rows.map((row) => row.slotsFull)).toEqual([true, true, false]);
    });

    it('should show a dash for an upstream without an address', () => {
      expect(upstreamRows([upstream({ upstream: '' })], NOW, FORMAT)[0].address).toBe(MISSING);
    });
  });

  describe('state', () => {
    it.each([
      ['closed', 'Serving', 'online'],
      ['half-open', 'Probing', 'degraded'],
      ['open', 'Failing', 'offline'],
      ['leaving', 'Leaving', 'neutral'],
      ['unknown', 'Unknown', 'unknown'],
    ] as const)('should show %s as "%s" in the %s colour', (state, label, tone) => {
      const [row] = upstreamRows([upstream({ state })], NOW, FORMAT);
      expect(row.state).toBe(state);
      expect(row.badge).toMatchObject({ label, tone });
    });

    it('should give every state its own icon, so colour is never the only cue', () => {
      const icons = Object.values(UPSTREAM_BADGES).map((badge) => badge.icon);
      expect(new Set(icons).size).toBe(icons.length);
    });
  });

  describe('last error', () => {
    it('should show the kind and its age at the snapshot time, with the message and clock time as the tooltip', () => {
      const lastError = { kind: 'timeout', message: 'no answer in 120 s', at: '2026-11-23T00:24:18.000Z' };
      const [row] = upstreamRows([upstream({ lastError })], NOW, FORMAT);
      expect(row.lastError).toEqual({ kind: 'timeout', ago: '42 s ago', at: lastError.at, title: 'no answer in 120 s (at 00:24:18)' });
    });

    it('should keep the kind when the time does not parse, and say when there is no message', () => {
      const [row] = upstreamRows([upstream({ lastError: { kind: 'busy', message: '', at: 'soon' } })], NOW, FORMAT);
      expect(row.lastError).toEqual({ kind: 'busy', ago: '', at: '', title: 'No message' });
    });

    it('should be null when the upstream has not failed', () => {
      expect(upstreamRows([upstream()], NOW, FORMAT)[0].lastError).toBeNull();
    });
  });

  describe('keys', () => {
    it('should keep the server order and give rows sharing an address distinct keys', () => {
      const rows = upstreamRows([upstream({ upstream: 'http://b' }), upstream({ upstream: 'http://a' }), upstream({ upstream: 'http://b' })], NOW, FORMAT);
      expect(rows.map((row) => row.address)).toEqual(['http://b', 'http://a', 'http://b']);
      expect(new Set(rows.map((row) => row.key)).size).toBe(3);
    });

    it('should build twenty rows without fuss', () => {
      const many = Array.from({ length: 20 }, (_, i) => upstream({ upstream: `http://10.0.3.${i}:5001` }));
      expect(upstreamRows(many, NOW, FORMAT)).toHaveLength(20);
    });
  });
});

describe(fleetSummary.name, () => {
  it('should count zero upstreams without repeating the empty-table line', () => {
    expect(fleetSummary([])).toBe('0 upstreams');
  });

  it('should count one upstream in the singular', () => {
    expect(fleetSummary([{ state: 'closed' }])).toBe('1 upstream: 1 serving');
  });

  it('should count each state present, healthy first, then those needing attention', () => {
    const states = ['leaving', 'closed', 'open', 'closed', 'half-open'] as const;
    expect(fleetSummary(states.map((state) => ({ state })))).toBe('5 upstreams: 2 serving, 1 failing, 1 probing, 1 leaving');
  });
});
