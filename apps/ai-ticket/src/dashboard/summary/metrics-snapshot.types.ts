import type { UpstreamStatus } from '../../dispatch/fleet/fleet-status.service';
import type { HistorySummary } from '../../metrics/history/event-history.store';

export type PanelStatus = 'online' | 'degraded' | 'offline';

export interface StatusPanel {
  status: PanelStatus;
  message: string;
}

/** What `GET /api/metrics/summary` answers and the live feed sends. */
export interface MetricsSnapshot extends HistorySummary {
  /** ISO 8601. */
  timestamp: string;
  statusPanels: { backend: StatusPanel; latency: StatusPanel; throughput: StatusPanel };
  /** This replica's queue in front of every upstream, and its events at upstreams. */
  queue: { depth: number; inFlight: number };
  /** Every upstream this replica knows, by address. */
  upstreams: UpstreamStatus[];
}
