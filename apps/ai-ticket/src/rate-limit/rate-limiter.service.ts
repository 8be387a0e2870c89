import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, RateLimitConfig } from '@ai-ticket/config';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { rateLimitIdentity } from './client-identity.util';
import { RateLimitHealth } from './rate-limit-health.service';
import { RateLimitMetrics } from './rate-limit-metrics';
import { RateLimitStore } from './store/rate-limit.store';

/** The one throttler the gateway configures; its name prefixes every key in the store. */
const THROTTLER_NAME = 'default';

/**
 * Our rate-limit contract for one request: one bucket per client (not per route), the `RateLimit-*`
 * headers on every limited response, `429 rate_limited` with `Retry-After`, and an explicit, observable
 * fail mode when the store is down. Used by `POST /event` directly and by `RateLimitGuard` elsewhere.
 */
@Injectable()
export class RateLimiter {
  private readonly settings: RateLimitConfig;
  private readonly windowSeconds: number;

  constructor(
    private readonly store: RateLimitStore,
    private readonly health: RateLimitHealth,
    private readonly metrics: RateLimitMetrics,
    config: ConfigService<AppConfig, true>,
  ) {
    this.settings = config.get('rateLimit', { infer: true });
    this.windowSeconds = Math.round(this.settings.windowMs / 1000);
  }

  /** False with `RATE_LIMIT_REQUESTS=0`: nothing is counted and no header is sent. */
  get enabled(): boolean {
    return this.settings.limit > 0;
  }

  /** Counts the request in its client's window; throws when the client must wait (or the store is down and the mode is closed). */
  async admit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const { limit, windowMs } = this.settings;
    let record: ThrottlerStorageRecord;
    try {
      // The window is also how long a refused client waits.
      record = await this.store.increment(rateLimitIdentity(request), windowMs, limit, windowMs, THROTTLER_NAME);
      this.health.succeeded();
    } catch (error) {
      this.health.failed(error);
      this.metrics.storeFailed(this.settings.failMode);
      if (this.settings.failMode === 'open') return;
      throw new AppException(ErrorCode.RateLimiterUnavailable, 'The rate limiter is unavailable; try again shortly.', { retryAfterSeconds: 1 });
    }
    void reply.headers({
      'ratelimit-limit': String(limit),
      'ratelimit-remaining': String(Math.max(0, limit - record.totalHits)),
      'ratelimit-reset': String(record.timeToExpire),
    });
    if (record.isBlocked) {
      this.metrics.rejected();
      throw new AppException(ErrorCode.RateLimited, `Rate limit of ${limit} requests per ${this.windowSeconds} s exceeded.`, {
        retryAfterSeconds: record.timeToBlockExpire,
        details: { limit, windowSeconds: this.windowSeconds },
      });
    }
  }
}
