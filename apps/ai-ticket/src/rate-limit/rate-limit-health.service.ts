import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { StoreIncident } from '@ai-ticket/storage';

/**
 * Tracks store incidents: logs once when the store starts failing and once when it recovers (not per
 * request), and counts the failures.
 */
@Injectable()
export class RateLimitHealth {
  private readonly incident: StoreIncident;

  constructor(config: ConfigService<AppConfig, true>) {
    const failMode = config.get('rateLimit.failMode', { infer: true });
    this.incident = new StoreIncident(new Logger('RateLimit'), {
      failing: `Rate-limit store is failing; requests are ${failMode === 'open' ? 'admitted without limit' : 'refused'} until it recovers (RATE_LIMIT_FAIL_MODE=${failMode})`,
      recovered: 'Rate-limit store has recovered',
    });
  }

  get healthy(): boolean {
    return !this.incident.failing;
  }

  /** Store failures since start (for metrics). */
  get failures(): number {
    return this.incident.failures;
  }

  failed(error: unknown): void {
    this.incident.failed(error);
  }

  succeeded(): void {
    this.incident.recovered();
  }
}
