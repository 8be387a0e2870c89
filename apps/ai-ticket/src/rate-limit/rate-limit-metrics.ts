import { RATE_LIMIT_FAIL_MODES, type RateLimitFailMode } from '@ai-ticket/config';
import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { startAtZero } from '../metrics/known-series.util';

const REJECTIONS = 'rate_limit_rejections_total';
const STORE_FAILURES = 'rate_limit_store_failures_total';


export const rateLimitMetricProviders = [
  makeCounterProvider({ name: REJECTIONS, help: 'Requests refused with 429 because a client used up its quota.' }),
  makeCounterProvider({ name: STORE_FAILURES, help: 'Rate-limit decisions the store could not make (then admitted or refused per RATE_LIMIT_FAIL_MODE).', labelNames: ['fail_mode'] }),
];

/** What rate limiting reports to Prometheus (no client identity: that would be unbounded). */
@Injectable()
export class RateLimitMetrics {
  constructor(
    @InjectMetric(REJECTIONS) private readonly rejections: Counter,
    @InjectMetric(STORE_FAILURES) private readonly storeFailures: Counter<'fail_mode'>,
  ) {
    startAtZero(storeFailures, RATE_LIMIT_FAIL_MODES.map((mode) => ({ fail_mode: mode })));
  }

  rejected(): void {
    this.rejections.inc();
  }

  storeFailed(failMode: RateLimitFailMode): void {
    this.storeFailures.inc({ fail_mode: failMode });
  }
}
