import { Module } from '@nestjs/common';
import { DispatchService } from './dispatch.service';
import { EventController } from './event.controller';
import { UpstreamDispatcher } from './upstream/upstream-dispatcher.service';
import { UpstreamHttpClient } from './upstream/upstream-http.client';

@Module({
  controllers: [EventController],
  providers: [UpstreamHttpClient, UpstreamDispatcher, DispatchService],
  exports: [DispatchService],
})
export class DispatchModule {}
