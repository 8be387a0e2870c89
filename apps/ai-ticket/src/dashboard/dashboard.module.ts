import { Module } from '@nestjs/common';
import { DispatchModule } from '../dispatch/dispatch.module';
import { EventHistoryModule } from '../metrics/history/event-history.module';
import { MetricsStreamController } from './stream/metrics-stream.controller';
import { SnapshotBroadcaster, streamMetricProviders } from './stream/snapshot-broadcaster.service';
import { MetricsSummaryController } from './summary/metrics-summary.controller';
import { MetricsSummaryService } from './summary/metrics-summary.service';
import { UsageController } from './usage/usage.controller';

/** The dashboard's APIs: the summary snapshot, its live feed and token usage per client. The page itself is static (dashboard-static.ts). */
@Module({
  imports: [DispatchModule, EventHistoryModule],
  controllers: [MetricsSummaryController, MetricsStreamController, UsageController],
  providers: [...streamMetricProviders, MetricsSummaryService, SnapshotBroadcaster],
})
export class DashboardModule {}
