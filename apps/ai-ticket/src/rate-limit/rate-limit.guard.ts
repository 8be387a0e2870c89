import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import { ThrottlerGuard } from '@nestjs/throttler';
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

  /**
   * The gateway configures one throttler (RATE_LIMIT_REQUESTS per RATE_LIMIT_WINDOW_SECONDS, 0 = off)
   * and no per-route `@Throttle`/`@SkipThrottle`, so this counts the request against it directly. The
   * inherited `canActivate` resolves six decorators through reflect-metadata and awaits each value on
   * every request: about 2 % of the service's CPU per event, for answers that never change.
   */
  override canActivate(context: ExecutionContext): Promise<boolean> {
    const limit = this.config.get('rateLimit.limit', { infer: true });
    if (limit === 0) return Promise.resolve(true);
    return this.countRequest(context, limit, this.config.get('rateLimit.windowMs', { infer: true }), this.throttlers[0]?.name ?? 'default');
  }

  /** Counts the request in its client's window; the window is also how long a refused client waits. */
  private async countRequest(context: ExecutionContext, limit: number, ttl: number, name: string): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    let record: ThrottlerStorageRecord;
    try {
      record = await this.storageService.increment(rateLimitIdentity(request), ttl, limit, ttl, name);
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
}
