import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { usageClientOf } from '../../auth/client.types';
import { LifecycleService } from '../../health/lifecycle.service';
import { rememberUsage } from '../../metrics/events/event-usage';
import type { EventUsage } from '../../metrics/history/client-usage.util';
import { TokenBudget, type BudgetTicket } from '../../rate-limit/budget/token-budget.service';
import type { TokenCountSource } from '../../rate-limit/budget/token-budget-metrics';
import { estimateTokens, tokensForCharacters } from '../../rate-limit/budget/token-estimate.util';
import type { GenerationRequest, TokenUsage } from '../dispatch.types';
import { TokenCounting, type CountedTokens } from './tokencount/token-counting.service';
import type { UpstreamTokenCounter } from './tokencount/upstream-token-counter';

/** What one call's answer amounted to, filled in as it reaches the caller (a stream may stop half-way). */
export interface AnswerTally {
  answered: boolean;
  characters: number;
  /** The upstream's own count, when it reported one (preferred to everything else). */
  usage: TokenUsage | undefined;
  /** The answer's text, kept only while the upstream's tokenizer may have to count it (undefined: not kept). */
  text: string | undefined;
  /** The tokenizer of the upstream that answered (set by the dispatch on each attempt). */
  tokenizer: UpstreamTokenCounter | undefined;
}

/** A call admitted against its client's token budget, to be settled once it ends. */
export interface MeteredCall {
  readonly tally: AnswerTally;
  readonly ticket: BudgetTicket | undefined;
  readonly prompt: string;
  readonly promptTokens: number;
}

const NOTHING: CountedTokens = { promptTokens: 0, completionTokens: 0 };

/**
 * The token side of every dispatched call, `/event` and the OpenAI routes alike: admission against the
 * client's budget before dispatch, then the charge and the history's usage once the call ends, from
 * the upstream's `usage` when it reported one, else from its tokenizer (counted after the answer was
 * sent), else estimated.
 */
@Injectable()
export class CallUsage {
  constructor(
    private readonly budget: TokenBudget,
    private readonly counting: TokenCounting,
    private readonly lifecycle: LifecycleService,
  ) {}

  /** Admits the call against its client's budget: a promise only when a budget applies (the store is asked). */
  admit(request: FastifyRequest, reply: FastifyReply, generation: GenerationRequest): MeteredCall | Promise<MeteredCall> {
    const promptTokens = estimateTokens(generation.prompt);
    if (!this.budget.appliesTo(request)) return this.metered(generation, undefined, promptTokens);
    const reservation = this.budget.reservationFor(promptTokens, generation.maxTokens);
    return this.budget.admit(request, reply, reservation).then((ticket) => this.metered(generation, ticket, promptTokens));
  }

  private metered(generation: GenerationRequest, ticket: BudgetTicket | undefined, promptTokens: number): MeteredCall {
    const tally: AnswerTally = { answered: false, characters: 0, usage: undefined, text: this.counting.enabled ? '' : undefined, tokenizer: undefined };
    return { tally, ticket, prompt: generation.prompt, promptTokens };
  }

  /** Nothing answered, nothing charged: a failed upstream call releases its reservation. */
  settle(request: FastifyRequest, call: MeteredCall): void {
    const { tally } = call;
    const client = usageClientOf(request.raw);
    if (!tally.answered) {
      this.charge(request, call, NOTHING, 'estimate');
      return rememberUsage(request.raw, { client, usage: undefined });
    }
    if (tally.usage) return rememberUsage(request.raw, { client, usage: this.charge(request, call, tally.usage, 'upstream') });
    const counting = this.counting.count(tally.tokenizer, call.prompt, tally.text ?? '');
    if (!counting) return rememberUsage(request.raw, { client, usage: this.estimate(request, call) });
    // The answer has been sent: the charge waits for the count, the history too (see EventHistoryObserver),
    // and so does a graceful shutdown (its charge and history record would be lost otherwise).
    const settled = counting.then((counted) => (counted ? this.charge(request, call, counted, 'tokencount') : this.estimate(request, call)));
    void settled.then(this.lifecycle.beginWork());
    rememberUsage(request.raw, { client, counting: settled });
  }

  private estimate(request: FastifyRequest, call: MeteredCall): EventUsage {
    return this.charge(request, call, { promptTokens: call.promptTokens, completionTokens: tokensForCharacters(call.tally.characters) }, 'estimate');
  }

  private charge(request: FastifyRequest, call: MeteredCall, used: CountedTokens, source: TokenCountSource): EventUsage {
    const { promptTokens, completionTokens } = used;
    this.budget.settle(request, call.ticket, { promptTokens, completionTokens, source });
    return { promptTokens, completionTokens, estimated: source === 'estimate' };
  }
}
