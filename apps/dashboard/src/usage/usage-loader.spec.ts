import { ApiError, UnauthorisedError } from '../api/errors';
import { UsageParseError, type UsageReport } from '../api/usage';
import { UNREACHABLE, USAGE_ACTIVITY_GAP_MS, USAGE_REFRESH_MS, UsageLoader, type UsageState } from './usage-loader';

const NOW = Date.UTC(2026, 11, 5, 12, 30);
const HOUR = 3_600_000;
const report = (client: string): UsageReport => ({ from: '2026-12-04T12:00:00.000Z', to: '2026-12-05T13:00:00.000Z', clients: [{ client, requests: 1, promptTokens: 1, completionTokens: 1, totalTokens: 2, estimatedRequests: 1 }] });

/** A loader whose fetches are answered by hand, in any order. */
function setUp() {
  const pending: Array<{ range: { from: number; to: number }; resolve(r: UsageReport): void; reject(e: unknown): void }> = [];
  const states: UsageState[] = [];
  const onUnauthorised = jest.fn();
  const sut = new UsageLoader({
    fetchUsage: (range) => new Promise((resolve, reject) => pending.push({ range, resolve, reject })),
    now: () => NOW,
    onState: (state) => states.push(state),
    onUnauthorised,
  });
  return { sut, pending, states, onUnauthorised, statuses: () => states.map((s) => s.status) };
}

describe(UsageLoader.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  describe('start', () => {
    it('should load the last 24 hours at once, then again every minute, not more often', async () => {
      const { sut, pending, states, statuses } = setUp();

      sut.start();
      expect(pending.map((p) => p.range)).toEqual([{ from: NOW - 24 * HOUR, to: NOW }]);
      pending[0].resolve(report('a'));
      await jest.advanceTimersByTimeAsync(USAGE_REFRESH_MS - 1);
      expect(pending).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(pending).toHaveLength(2);

      expect(statuses()).toEqual(['loading', 'ready']);
      expect(states[1]).toMatchObject({ window: '24h', report: report('a'), loadedAt: NOW });
      sut.stop();
    });

    it('should keep showing the figures while a periodic load runs', async () => {
      const { sut, pending, statuses } = setUp();
      sut.start();
      pending[0].resolve(report('a'));
      await jest.advanceTimersByTimeAsync(USAGE_REFRESH_MS);

      pending[1].resolve(report('b'));
      await Promise.resolve();

      expect(statuses()).toEqual(['loading', 'ready', 'ready']);
      sut.stop();
    });
  });

  describe('setWindow', () => {
    it('should load the new window at once and ignore the old one answering late', async () => {
      const { sut, pending, states } = setUp();
      sut.start();

      sut.setWindow('7d');
      pending[1].resolve(report('week'));
      pending[0].resolve(report('day'));
      await jest.advanceTimersByTimeAsync(0);

      expect(pending[1].range).toEqual({ from: NOW - 7 * 24 * HOUR, to: NOW });
      expect(sut.state).toMatchObject({ status: 'ready', window: '7d', report: report('week') });
      expect(states.map((s) => `${s.status}:${s.window}`)).toEqual(['loading:24h', 'loading:7d', 'ready:7d']);
      sut.stop();
    });

    it('should only remember the window while stopped, and do nothing for the same window', () => {
      const { sut, pending, states } = setUp();
      sut.setWindow('24h');
      sut.setWindow('1h');

      expect(pending).toHaveLength(0);
      expect(states).toEqual([{ status: 'idle', window: '1h' }]);
      sut.start();
      expect(pending[0].range).toEqual({ from: NOW - HOUR, to: NOW });
      sut.stop();
    });
  });

  describe('failures', () => {
    it('should report the server message and keep the last figures of the same window', async () => {
      const { sut, pending } = setUp();
      sut.start();
      pending[0].resolve(report('a'));
      await jest.advanceTimersByTimeAsync(USAGE_REFRESH_MS);

      pending[1].reject(new ApiError(503, 'history_unavailable', 'The event history is unavailable.'));
      await jest.advanceTimersByTimeAsync(0);

      expect(sut.state).toEqual({ status: 'error', window: '24h', message: 'The event history is unavailable.', last: { report: report('a'), loadedAt: NOW } });
      sut.stop();
    });

    it.each([
      [new TypeError('Failed to fetch'), UNREACHABLE],
      [new UsageParseError('usage report has no valid range'), 'The server sent a usage report this page cannot read.'],
    ])('should explain %s without figures to fall back on', async (error, message) => {
      const { sut, pending } = setUp();
      sut.start();

      pending[0].reject(error);
      await jest.advanceTimersByTimeAsync(0);

      expect(sut.state).toEqual({ status: 'error', window: '24h', message, last: null });
      sut.stop();
    });

    it('should hand a 401 to the session flow instead of showing an error', async () => {
      const { sut, pending, onUnauthorised, statuses } = setUp();
      sut.start();

      pending[0].reject(new UnauthorisedError(401, 'unauthorized', 'Session expired'));
      await jest.advanceTimersByTimeAsync(0);

      expect(onUnauthorised).toHaveBeenCalledTimes(1);
      expect(statuses()).toEqual(['loading']);
      sut.stop();
    });
  });

  describe('stop', () => {
    it('should go idle, drop an answer still on its way and load no more', async () => {
      const { sut, pending } = setUp();
      sut.start();
      sut.stop();

      pending[0].resolve(report('late'));
      await jest.advanceTimersByTimeAsync(USAGE_REFRESH_MS * 2);

      expect(sut.state).toEqual({ status: 'idle', window: '24h' });
      expect(pending).toHaveLength(1);
      await expect(sut.refresh()).resolves.toBeUndefined();
      expect(pending).toHaveLength(1);
    });
  });

  describe('noticeRequests', () => {
    /** The loader on a clock the test moves. */
    function withClock() {
      const clock = { now: NOW };
      const fetches: number[] = [];
      const sut = new UsageLoader({
        fetchUsage: () => {
          fetches.push(clock.now);
          return Promise.resolve(report('a'));
        },
        now: () => clock.now,
        onState: () => undefined,
        onUnauthorised: () => undefined,
      });
      return { sut, clock, fetches };
    }

    it('should reload when the live feed shows new events, once the last load is old enough', async () => {
      const { sut, clock, fetches } = withClock();
      sut.start();
      await Promise.resolve();
      sut.noticeRequests(4);
      expect(fetches).toHaveLength(1);

      clock.now += USAGE_ACTIVITY_GAP_MS;
      sut.noticeRequests(4);

      expect(fetches).toEqual([NOW, NOW + USAGE_ACTIVITY_GAP_MS]);
      sut.stop();
    });

    it('should not reload while the request total stands still, nor while stopped', async () => {
      const { sut, clock, fetches } = withClock();
      sut.noticeRequests(7);
      sut.start();
      await Promise.resolve();
      clock.now += USAGE_ACTIVITY_GAP_MS;

      sut.noticeRequests(7);
      expect(fetches).toHaveLength(1);
      sut.stop();
      sut.noticeRequests(9);

      expect(fetches).toHaveLength(1);
    });
  });
});
