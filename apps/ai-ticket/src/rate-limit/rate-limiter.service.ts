import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, RateLimitConfig } from '@ai-ticket/config';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { rateLimitIdentity } from './client-identity.util';
import { RateLimitHealth } from './rate-limit-health.service';
import { RateLimitMetrics } from './rate-limit-metrics';
import { RateLimitStore, storeKey, throttlerRecordOf, type WindowCount } from './store/rate-limit.store';

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

  /**
   * Counts the request in its client's window; throws when the client must wait (or the store is down and
   * the mode is closed). Returns a promise only when the store did: the in-memory store answers at once,
   * and the event path then takes no promise step here.
   */
  admit(request: FastifyRequest, reply: FastifyReply): void | Promise<void> {
    let counted: WindowCount | Promise<WindowCount>;
    try {
      counted = this.store.count(storeKey(THROTTLER_NAME, rateLimitIdentity(request)), this.settings.windowMs);
    } catch (error) {
      return this.storeFailed(error);
    }
    if (counted instanceof Promise) {
      return counted.then(
        (window) => this.decide(window, reply),
        (error: unknown) => this.storeFailed(error),
      );
    }
    this.decide(counted, reply);
  }

  /** Sends the `RateLimit-*` headers, and refuses the request when its window is over the limit. */
  private decide(window: WindowCount, reply: FastifyReply): void {
    this.health.succeeded();
    const { limit } = this.settings;
    const record = throttlerRecordOf(window, limit);
    void reply.headers({
      'ratelimit-limit': String(limit),
      'ratelimit-remaining': String(Math.max(0, limit - record.totalHits)),
      'ratelimit-reset': String(record.timeToExpire),
    });
    if (record.isBlocked) {
      this.metrics.rejected();
      // The window is also how long a refused client waits.
      throw new AppException(ErrorCode.RateLimited, `Rate limit of ${limit} requests per ${this.windowSeconds} s exceeded.`, {
        retryAfterSeconds: record.timeToBlockExpire,
        details: { limit, windowSeconds: this.windowSeconds },
      });
    }
  }

  /** The store could not count: admits the request (fail mode open) or refuses it (closed). */
  private storeFailed(error: unknown): void {
    this.health.failed(error);
    this.metrics.storeFailed(this.settings.failMode);
    if (this.settings.failMode === 'open') return;
    throw new AppException(ErrorCode.RateLimiterUnavailable, 'The rate limiter is unavailable; try again shortly.', { retryAfterSeconds: 1 });
  }
}
