import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { LifecycleService } from '../health/lifecycle.service';
import { RateLimitStore } from './store/rate-limit.store';

/**
 * With `RATE_LIMIT_FAIL_MODE=closed` an instance whose store is down refuses every event, so it reports
 * itself unready and the load balancer sends the traffic elsewhere. The check pings the store on each
 * probe, so readiness returns by itself when the store does. With `open`, the instance still serves
 * and stays ready.
 */
@Injectable()
export class RateLimitReadiness implements OnModuleInit {
  constructor(
    private readonly config: ConfigService<AppConfig, true>,
    private readonly lifecycle: LifecycleService,
    private readonly store: RateLimitStore,
  ) {}

  onModuleInit(): void {
    const { failMode, limit } = this.config.get('rateLimit', { infer: true });
    if (failMode === 'closed' && limit > 0) this.lifecycle.addReadinessCheck('rate-limit-store', () => this.store.ping());
  }
}
