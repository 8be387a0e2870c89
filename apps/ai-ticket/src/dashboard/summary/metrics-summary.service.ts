import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { FleetStatus } from '../../dispatch/fleet/fleet-status.service';
import { EventHistoryStore } from '../../metrics/history/event-history.store';
import type { MetricsSnapshot } from './metrics-snapshot.types';
import { statusPanels } from './status-panels.util';

const SPARKLINE_MINUTES = 24;
const RECENT_ERRORS = 10;

/**
 * Builds the dashboard snapshot. Everything about traffic comes from the history store, so every
 * replica sharing a database reports the same numbers; the queue, the circuits and the per-upstream
 * counts are this replica's own, except slots in use, which every replica sharing the slot store sees.
 */
@Injectable()
export class MetricsSummaryService {
  private readonly retentionMs: number;
  private readonly queueCapacity: number;

  constructor(
    private readonly store: EventHistoryStore,
    private readonly fleet: FleetStatus,
    config: ConfigService<AppConfig, true>,
  ) {
    this.retentionMs = config.get('history.retentionMs', { infer: true });
    this.queueCapacity = config.get('upstream.queueSize', { infer: true });
  }

  async snapshot(now = Date.now()): Promise<MetricsSnapshot> {
    const [summary, fleet] = await Promise.all([
      this.store.summary({ now, retentionMs: this.retentionMs, sparklineMinutes: SPARKLINE_MINUTES, recentErrorLimit: RECENT_ERRORS }),
      this.fleet.snapshot(),
    ]);
    return {
      timestamp: new Date(now).toISOString(),
      ...summary,
      statusPanels: statusPanels(summary, { upstreams: fleet.upstreams, queueDepth: fleet.queue.depth, queueCapacity: this.queueCapacity }),
      queue: fleet.queue,
      upstreams: fleet.upstreams,
    };
  }
}
