import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { RateLimitHealth } from './rate-limit-health.service';
import { RateLimitMetrics, rateLimitMetricProviders } from './rate-limit-metrics';
import { RateLimitReadiness } from './rate-limit-readiness.provider';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitStore } from './store/rate-limit.store';
import { RateLimitStoreModule } from './store/rate-limit-store.module';

/** Per-client quotas on the routes marked `@UseGuards(RateLimitGuard)`, in the configured store. */
@Module({
  imports: [
    RateLimitStoreModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStoreModule],
      inject: [ConfigService, RateLimitStore],
      useFactory: (config: ConfigService<AppConfig, true>, storage: RateLimitStore) => {
        const { limit, windowMs } = config.get('rateLimit', { infer: true });
        // A limit of 0 disables limiting (the guard skips); the throttler itself needs a positive one.
        return { throttlers: [{ name: 'default', limit: Math.max(limit, 1), ttl: windowMs }], storage };
      },
    }),
  ],
  providers: [...rateLimitMetricProviders, RateLimitMetrics, RateLimitHealth, RateLimitGuard, RateLimitReadiness],
  exports: [RateLimitHealth, RateLimitMetrics, RateLimitGuard, ThrottlerModule, RateLimitStoreModule],
})
export class RateLimitModule {}
