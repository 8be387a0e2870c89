import { Module } from '@nestjs/common';
import { RateLimitHealth } from './rate-limit-health.service';
import { RateLimitMetrics, rateLimitMetricProviders } from './rate-limit-metrics';
import { RateLimitReadiness } from './rate-limit-readiness.provider';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimiter } from './rate-limiter.service';
import { RateLimitStoreModule } from './store/rate-limit-store.module';

/**
 * Per-client quotas in the configured store: `RateLimiter` for `POST /event`, `RateLimitGuard` for the
 * Nest routes marked `@UseGuards(RateLimitGuard)`. The store speaks `@nestjs/throttler`'s storage contract.
 */
@Module({
  imports: [RateLimitStoreModule],
  providers: [...rateLimitMetricProviders, RateLimitMetrics, RateLimitHealth, RateLimiter, RateLimitGuard, RateLimitReadiness],
  exports: [RateLimitHealth, RateLimitMetrics, RateLimiter, RateLimitGuard, RateLimitStoreModule],
})
export class RateLimitModule {}
