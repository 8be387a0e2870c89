import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { InFlightInterceptor } from './in-flight.interceptor';
import { LifecycleService } from './lifecycle.service';

@Global()
@Module({
  controllers: [HealthController],
  providers: [LifecycleService, InFlightInterceptor],
  exports: [LifecycleService, InFlightInterceptor],
})
export class HealthModule {}
