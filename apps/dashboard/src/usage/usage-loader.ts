/**
 * Loads the Top clients panel's data: once when started, once a minute after that, at once when the
 * operator picks another window, and when the live feed shows new events (at most every
 * USAGE_ACTIVITY_GAP_MS). Not on every live snapshot: each load is a query over the history database,
 * and hourly usage barely moves in a second. DOM-free; timers come through the Poller.
 */
import { ApiError, UnauthorisedError } from '../api/errors';
import { UsageParseError, type UsageReport } from '../api/usage';
import { Poller } from '../live/poller';
import { DEFAULT_USAGE_WINDOW, usageWindowRange, type UsageWindow } from './usage-window';

export const USAGE_REFRESH_MS = 60_000;
/** New events seen on the live feed reload the panel, but no more often than this. */
export const USAGE_ACTIVITY_GAP_MS = 10_000;

export interface LoadedUsage {
  report: UsageReport;
  /** When the answer arrived (epoch ms), for "as of" and stale notices. */
  loadedAt: number;
}

export type UsageState =
  | { status: 'idle'; window: UsageWindow }
  | { status: 'loading'; window: UsageWindow }
  | ({ status: 'ready'; window: UsageWindow } & LoadedUsage)
  /** `last`: the previous answer for the same window, still worth showing (marked stale) while the server fails. */
  | { status: 'error'; window: UsageWindow; message: string; last: LoadedUsage | null };

export interface UsageLoaderDeps {
  fetchUsage(range: { from: number; to: number }): Promise<UsageReport>;
  now(): number;
  onState(state: UsageState): void;
  /** A 401/403: the session ended; the page brings back the sign-in form (which stops this loader). */
  onUnauthorised(): void;
}

export const UNREACHABLE = 'The server could not be reached.';

export class UsageLoader {
  private readonly poller: Poller;
  private current: UsageState;
  /** Bumped per load and on stop: only the newest load's answer is shown (a slow old window must not win). */
  private seq = 0;
  private lastLoadAt = Number.NEGATIVE_INFINITY;
  /** The live feed's request total when the panel last loaded; undefined until the feed reports one. */
  private requestsAtLoad: number | undefined;
  private latestRequests: number | undefined;

  constructor(
    private readonly deps: UsageLoaderDeps,
    window: UsageWindow = DEFAULT_USAGE_WINDOW,
    intervalMs = USAGE_REFRESH_MS,
  ) {
    this.current = { status: 'idle', window };
    this.poller = new Poller(() => this.load(), intervalMs);
  }

  get state(): UsageState {
    return this.current;
  }

  start(): void {
    this.poller.start();
  }

  stop(): void {
    this.poller.stop();
    this.seq++;
    this.emit({ status: 'idle', window: this.current.window });
  }

  setWindow(window: UsageWindow): void {
    if (window === this.current.window) return;
    // The old window's figures would be mislabelled under the new one: show loading, not them.
    this.emit(this.poller.running ? { status: 'loading', window } : { status: 'idle', window });
    if (this.poller.running) void this.load();
  }

  /**
   * The live feed's request total: when it moved since the last load, and that load is at least
   * USAGE_ACTIVITY_GAP_MS old, loads now, so the panel does not say "no client" for a minute while events arrive.
   */
  noticeRequests(total: number): void {
    this.latestRequests = total;
    if (!this.poller.running || this.requestsAtLoad === undefined || total === this.requestsAtLoad) return;
    if (this.deps.now() - this.lastLoadAt >= USAGE_ACTIVITY_GAP_MS) void this.load();
  }

  /** Loads now (the Refresh button); does nothing while stopped. */
  refresh(): Promise<void> {
    return this.poller.running ? this.load() : Promise.resolve();
  }

  private async load(): Promise<void> {
    const seq = ++this.seq;
    const { window } = this.current;
    this.lastLoadAt = this.deps.now();
    this.requestsAtLoad = this.latestRequests ?? 0;
    const last = lastLoaded(this.current);
    if (!last && this.current.status !== 'loading') this.emit({ status: 'loading', window });
    try {
      const report = await this.deps.fetchUsage(usageWindowRange(window, this.deps.now()));
      if (seq === this.seq) this.emit({ status: 'ready', window, report, loadedAt: this.deps.now() });
    } catch (error) {
      if (seq !== this.seq) return;
      if (error instanceof UnauthorisedError) {
        this.deps.onUnauthorised();
        return;
      }
      this.emit({ status: 'error', window, message: messageOf(error), last });
    }
  }

  private emit(state: UsageState): void {
    this.current = state;
    this.deps.onState(state);
  }
}

function lastLoaded(state: UsageState): LoadedUsage | null {
  if (state.status === 'ready') return { report: state.report, loadedAt: state.loadedAt };
  return state.status === 'error' ? state.last : null;
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  // A parse error means a server (or proxy) this page does not understand; fetch's TypeError, no answer at all.
  if (error instanceof UsageParseError) return 'The server sent a usage report this page cannot read.';
  return UNREACHABLE;
}
