import { Module } from '@nestjs/common';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { DispatchService } from './dispatch.service';
import { EventController } from './event.controller';
import { UpstreamDispatcher } from './upstream/upstream-dispatcher.service';
import { UpstreamHttpClient } from './upstream/upstream-http.client';

@Module({
  imports: [RateLimitModule],
  controllers: [EventController],
  providers: [UpstreamHttpClient, UpstreamDispatcher, DispatchService],
  exports: [DispatchService],
})
export class DispatchModule {}
