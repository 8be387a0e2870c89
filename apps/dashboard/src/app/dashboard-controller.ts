/**
 * The dashboard's state in one place: the snapshot history, what is displayed (live / paused / history)
 * and the connection state. It decides what to show and hands it to a DashboardUi; it touches no DOM,
 * so its behaviour is specified without a browser.
 */
import type { Snapshot } from '../api/snapshot';
import { describeHistory, type HistoryInfo } from '../history/history-info';
import { SnapshotHistory } from '../history/snapshot-history';
import { displayedSeq, goLive, goTo, LIVE_VIEW, stepBack, stepForward, togglePause, type ViewState } from '../history/view-state';
import { describeConnection, INITIAL_CONNECTION, type ConnectionState, type ConnectionView } from '../live/connection-state';

export interface DashboardUi {
  showSnapshot(snapshot: Snapshot | undefined): void;
  /** `series`: the kept snapshots up to and including the displayed one, oldest first. */
  showCharts(snapshot: Snapshot | undefined, series: readonly Snapshot[]): void;
  showHistory(info: HistoryInfo): void;
  showConnection(view: ConnectionView, paused: boolean): void;
  showLastReceived(snapshot: Snapshot): void;
}

export const HISTORY_CAPACITY = 300;

export class DashboardController {
  private readonly history: SnapshotHistory<Snapshot>;
  private view: ViewState = LIVE_VIEW;
  private connection: ConnectionState = INITIAL_CONNECTION;
  /** Skips chart redraws when neither the displayed snapshot nor the kept range changed (paused, scrubbing). */
  private chartKey = '';

  constructor(
    private readonly ui: DashboardUi,
    capacity = HISTORY_CAPACITY,
  ) {
    this.history = new SnapshotHistory(capacity);
  }

  get viewState(): ViewState {
    return this.view;
  }

  /** Every snapshot is recorded, even while paused or scrubbing; only the display is frozen. */
  acceptSnapshot(snapshot: Snapshot): void {
    this.history.push(snapshot);
    this.ui.showLastReceived(snapshot);
    this.render();
  }

  setConnection(state: ConnectionState): void {
    this.connection = state;
    this.ui.showConnection(describeConnection(state, this.view.paused), this.view.paused);
  }

  stepBack(): void {
    this.setView(stepBack(this.view, this.history.range()));
  }

  stepForward(): void {
    this.setView(stepForward(this.view, this.history.range()));
  }

  /** `index`: 0-based position among kept snapshots (the slider value). */
  scrubTo(index: number): void {
    const range = this.history.range();
    if (range) this.setView(goTo(this.view, range, range.first + index));
  }

  goLive(): void {
    this.setView(goLive());
  }

  togglePause(): void {
    this.setView(togglePause(this.view, this.history.range()));
  }

  private setView(view: ViewState): void {
    if (view === this.view) return;
    const pauseChanged = view.paused !== this.view.paused;
    this.view = view;
    this.render();
    if (pauseChanged) this.setConnection(this.connection);
  }

  private render(): void {
    const range = this.history.range();
    const seq = displayedSeq(this.view, range);
    const snapshot = seq === null ? undefined : this.history.get(seq);
    this.ui.showSnapshot(snapshot);
    this.ui.showHistory(describeHistory(this.view, range, snapshot?.time ?? null));
    const chartKey = `${seq}:${range?.first}`;
    if (chartKey === this.chartKey) return;
    this.chartKey = chartKey;
    this.ui.showCharts(snapshot, range && seq !== null ? this.history.slice(range.first, seq) : []);
  }
}
