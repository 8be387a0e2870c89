import { Module } from '@nestjs/common';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { dispatchMetricProviders } from './dispatch-metrics.providers';
import { DispatchMetrics } from './dispatch-metrics.service';
import { DispatchService } from './dispatch.service';
import { EventController } from './event.controller';
import { UpstreamDispatcher } from './upstream/upstream-dispatcher.service';
import { UpstreamHttpClient } from './upstream/upstream-http.client';

@Module({
  imports: [RateLimitModule],
  controllers: [EventController],
  providers: [...dispatchMetricProviders, DispatchMetrics, UpstreamHttpClient, UpstreamDispatcher, DispatchService],
  exports: [DispatchService],
})
export class DispatchModule {}
