import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { DispatchService } from '../../dispatch/dispatch.service';
import { EventHistoryStore } from '../../metrics/history/event-history.store';
import type { MetricsSnapshot } from './metrics-snapshot.types';
import { statusPanels } from './status-panels.util';

const SPARKLINE_MINUTES = 24;
const RECENT_ERRORS = 10;

/**
 * Builds the dashboard snapshot. Everything about traffic comes from the history store, so every
 * replica sharing a database reports the same numbers; only the queue and the circuit are this
 * replica's own.
 */
@Injectable()
export class MetricsSummaryService {
  private readonly retentionMs: number;
  private readonly queueCapacity: number;

  constructor(
    private readonly store: EventHistoryStore,
    private readonly dispatch: DispatchService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.retentionMs = config.get('history.retentionMs', { infer: true });
    this.queueCapacity = config.get('upstream.queueSize', { infer: true });
  }

  async snapshot(now = Date.now()): Promise<MetricsSnapshot> {
    const summary = await this.store.summary({ now, retentionMs: this.retentionMs, sparklineMinutes: SPARKLINE_MINUTES, recentErrorLimit: RECENT_ERRORS });
    const queue = { depth: this.dispatch.queue.depth, inFlight: this.dispatch.queue.inFlight };
    return {
      timestamp: new Date(now).toISOString(),
      ...summary,
      statusPanels: statusPanels(summary, { circuit: this.dispatch.breaker.state, queueDepth: queue.depth, queueCapacity: this.queueCapacity }),
      queue,
    };
  }
}
