/** The DOM implementation of DashboardUi: each part of the page has its own view class. */
import type { Snapshot } from '../api/snapshot';
import { ThroughputCharts } from '../chart/throughput-charts';
import type { HistoryInfo } from '../history/history-info';
import type { ConnectionView as Connection } from '../live/connection-state';
import { ConnectionView } from '../ui/connection-view';
import { ErrorsView } from '../ui/errors-view';
import { HistoryView } from '../ui/history-view';
import { SnapshotView } from '../ui/snapshot-view';
import { UpstreamsView } from '../ui/upstreams-view';
import type { DashboardUi } from './dashboard-controller';

export class DomDashboardUi implements DashboardUi {
  readonly charts = new ThroughputCharts();
  readonly history = new HistoryView();
  private readonly snapshot = new SnapshotView();
  private readonly errors = new ErrorsView();
  private readonly upstreams = new UpstreamsView();
  private readonly connection = new ConnectionView();

  showSnapshot(snapshot: Snapshot | undefined): void {
    this.snapshot.render(snapshot);
    this.errors.render(snapshot?.recentErrors);
    this.upstreams.render(snapshot);
  }

  showCharts(snapshot: Snapshot | undefined, series: readonly Snapshot[]): void {
    this.charts.render(snapshot, series);
  }

  showHistory(info: HistoryInfo): void {
    this.history.render(info);
  }

  showConnection(view: Connection, paused: boolean): void {
    this.connection.render(view, paused);
  }

  showLastReceived(snapshot: Snapshot): void {
    this.connection.received(snapshot);
  }
}
