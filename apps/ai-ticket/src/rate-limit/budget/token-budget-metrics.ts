import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';

const REJECTIONS = 'token_budget_rejections_total';
const TOKENS = 'tokens_total';

/** Where a token count comes from: the upstream's own `usage`, its tokenizer (KoboldCPP's tokencount), or our estimate from the text. */
export const TOKEN_COUNT_SOURCES = ['upstream', 'tokencount', 'estimate'] as const;
export type TokenCountSource = (typeof TOKEN_COUNT_SOURCES)[number];

export const tokenBudgetMetricProviders = [
  makeCounterProvider({ name: REJECTIONS, help: 'Requests refused with 429 token_budget_exceeded because a client used up its token budget.' }),
  makeCounterProvider({
    name: TOKENS,
    help: 'Tokens used per client (its configured name, or "anonymous" without authentication), by kind (prompt, completion) and where the count comes from.',
    labelNames: ['client', 'kind', 'source'],
  }),
];

/** What token budgets report to Prometheus. `client` is bounded: only configured client names (or "anonymous"). */
@Injectable()
export class TokenBudgetMetrics {
  constructor(
    @InjectMetric(REJECTIONS) private readonly rejections: Counter,
    @InjectMetric(TOKENS) private readonly tokens: Counter<'client' | 'kind' | 'source'>,
  ) {}

  rejected(): void {
    this.rejections.inc();
  }

  used(client: string, promptTokens: number, completionTokens: number, source: TokenCountSource): void {
    if (promptTokens > 0) this.tokens.inc({ client, kind: 'prompt', source }, promptTokens);
    if (completionTokens > 0) this.tokens.inc({ client, kind: 'completion', source }, completionTokens);
  }
}
