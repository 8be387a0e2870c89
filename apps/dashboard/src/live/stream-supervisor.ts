/**
 * Keeps one Server-Sent Events stream alive. EventSource retries by itself after a dropped connection
 * (honouring the server's `retry:` advice) but gives up for good on an HTTP error (401, 502 from a proxy…)
 * and never notices a connection that silently stopped delivering. This class covers those cases:
 * it re-creates the stream with capped exponential backoff, and treats a stream with no snapshot for
 * `stallMs` as dead (the server sends one at least every 5 s).
 */
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';

export interface StreamHandlers {
  onOpen(): void;
  /** `closed`: the browser gave up (readyState CLOSED); otherwise it is retrying on its own. */
  onError(closed: boolean): void;
  onSnapshot(data: string): void;
}

/** What the supervisor needs from an EventSource; the browser adapter lives in ui/event-source.ts. */
export interface StreamHandle {
  close(): void;
  isOpen(): boolean;
}

export type OpenStream = (handlers: StreamHandlers) => StreamHandle;

export interface SupervisorEvents {
  onUp(): void;
  /** Called once per outage, not for every failed retry inside it. */
  onDown(): void;
  onSnapshot(data: string): void;
}

export interface SupervisorOptions {
  backoff: BackoffOptions;
  stallMs: number;
  /** How long a self-retrying EventSource gets before being replaced (its own retry follows the server's advice). */
  browserRetryGraceMs: number;
  random: () => number;
}

export const DEFAULT_SUPERVISOR_OPTIONS: SupervisorOptions = { backoff: DEFAULT_BACKOFF, stallMs: 20_000, browserRetryGraceMs: 10_000, random: Math.random };

type Timer = ReturnType<typeof setTimeout>;

export class StreamSupervisor {
  private handle: StreamHandle | null = null;
  private attempt = 0;
  private retryTimer: Timer | undefined;
  private stallTimer: Timer | undefined;

  constructor(
    private readonly open: OpenStream,
    private readonly events: SupervisorEvents,
    private readonly options: SupervisorOptions = DEFAULT_SUPERVISOR_OPTIONS,
  ) {}

  start(): void {
    this.attempt = 0;
    this.connect();
  }

  stop(): void {
    this.clearTimers();
    this.handle?.close();
    this.handle = null;
  }

  /** Skips the remaining backoff (the browser came back online, the tab became visible…). */
  reconnectNow(): void {
    if (this.handle?.isOpen()) return;
    this.attempt = 0;
    this.connect();
  }

  private connect(): void {
    this.stop();
    const handle: StreamHandle = this.open({
      // Callbacks from a replaced stream are ignored: only the current one speaks for the connection.
      onOpen: () => this.handle === handle && this.opened(),
      onSnapshot: (data) => this.handle === handle && this.received(data),
      onError: (closed) => this.handle === handle && this.failed(closed),
    });
    this.handle = handle;
  }

  private opened(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.armStall();
    this.events.onUp();
  }

  private received(data: string): void {
    // Reset the backoff on data, not on open: a server that accepts and then drops at once must still back off.
    this.attempt = 0;
    this.armStall();
    this.events.onSnapshot(data);
  }

  private failed(closedByBrowser: boolean): void {
    clearTimeout(this.stallTimer);
    if (this.retryTimer !== undefined) return;
    this.events.onDown();
    const delay = backoffDelay(this.attempt++, this.options.backoff, this.options.random);
    const wait = closedByBrowser ? delay : Math.max(delay, this.options.browserRetryGraceMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.handle?.isOpen()) this.connect();
    }, wait);
  }

  private armStall(): void {
    clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => {
      this.handle?.close();
      this.failed(true);
    }, this.options.stallMs);
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.stallTimer);
    this.retryTimer = undefined;
    this.stallTimer = undefined;
  }
}
