import { FakeStreams } from '../testing/fake-stream';
import { DEFAULT_BACKOFF } from './backoff';
import { StreamSupervisor, type SupervisorOptions } from './stream-supervisor';

const options: SupervisorOptions = { backoff: { ...DEFAULT_BACKOFF, jitter: 0 }, stallMs: 20_000, browserRetryGraceMs: 10_000, random: () => 0.5 };

function setup() {
  const streams = new FakeStreams();
  const events = { onUp: jest.fn(), onDown: jest.fn(), onSnapshot: jest.fn() };
  const supervisor = new StreamSupervisor(streams.open, events, options);
  supervisor.start();
  return { streams, events, supervisor };
}

describe(StreamSupervisor.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  describe('while the stream is healthy', () => {
    it('should report up and pass snapshots through', () => {
      const { streams, events } = setup();
      streams.last.accept();
      streams.last.send('{"a":1}');
      expect(events.onUp).toHaveBeenCalledTimes(1);
      expect(events.onSnapshot).toHaveBeenCalledWith('{"a":1}');
      expect(streams.created).toHaveLength(1);
    });
  });

  describe('when the browser gives up on the stream', () => {
    it('should re-create it after the backoff delay', () => {
      const { streams, events } = setup();
      streams.last.fail(true);
      expect(events.onDown).toHaveBeenCalledTimes(1);
      jest.advanceTimersByTime(999);
      expect(streams.created).toHaveLength(1);
      jest.advanceTimersByTime(1);
      expect(streams.created).toHaveLength(2);
    });

    it('should double the delay on each failure and reset it once data flows', () => {
      const { streams } = setup();
      const delays: number[] = [];
      for (let i = 0; i < 3; i++) {
        const before = streams.created.length;
        streams.last.fail(true);
        let waited = 0;
        while (streams.created.length === before) {
          jest.advanceTimersByTime(100);
          waited += 100;
        }
        delays.push(waited);
      }
      expect(delays).toEqual([1_000, 2_000, 4_000]);
      streams.last.accept();
      streams.last.send('{}');
      streams.last.fail(true);
      jest.advanceTimersByTime(1_000);
      expect(streams.created).toHaveLength(5);
    });
  });

  describe('when the browser retries by itself', () => {
    it('should report one outage and leave the stream alone if the browser reconnects in time', () => {
      const { streams, events } = setup();
      streams.last.accept();
      streams.last.fail(false);
      streams.last.fail(false);
      expect(events.onDown).toHaveBeenCalledTimes(1);
      jest.advanceTimersByTime(5_000);
      streams.last.accept();
      jest.advanceTimersByTime(10_000);
      expect(streams.created).toHaveLength(1);
      expect(events.onUp).toHaveBeenCalledTimes(2);
    });

    it('should replace the stream after the grace period if the browser is still retrying', () => {
      const { streams } = setup();
      streams.last.fail(false);
      jest.advanceTimersByTime(10_000);
      expect(streams.created).toHaveLength(2);
      expect(streams.created[0].state).toBe('closed');
    });
  });

  describe('when an open stream stops delivering', () => {
    it('should treat it as dead after the stall timeout', () => {
      const { streams, events } = setup();
      streams.last.accept();
      jest.advanceTimersByTime(15_000);
      streams.last.send('{}');
      jest.advanceTimersByTime(19_999);
      expect(events.onDown).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(events.onDown).toHaveBeenCalledTimes(1);
      expect(streams.created[0].state).toBe('closed');
      jest.advanceTimersByTime(1_000);
      expect(streams.created).toHaveLength(2);
    });
  });

  describe('stop and reconnectNow', () => {
    it('should close the stream and cancel a pending reconnect on stop', () => {
      const { streams, supervisor } = setup();
      streams.last.fail(true);
      supervisor.stop();
      jest.advanceTimersByTime(60_000);
      expect(streams.created).toHaveLength(1);
    });

    it('should skip the remaining backoff on reconnectNow and ignore the replaced stream', () => {
      const { streams, events, supervisor } = setup();
      const first = streams.last;
      first.fail(true);
      supervisor.reconnectNow();
      expect(streams.created).toHaveLength(2);
      first.send('stale');
      expect(events.onSnapshot).not.toHaveBeenCalled();
    });
  });
});
