import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import { ThrottlerGuard, type ThrottlerRequest } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { rateLimitIdentity } from './client-identity.util';
import { RateLimitHealth } from './rate-limit-health.service';
import { RateLimitMetrics } from './rate-limit-metrics';

/**
 * `@nestjs/throttler`'s guard with our contract: one bucket per client (not per route), the
 * `RateLimit-*` headers on every limited response, `429 rate_limited` with `Retry-After`, and an
 * explicit, observable fail mode when the store is down.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  @Inject(ConfigService) private readonly config!: ConfigService<AppConfig, true>;
  @Inject(RateLimitHealth) private readonly health!: RateLimitHealth;
  @Inject(RateLimitMetrics) private readonly metrics!: RateLimitMetrics;

  protected override shouldSkip(): Promise<boolean> {
    return Promise.resolve(this.config.get('rateLimit.limit', { infer: true }) === 0);
  }

  protected override async handleRequest({ context, limit, ttl, throttler, blockDuration }: ThrottlerRequest): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const name = throttler.name ?? 'default';
    let record: ThrottlerStorageRecord;
    try {
      record = await this.storageService.increment(rateLimitIdentity(request), ttl, limit, blockDuration, name);
      this.health.succeeded();
    } catch (error) {
      this.health.failed(error);
      const failMode = this.config.get('rateLimit.failMode', { infer: true });
      this.metrics.storeFailed(failMode);
      if (failMode === 'open') return true;
      throw new AppException(ErrorCode.RateLimiterUnavailable, 'The rate limiter is unavailable; try again shortly.', { retryAfterSeconds: 1 });
    }
    void reply.headers({
      'ratelimit-limit': String(limit),
      'ratelimit-remaining': String(Math.max(0, limit - record.totalHits)),
      'ratelimit-reset': String(record.timeToExpire),
    });
    if (record.isBlocked) {
      this.metrics.rejected();
      throw new AppException(ErrorCode.RateLimited, `Rate limit of ${limit} requests per ${Math.round(ttl / 1000)} s exceeded.`, {
        retryAfterSeconds: record.timeToBlockExpire,
        details: { limit, windowSeconds: Math.round(ttl / 1000) },
      });
    }
    return true;
  }

  protected override throwThrottlingException(_context: ExecutionContext): Promise<void> {
    throw new AppException(ErrorCode.RateLimited, 'Rate limit exceeded.');
  }
}
