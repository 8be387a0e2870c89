import { describeConnection, INITIAL_CONNECTION, nextConnectionState, type ConnectionEvent, type ConnectionState } from './connection-state';

const run = (events: ConnectionEvent['type'][], from: ConnectionState = INITIAL_CONNECTION): ConnectionState =>
  events.reduce((state, type) => nextConnectionState(state, { type } as ConnectionEvent), from);

describe(nextConnectionState.name, () => {
  describe('transport', () => {
    it('should go live when the stream opens', () => {
      expect(run(['stream-open']).transport).toBe('live');
    });

    it('should count failures while reconnecting and reset them when the stream opens', () => {
      const down = run(['stream-open', 'stream-error', 'stream-error']);
      expect(down).toMatchObject({ transport: 'reconnecting', failures: 2 });
      expect(run(['stream-open'], down)).toMatchObject({ transport: 'live', failures: 0 });
    });

    it('should report polling when a poll succeeds while the stream is down', () => {
      expect(run(['stream-error', 'poll-ok']).transport).toBe('polling');
      expect(run(['stream-error', 'poll-ok', 'poll-failed']).transport).toBe('reconnecting');
    });

    it('should stay live when a manual refresh poll succeeds', () => {
      expect(run(['stream-open', 'poll-ok']).transport).toBe('live');
    });
  });

  describe('sign-out', () => {
    it('should ignore late stream and poll callbacks once signed out', () => {
      expect(run(['stream-open', 'unauthorised', 'stream-open', 'poll-ok', 'stream-error']).transport).toBe('signed-out');
    });

    it('should leave signed-out only on start', () => {
      expect(run(['unauthorised', 'start']).transport).toBe('connecting');
    });
  });

});

describe(describeConnection.name, () => {
  it('should describe each transport with a name, label and tone', () => {
    expect(describeConnection(run(['stream-open']), false)).toEqual({ name: 'live', label: 'Live', tone: 'ok' });
    expect(describeConnection(run(['stream-error', 'poll-ok']), false)).toEqual({ name: 'polling', label: 'Polling — stream down', tone: 'warn' });
    expect(describeConnection(INITIAL_CONNECTION, false)).toMatchObject({ name: 'connecting', tone: 'warn' });
  });

  it('should show the attempt number after repeated failures', () => {
    expect(describeConnection(run(['stream-error']), false).label).toBe('Reconnecting…');
    expect(describeConnection(run(['stream-error', 'stream-error', 'stream-error']), false).label).toBe('Reconnecting (attempt 3)…');
  });

  it('should say paused, with the transport underneath', () => {
    expect(describeConnection(run(['stream-open']), true)).toEqual({ name: 'paused', label: 'Paused (live)', tone: 'idle' });
    expect(describeConnection(run(['stream-error']), true).label).toBe('Paused (reconnecting…)');
  });

  it('should put signed-out above paused', () => {
    expect(describeConnection(run(['unauthorised']), true).name).toBe('signed-out');
  });
});
