import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { AppConfig, RateLimitConfig } from '@ai-ticket/config';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Counter } from 'prom-client';
import { RateLimitHealth } from './rate-limit-health.service';
import { RateLimitMetrics } from './rate-limit-metrics';
import { RateLimiter } from './rate-limiter.service';
import { MemoryRateLimitStore } from './store/memory-rate-limit.store';
import { RateLimitStore, type WindowCount } from './store/rate-limit.store';

/** A store that answers as the shared ones do: later, through a promise. */
class PromisedStore extends RateLimitStore {
  readonly keys: string[] = [];
  constructor(private readonly answer: () => Promise<WindowCount>) {
    super();
  }
  count(key: string): Promise<WindowCount> {
    this.keys.push(key);
    return this.answer();
  }
  ping(): Promise<void> {
    return Promise.resolve();
  }
  sweepExpired(): Promise<number> {
    return Promise.resolve(0);
  }
}

/** A store that fails before it could return anything. */
class ThrowingStore extends PromisedStore {
  constructor() {
    super(() => Promise.reject(new Error('unused')));
  }
  override count(): Promise<WindowCount> {
    throw new Error('store is gone');
  }
}

function limiterWith(store: RateLimitStore, settings: Partial<RateLimitConfig> = {}) {
  const rateLimit: RateLimitConfig = { backend: 'memory', limit: 2, windowMs: 60_000, failMode: 'closed', ...settings };
  const config = { get: (key: string) => (key === 'rateLimit' ? rateLimit : key === 'rateLimit.failMode' ? rateLimit.failMode : undefined) } as unknown as ConfigService<AppConfig, true>;
  const counter = (name: string, labelNames: string[] = []) => new Counter({ name, help: name, labelNames, registers: [] });
  const metrics = new RateLimitMetrics(counter('rejections'), counter('store_failures', ['fail_mode']));
  return new RateLimiter(store, new RateLimitHealth(config), metrics, config);
}

function replySpy() {
  const headers: Record<string, string> = {};
  const reply = {
    headers(values: Record<string, string>) {
      Object.assign(headers, values);
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, headers };
}

const request = { raw: {}, ip: '10.0.0.7' } as unknown as FastifyRequest;

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe(RateLimiter.name, () => {
  // Store incidents are logged (RateLimitHealth has its own spec); kept out of the test output.
  beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  describe('admit', () => {
    it('should decide at once, without a promise, when the store counts in memory', () => {
      const sut = limiterWith(new MemoryRateLimitStore());
      const { reply, headers } = replySpy();

      expect(sut.admit(request, reply)).toBeUndefined();
      expect(headers).toEqual({ 'ratelimit-limit': '2', 'ratelimit-remaining': '1', 'ratelimit-reset': '60' });
    });

    it('should refuse at once, with the window as the wait, once the memory count is over the limit', () => {
      const sut = limiterWith(new MemoryRateLimitStore());
      sut.admit(request, replySpy().reply);
      sut.admit(request, replySpy().reply);
      const { reply, headers } = replySpy();

      const error = thrownBy(() => sut.admit(request, reply));

      expect(error).toBeInstanceOf(AppException);
      expect(error).toMatchObject({ code: ErrorCode.RateLimited, retryAfterSeconds: 60, details: { limit: 2, windowSeconds: 60 } });
      expect(headers['ratelimit-remaining']).toBe('0');
    });

    it('should return a promise that decides once a shared store has answered, under the client key', async () => {
      const store = new PromisedStore(() => Promise.resolve({ hits: 3, windowEndsAt: Date.now() + 30_000 }));
      const sut = limiterWith(store);
      const { reply, headers } = replySpy();

      const decision = sut.admit(request, reply);

      expect(decision).toBeInstanceOf(Promise);
      expect(headers).toEqual({});
      await expect(decision).rejects.toMatchObject({ code: ErrorCode.RateLimited, retryAfterSeconds: 30 });
      expect(headers).toEqual({ 'ratelimit-limit': '2', 'ratelimit-remaining': '0', 'ratelimit-reset': '30' });
      expect(store.keys).toEqual(['default:ip:10.0.0.7']);
    });

    it('should refuse with rate_limiter_unavailable when the store fails and the mode is closed, without headers', async () => {
      const { reply, headers } = replySpy();

      await expect(limiterWith(new PromisedStore(() => Promise.reject(new Error('down')))).admit(request, reply)).rejects.toMatchObject({
        code: ErrorCode.RateLimiterUnavailable,
        retryAfterSeconds: 1,
      });
      expect(thrownBy(() => limiterWith(new ThrowingStore()).admit(request, reply))).toMatchObject({ code: ErrorCode.RateLimiterUnavailable });
      expect(headers).toEqual({});
    });

    it('should admit without headers when the store fails and the mode is open', async () => {
      const { reply, headers } = replySpy();

      await expect(limiterWith(new PromisedStore(() => Promise.reject(new Error('down'))), { failMode: 'open' }).admit(request, reply)).resolves.toBeUndefined();
      expect(limiterWith(new ThrowingStore(), { failMode: 'open' }).admit(request, reply)).toBeUndefined();
      expect(headers).toEqual({});
    });
  });
});
