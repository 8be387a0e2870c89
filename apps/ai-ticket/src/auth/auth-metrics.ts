import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge } from 'prom-client';
import { startAtZero } from '../metrics/known-series.util';

const AUTH_FAILURES = 'auth_failures_total';
const TOKEN_RELOADS = 'auth_token_reloads_total';
const TOKENS = 'auth_tokens';

/** Why authentication refused a request: no credentials, or credentials no token matches. */
export const AUTH_FAILURE_REASONS = ['missing', 'invalid'] as const;
export type AuthFailureReason = (typeof AUTH_FAILURE_REASONS)[number];

export const authMetricProviders = [
  makeCounterProvider({ name: AUTH_FAILURES, help: 'Requests refused by authentication, by reason (missing or invalid credentials).', labelNames: ['reason'] }),
  makeCounterProvider({ name: TOKEN_RELOADS, help: 'Reloads of the token file that changed the accepted tokens.' }),
  makeGaugeProvider({ name: TOKENS, help: 'Accepted API tokens.' }),
];

/** What authentication reports to Prometheus. Never a token or a client name: only counts and reasons. */
@Injectable()
export class AuthMetrics {
  constructor(
    @InjectMetric(AUTH_FAILURES) private readonly failures: Counter<'reason'>,
    @InjectMetric(TOKEN_RELOADS) private readonly reloads: Counter,
    @InjectMetric(TOKENS) private readonly tokens: Gauge,
  ) {
    startAtZero(failures, AUTH_FAILURE_REASONS.map((reason) => ({ reason })));
  }

  refused(reason: AuthFailureReason): void {
    this.failures.inc({ reason });
  }

  tokensLoaded(count: number, reload: boolean): void {
    this.tokens.set(count);
    if (reload) this.reloads.inc();
  }
}
