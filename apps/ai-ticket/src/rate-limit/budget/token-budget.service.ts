import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, RateLimitConfig, TokenBudgetConfig } from '@ai-ticket/config';
import { AppException, ErrorCode } from '@ai-ticket/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientOf, usageClientOf } from '../../auth/client.types';
import { rateLimitIdentity } from '../client-identity.util';
import { RateLimitHealth } from '../rate-limit-health.service';
import { RateLimitMetrics } from '../rate-limit-metrics';
import { budgetWindowAt, type BudgetWindow } from './budget-window.util';
import { TokenBudgetMetrics, type TokenCountSource } from './token-budget-metrics';
import { TokenBudgetStore } from './token-budget.store';

/** What an admitted request holds until it is settled. */
export interface BudgetTicket {
  key: string;
  window: BudgetWindow;
  reserved: number;
}

/** Tokens one answered (or failed) request used. */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  source: TokenCountSource;
}

/**
 * Per-client token budgets: before dispatch a request reserves its prompt and the most it may generate
 * (`max_tokens`, else `TOKEN_BUDGET_COMPLETION_RESERVE`) and is refused with `429 token_budget_exceeded`
 * once the window's budget is spent; afterwards it is charged what it really used. The store, its fail
 * mode and its health are the rate limiter's.
 */
@Injectable()
export class TokenBudget {
  private readonly logger = new Logger(TokenBudget.name);
  private readonly settings: TokenBudgetConfig;
  private readonly failMode: RateLimitConfig['failMode'];

  constructor(
    private readonly store: TokenBudgetStore,
    private readonly health: RateLimitHealth,
    private readonly rateLimitMetrics: RateLimitMetrics,
    private readonly metrics: TokenBudgetMetrics,
    config: ConfigService<AppConfig, true>,
  ) {
    this.settings = config.get('tokenBudget', { infer: true });
    this.failMode = config.get('rateLimit.failMode', { infer: true });
  }

  /** Whether the caller has a token budget (so `admit` is worth awaiting). */
  appliesTo(request: FastifyRequest): boolean {
    return this.budgetOf(request) > 0;
  }

  /** Tokens to reserve for a request with this prompt size and `max_tokens`. */
  reservationFor(promptTokens: number, maxTokens: number | undefined): number {
    return promptTokens + (maxTokens ?? this.settings.completionReserve);
  }

  /**
   * Reserves `tokens` from the caller's budget; undefined when the caller has no budget (or the store is
   * down and the fail mode is open). Throws 429 when the budget is spent.
   */
  async admit(request: FastifyRequest, reply: FastifyReply, tokens: number): Promise<BudgetTicket | undefined> {
    const budget = this.budgetOf(request);
    if (budget <= 0) return undefined;
    const key = rateLimitIdentity(request);
    const window = budgetWindowAt(Date.now(), this.settings.windowMs);
    let state;
    try {
      state = await this.store.reserve({ key, window, budget, tokens });
      this.health.succeeded();
    } catch (error) {
      this.health.failed(error);
      this.rateLimitMetrics.storeFailed(this.failMode);
      if (this.failMode === 'open') return undefined;
      throw new AppException(ErrorCode.RateLimiterUnavailable, 'The rate limiter is unavailable; try again shortly.', { retryAfterSeconds: 1 });
    }
    const secondsLeft = Math.max(1, Math.ceil((window.endsAt - Date.now()) / 1000));
    void reply.headers({
      'tokenbudget-limit': String(budget),
      'tokenbudget-remaining': String(Math.max(0, budget - state.used - state.reserved)),
      'tokenbudget-reset': String(secondsLeft),
    });
    if (!state.admitted) {
      this.metrics.rejected();
      throw new AppException(ErrorCode.TokenBudgetExceeded, `Token budget of ${budget} tokens per ${this.settings.windowMs / 1000} s used up.`, {
        retryAfterSeconds: secondsLeft,
        details: { budget, used: state.used, reserved: state.reserved, windowSeconds: this.settings.windowMs / 1000 },
      });
    }
    return { key, window, reserved: tokens };
  }

  private budgetOf(request: FastifyRequest): number {
    return clientOf(request.raw)?.tokenBudget ?? this.settings.defaultBudget;
  }

  /**
   * Records what a request used (Prometheus) and, when it held a reservation, charges it. Never throws:
   * the answer has been given; a failed charge is logged and the reservation lapses with its window.
   */
  settle(request: FastifyRequest, ticket: BudgetTicket | undefined, usage: TokenUsage): void {
    this.metrics.used(usageClientOf(request.raw), usage.promptTokens, usage.completionTokens, usage.source);
    if (!ticket) return;
    const used = usage.promptTokens + usage.completionTokens;
    this.store.settle({ key: ticket.key, window: ticket.window, reserved: ticket.reserved, used }).catch((error: unknown) => {
      this.health.failed(error);
      this.logger.warn({ msg: 'Could not charge a request to its token budget', err: error, requestId: request.id });
    });
  }
}
