/**
 * The connection state machine behind the header indicator: how data is arriving. Pausing is not part
 * of it (pausing freezes the view, not the feed); `describeConnection` only folds it into the label.
 */

export type Transport = 'connecting' | 'live' | 'reconnecting' | 'polling' | 'signed-out';

export interface ConnectionState {
  transport: Transport;
  /** Consecutive stream failures since the stream last delivered data; shown while reconnecting. */
  failures: number;
}

export type ConnectionEvent =
  | { type: 'start' }
  | { type: 'stream-open' }
  | { type: 'stream-error' }
  | { type: 'poll-ok' }
  | { type: 'poll-failed' }
  | { type: 'unauthorised' };

export const INITIAL_CONNECTION: ConnectionState = { transport: 'connecting', failures: 0 };

export function nextConnectionState(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case 'start':
      return { ...state, transport: 'connecting', failures: 0 };
    case 'unauthorised':
      return { ...state, transport: 'signed-out', failures: 0 };
    default:
      // Late callbacks from a feed that was stopped for sign-out must not resurrect it.
      return state.transport === 'signed-out' ? state : transportEvent(state, event);
  }
}

function transportEvent(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case 'stream-open':
      return { ...state, transport: 'live', failures: 0 };
    case 'stream-error':
      return { ...state, transport: 'reconnecting', failures: state.failures + 1 };
    case 'poll-ok':
      // A poll while the stream is up changes nothing; while it is down, data flows by polling.
      return state.transport === 'live' ? state : { ...state, transport: 'polling' };
    case 'poll-failed':
      return state.transport === 'polling' ? { ...state, transport: 'reconnecting' } : state;
    default:
      return state;
  }
}

export type ConnectionTone = 'ok' | 'warn' | 'bad' | 'idle';

export interface ConnectionView {
  /** Stable machine name for tests and CSS: live, reconnecting, polling, paused, signed-out, connecting. */
  name: Transport | 'paused';
  label: string;
  tone: ConnectionTone;
}

/** What the header shows. Signed-out wins over paused; paused wins over the transport. */
export function describeConnection(state: ConnectionState, paused: boolean): ConnectionView {
  if (state.transport === 'signed-out') return { name: 'signed-out', label: 'Signed out', tone: 'idle' };
  if (paused) return { name: 'paused', label: `Paused (${transportLabel(state).toLowerCase()})`, tone: 'idle' };
  const tones: Record<Exclude<Transport, 'signed-out'>, ConnectionTone> = { connecting: 'warn', live: 'ok', reconnecting: 'bad', polling: 'warn' };
  return { name: state.transport, label: transportLabel(state), tone: tones[state.transport] };
}

function transportLabel(state: ConnectionState): string {
  switch (state.transport) {
    case 'live':
      return 'Live';
    case 'connecting':
      return 'Connecting…';
    case 'polling':
      return 'Polling — stream down';
    case 'reconnecting':
      return state.failures > 1 ? `Reconnecting (attempt ${state.failures})…` : 'Reconnecting…';
    default:
      return 'Signed out';
  }
}
