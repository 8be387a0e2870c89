/**
 * The live feed: the SSE stream when it is up, polling of the summary while it is down, and the
 * connection state machine tracking which. Stops itself and reports when the server says the session
 * is no longer valid (EventSource cannot see status codes; the first poll after the stream fails can).
 */
import { UnauthorisedError } from '../api/errors';
import { parseSnapshotJson, type Snapshot } from '../api/snapshot';
import { INITIAL_CONNECTION, nextConnectionState, type ConnectionEvent, type ConnectionState } from './connection-state';
import { Poller } from './poller';
import { DEFAULT_SUPERVISOR_OPTIONS, StreamSupervisor, type OpenStream, type SupervisorOptions } from './stream-supervisor';

export interface FeedDeps {
  openStream: OpenStream;
  fetchSummary(): Promise<Snapshot>;
  onSnapshot(snapshot: Snapshot): void;
  onState(state: ConnectionState): void;
  onUnauthorised(): void;
  /** Invalid data from the server; it is skipped, the feed carries on. */
  onBadData?(error: unknown): void;
}

export interface FeedOptions {
  pollIntervalMs: number;
  supervisor: SupervisorOptions;
}

export const DEFAULT_FEED_OPTIONS: FeedOptions = { pollIntervalMs: 4_000, supervisor: DEFAULT_SUPERVISOR_OPTIONS };

export class LiveFeed {
  private state: ConnectionState = INITIAL_CONNECTION;
  private running = false;
  private readonly poller: Poller;
  private readonly stream: StreamSupervisor;

  constructor(
    private readonly deps: FeedDeps,
    options: FeedOptions = DEFAULT_FEED_OPTIONS,
  ) {
    this.poller = new Poller(() => this.fetchOnce(), options.pollIntervalMs);
    this.stream = new StreamSupervisor(
      deps.openStream,
      {
        onUp: () => {
          this.poller.stop();
          this.dispatch({ type: 'stream-open' });
        },
        onDown: () => {
          this.dispatch({ type: 'stream-error' });
          this.poller.start();
        },
        onSnapshot: (data) => this.acceptStreamData(data),
      },
      options.supervisor,
    );
  }

  get connection(): ConnectionState {
    return this.state;
  }

  start(): void {
    this.running = true;
    this.dispatch({ type: 'start' });
    this.stream.start();
  }

  stop(): void {
    this.running = false;
    this.stream.stop();
    this.poller.stop();
  }

  /** One summary fetch now (the `r` shortcut), whatever the stream is doing. */
  refresh(): Promise<void> {
    return this.fetchOnce();
  }

  reconnectNow(): void {
    if (this.running) this.stream.reconnectNow();
  }

  private acceptStreamData(data: string): void {
    try {
      this.deps.onSnapshot(parseSnapshotJson(data));
    } catch (error) {
      this.deps.onBadData?.(error);
    }
  }

  private async fetchOnce(): Promise<void> {
    let snapshot: Snapshot;
    try {
      snapshot = await this.deps.fetchSummary();
    } catch (error) {
      if (!this.running) return;
      if (error instanceof UnauthorisedError) return this.unauthorised();
      this.dispatch({ type: 'poll-failed' });
      return;
    }
    // A response that lands after stop() (sign-out) must not repaint the dashboard.
    if (!this.running) return;
    this.dispatch({ type: 'poll-ok' });
    this.deps.onSnapshot(snapshot);
  }

  /** Stops the feed and shows "signed out" (the sign-in form is up, whoever decided it). */
  signedOut(): void {
    this.stop();
    this.dispatch({ type: 'unauthorised' });
  }

  private unauthorised(): void {
    this.signedOut();
    this.deps.onUnauthorised();
  }

  private dispatch(event: ConnectionEvent): void {
    const next = nextConnectionState(this.state, event);
    if (next === this.state) return;
    this.state = next;
    this.deps.onState(next);
  }
}
