import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { dispatchMetricProviders } from './dispatch-metrics.providers';
import { DispatchMetrics } from './dispatch-metrics.service';
import { DispatchService } from './dispatch.service';
import { EventController } from './event.controller';
import { GenerationCall } from './generation-call.service';
import { CallerStream } from './sse/caller-stream.service';
import { CallUsage } from './usage/call-usage.service';
import { TokenCounting } from './usage/tokencount/token-counting.service';
import { UpstreamDiscovery } from './fleet/discovery/upstream-discovery.service';
import { fleetMetricProviders } from './fleet/fleet-metrics.providers';
import { FleetMetrics } from './fleet/fleet-metrics.service';
import { FleetScheduler } from './fleet/fleet-scheduler';
import { FleetStatus } from './fleet/fleet-status.service';
import { upstreamSlotsProvider } from './fleet/slots/upstream-slots.provider';
import { UpstreamPool } from './fleet/upstream-pool';
import { UpstreamAttemptRunner } from './upstream/upstream-attempt.runner';

@Module({
  imports: [AuthModule, RateLimitModule],
  providers: [
    EventController,
    ...dispatchMetricProviders,
    ...fleetMetricProviders,
    DispatchMetrics,
    FleetMetrics,
    upstreamSlotsProvider,
    UpstreamPool,
    UpstreamDiscovery,
    FleetScheduler,
    FleetStatus,
    UpstreamAttemptRunner,
    DispatchService,
    CallerStream,
    TokenCounting,
    CallUsage,
    GenerationCall,
  ],
  exports: [DispatchService, CallerStream, GenerationCall, FleetStatus, UpstreamPool],
})
export class DispatchModule {}
