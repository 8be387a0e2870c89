import { parseSnapshot, parseSnapshotJson, SnapshotParseError } from './snapshot';

const full = {
  timestamp: '2026-11-23T00:25:00.000Z',
  totals: { requests: 120, successes: 110, errors: 10 },
  latency: { average: 123.4, p50: 100, p95: 250, p99: 480 },
  throughput: { perSecond: 1.5, perMinute: 90 },
  sparkline: [0, 3, 5],
  statusPanels: {
    backend: { status: 'online', message: 'Upstream answering normally' },
    latency: { status: 'degraded', message: 'p95 250 ms' },
    throughput: { status: 'offline', message: '0 events/s' },
  },
  recentErrors: [{ id: 'e1', code: 'api_server_error', message: 'boom', timestamp: '2026-11-23T00:24:59.000Z' }],
  queue: { depth: 2, inFlight: 1 },
  upstreams: [
    { upstream: 'http://10.0.3.7:5001', state: 'closed', slots: 1, slotsInUse: 1, inFlight: 1, served: 40, busy: 2, lastError: null },
    {
      upstream: 'http://10.0.3.8:5001',
      state: 'open',
      slots: 2,
      slotsInUse: null,
      inFlight: 0,
      served: 3,
      busy: 0,
      lastError: { kind: 'timeout', message: 'no answer in 120 s', at: '2026-11-23T00:24:30.000Z' },
    },
  ],
};

describe(parseSnapshot.name, () => {
  describe('with a complete snapshot', () => {
    it('should keep every field and add the epoch time', () => {
      const snapshot = parseSnapshot(full);
      expect(snapshot.time).toBe(Date.UTC(2026, 10, 23, 0, 25));
      expect(snapshot.totals).toEqual({ requests: 120, successes: 110, errors: 10 });
      expect(snapshot.latency.p99).toBe(480);
      expect(snapshot.sparkline).toEqual([0, 3, 5]);
      expect(snapshot.statusPanels.latency).toEqual({ status: 'degraded', message: 'p95 250 ms' });
      expect(snapshot.recentErrors[0]).toEqual(full.recentErrors[0]);
      expect(snapshot.queue).toEqual({ depth: 2, inFlight: 1 });
      expect(snapshot.upstreams).toEqual(full.upstreams);
    });
  });

  describe('with gaps', () => {
    it('should read missing or non-numeric numbers as 0', () => {
      const snapshot = parseSnapshot({ timestamp: full.timestamp, totals: { requests: '12', successes: null }, sparkline: [1, 'x', Infinity] });
      expect(snapshot.totals).toEqual({ requests: 0, successes: 0, errors: 0 });
      expect(snapshot.sparkline).toEqual([1, 0, 0]);
      expect(snapshot.queue).toEqual({ depth: 0, inFlight: 0 });
    });

    it('should mark a status it does not know as unknown', () => {
      const snapshot = parseSnapshot({ ...full, statusPanels: { backend: { status: 'exploded', message: 'm' } } });
      expect(snapshot.statusPanels.backend.status).toBe('unknown');
      expect(snapshot.statusPanels.throughput).toEqual({ status: 'unknown', message: '' });
    });

    it('should give an error without a code a generic one', () => {
      const snapshot = parseSnapshot({ ...full, recentErrors: [{ id: 'x', message: 'm' }] });
      expect(snapshot.recentErrors[0].code).toBe('unknown_error');
    });
  });

  describe('upstreams', () => {
    const upstreamsOf = (upstreams: unknown) => parseSnapshot({ timestamp: full.timestamp, upstreams }).upstreams;

    it('should be empty from a server that does not send them', () => {
      expect(parseSnapshot({ timestamp: full.timestamp }).upstreams).toEqual([]);
      expect(upstreamsOf({ upstream: 'http://a' })).toEqual([]);
    });

    it('should mark a state it does not know as unknown', () => {
      expect(upstreamsOf([{ upstream: 'http://a', state: 'draining' }, { upstream: 'http://b' }]).map((u) => u.state)).toEqual(['unknown', 'unknown']);
    });

    it('should keep every state it knows', () => {
      const states = ['closed', 'half-open', 'open', 'leaving'];
      expect(upstreamsOf(states.map((state) => ({ upstream: 'http://a', state }))).map((u) => u.state)).toEqual(states);
    });

    it('should read missing or non-numeric counts as 0 and an unknown slot count as null', () => {
      expect(upstreamsOf([{ upstream: 'http://a', state: 'closed', slots: '1', served: NaN, busy: null }])).toEqual([
        { upstream: 'http://a', state: 'closed', slots: 0, slotsInUse: null, inFlight: 0, served: 0, busy: 0, lastError: null },
      ]);
      expect(upstreamsOf([{ slotsInUse: 0 }, { slotsInUse: '2' }, { slotsInUse: Infinity }]).map((u) => u.slotsInUse)).toEqual([0, null, null]);
    });

    it('should drop a last error without a kind, and fill in a partial one', () => {
      const errors = [null, 'boom', [], {}, { kind: '' }, { kind: 3, message: 'm' }, { kind: 'timeout' }];
      expect(upstreamsOf(errors.map((lastError) => ({ upstream: 'http://a', lastError }))).map((u) => u.lastError)).toEqual([
        null,
        null,
        null,
        null,
        null,
        null,
        { kind: 'timeout', message: '', at: '' },
      ]);
    });

    it('should drop entries that are not objects and keep one without an address', () => {
      const upstreams = upstreamsOf([null, 'http://a', 7, { state: 'open' }]);
      expect(upstreams).toHaveLength(1);
      expect(upstreams[0]).toMatchObject({ upstream: '', state: 'open' });
    });
  });

  describe('with unusable input', () => {
    it('should reject a value that is not an object', () => {
      expect(() => parseSnapshot([full])).toThrow(SnapshotParseError);
    });

    it('should reject a snapshot without a valid timestamp', () => {
      expect(() => parseSnapshot({ ...full, timestamp: 'yesterday' })).toThrow(/timestamp/);
    });
  });
});

describe(parseSnapshotJson.name, () => {
  it('should parse the text of an SSE data field', () => {
    expect(parseSnapshotJson(JSON.stringify(full)).totals.requests).toBe(120);
  });

  it('should turn invalid JSON into a SnapshotParseError', () => {
    expect(() => parseSnapshotJson('{"timestamp":')).toThrow(SnapshotParseError);
  });
});
