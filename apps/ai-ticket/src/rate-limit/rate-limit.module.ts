import { Module } from '@nestjs/common';
import { TokenBudgetMetrics, tokenBudgetMetricProviders } from './budget/token-budget-metrics';
import { TokenBudgetStoreModule } from './budget/token-budget-store.module';
import { TokenBudget } from './budget/token-budget.service';
import { RateLimitHealth } from './rate-limit-health.service';
import { RateLimitMetrics, rateLimitMetricProviders } from './rate-limit-metrics';
import { RateLimitReadiness } from './rate-limit-readiness.provider';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimiter } from './rate-limiter.service';
import { RateLimitStoreModule } from './store/rate-limit-store.module';

/**
 * Per-client quotas in the configured store: `RateLimiter` for `POST /event`, `RateLimitGuard` for the
 * Nest routes marked `@UseGuards(RateLimitGuard)`. The store speaks `@nestjs/throttler`'s storage contract.
 * Token budgets (`TokenBudget`) live beside them, in the same backend.
 */
@Module({
  imports: [RateLimitStoreModule, TokenBudgetStoreModule],
  providers: [
    ...rateLimitMetricProviders,
    ...tokenBudgetMetricProviders,
    RateLimitMetrics,
    TokenBudgetMetrics,
    RateLimitHealth,
    RateLimiter,
    TokenBudget,
    RateLimitGuard,
    RateLimitReadiness,
  ],
  exports: [RateLimitHealth, RateLimitMetrics, RateLimiter, TokenBudget, RateLimitGuard, RateLimitStoreModule],
})
export class RateLimitModule {}
