import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';

/**
 * Tracks store incidents: logs once when the store starts failing and once when it recovers (not per
 * request), and counts the failures.
 */
@Injectable()
export class RateLimitHealth {
  private readonly logger = new Logger('RateLimit');
  private readonly failMode: 'open' | 'closed';
  private incident = false;
  /** Store failures since start (for metrics). */
  failures = 0;

  constructor(config: ConfigService<AppConfig, true>) {
    this.failMode = config.get('rateLimit.failMode', { infer: true });
  }

  get healthy(): boolean {
    return !this.incident;
  }

  failed(error: unknown): void {
    this.failures += 1;
    if (this.incident) return;
    this.incident = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.error({
      msg: `Rate-limit store is failing; requests are ${this.failMode === 'open' ? 'admitted without limit' : 'refused'} until it recovers (RATE_LIMIT_FAIL_MODE=${this.failMode})`,
      reason,
    });
  }

  succeeded(): void {
    if (!this.incident) return;
    this.incident = false;
    this.logger.log({ msg: 'Rate-limit store has recovered', failures: this.failures });
  }
}
