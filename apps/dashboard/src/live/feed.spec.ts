import { UnauthorisedError, ApiError } from '../api/errors';
import { parseSnapshot, type Snapshot } from '../api/snapshot';
import { FakeStreams } from '../testing/fake-stream';
import { DEFAULT_BACKOFF } from './backoff';
import type { ConnectionState } from './connection-state';
import { LiveFeed } from './feed';

const snapshotJson = (requests: number) => JSON.stringify({ timestamp: '2026-11-23T00:25:00.000Z', totals: { requests } });

function setup(fetchSummary: () => Promise<Snapshot> = async () => parseSnapshot(JSON.parse(snapshotJson(7)))) {
  const streams = new FakeStreams();
  const states: ConnectionState['transport'][] = [];
  const deps = {
    openStream: streams.open,
    fetchSummary: jest.fn(fetchSummary),
    onSnapshot: jest.fn<void, [Snapshot]>(),
    onState: (state: ConnectionState) => states.push(state.transport),
    onUnauthorised: jest.fn(),
    onBadData: jest.fn(),
  };
  const supervisor = { backoff: { ...DEFAULT_BACKOFF, jitter: 0 }, stallMs: 20_000, browserRetryGraceMs: 10_000, random: Math.random };
  const feed = new LiveFeed(deps, { pollIntervalMs: 4_000, supervisor });
  feed.start();
  return { feed, streams, deps, states };
}

describe(LiveFeed.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  describe('with a healthy stream', () => {
    it('should go live and deliver parsed snapshots without polling', async () => {
      const { feed, streams, deps, states } = setup();
      streams.last.accept();
      streams.last.send(snapshotJson(3));
      await jest.advanceTimersByTimeAsync(10_000);
      expect(states).toEqual(['connecting', 'live']);
      expect(deps.onSnapshot.mock.calls[0][0].totals.requests).toBe(3);
      expect(deps.fetchSummary).not.toHaveBeenCalled();
      feed.stop();
    });

    it('should skip data it cannot parse and carry on', () => {
      const { feed, streams, deps } = setup();
      streams.last.accept();
      streams.last.send('not json');
      expect(deps.onBadData).toHaveBeenCalledTimes(1);
      expect(deps.onSnapshot).not.toHaveBeenCalled();
      feed.stop();
    });
  });

  describe('while the stream is down', () => {
    it('should poll the summary at once and every interval, then stop polling when the stream is back', async () => {
      const { feed, streams, deps, states } = setup();
      streams.last.accept();
      streams.last.fail(true);
      await jest.advanceTimersByTimeAsync(0);
      expect(deps.fetchSummary).toHaveBeenCalledTimes(1);
      expect(states).toEqual(['connecting', 'live', 'reconnecting', 'polling']);
      expect(deps.onSnapshot.mock.calls[0][0].totals.requests).toBe(7);
      await jest.advanceTimersByTimeAsync(4_000);
      expect(deps.fetchSummary).toHaveBeenCalledTimes(2);
      expect(streams.created).toHaveLength(2);
      streams.last.accept();
      streams.last.send(snapshotJson(8));
      await jest.advanceTimersByTimeAsync(10_000);
      expect(deps.fetchSummary).toHaveBeenCalledTimes(2);
      expect(states.at(-1)).toBe('live');
      feed.stop();
    });

    it('should fall back to reconnecting when polls fail too', async () => {
      const { feed, streams, states } = setup(async () => {
        throw new ApiError(502, 'http_502', 'bad gateway');
      });
      streams.last.fail(true);
      await jest.advanceTimersByTimeAsync(0);
      expect(states).toEqual(['connecting', 'reconnecting']);
      feed.stop();
    });
  });

  describe('when the session is no longer valid', () => {
    it('should stop everything and report it once', async () => {
      const { streams, deps, states } = setup(async () => {
        throw new UnauthorisedError(401, 'unauthorised', 'no session');
      });
      streams.last.fail(true);
      await jest.advanceTimersByTimeAsync(60_000);
      expect(deps.onUnauthorised).toHaveBeenCalledTimes(1);
      expect(states.at(-1)).toBe('signed-out');
      expect(streams.created).toHaveLength(1);
      expect(deps.fetchSummary).toHaveBeenCalledTimes(1);
    });
  });

  describe('signedOut', () => {
    it('should close the stream, stop polling and show signed-out without reporting a 401', async () => {
      const { feed, streams, deps, states } = setup();
      streams.last.fail(true);
      feed.signedOut();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(states.at(-1)).toBe('signed-out');
      expect(streams.created).toHaveLength(1);
      expect(deps.fetchSummary).toHaveBeenCalledTimes(1);
      expect(deps.onUnauthorised).not.toHaveBeenCalled();
    });
  });

  describe('refresh', () => {
    it('should fetch once and keep the live state', async () => {
      const { feed, streams, deps, states } = setup();
      streams.last.accept();
      await feed.refresh();
      expect(deps.onSnapshot).toHaveBeenCalledTimes(1);
      expect(states).toEqual(['connecting', 'live']);
      feed.stop();
    });

    it('should drop a response that lands after stop', async () => {
      let resolve: (snapshot: Snapshot) => void = () => undefined;
      const { feed, deps } = setup(() => new Promise<Snapshot>((r) => (resolve = r)));
      const pending = feed.refresh();
      feed.stop();
      resolve(parseSnapshot(JSON.parse(snapshotJson(1))));
      await pending;
      expect(deps.onSnapshot).not.toHaveBeenCalled();
    });
  });
});
