import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { usageClientOf } from '../../auth/client.types';
import { rememberUsage } from '../../metrics/events/event-usage';
import { TokenBudget, type BudgetTicket } from '../../rate-limit/budget/token-budget.service';
import { estimateTokens, tokensForCharacters } from '../../rate-limit/budget/token-estimate.util';
import type { GenerationRequest, TokenUsage } from '../dispatch.types';

/** What one call's answer amounted to, filled in as it reaches the caller (a stream may stop half-way). */
export interface AnswerTally {
  answered: boolean;
  characters: number;
  /** The upstream's own count, when it reported one (preferred to the estimate). */
  usage?: TokenUsage;
}

/** A call admitted against its client's token budget, to be settled once it ends. */
export interface MeteredCall {
  readonly tally: AnswerTally;
  readonly ticket: BudgetTicket | undefined;
  readonly promptTokens: number;
}

/**
 * The token side of every dispatched call, `/event` and the OpenAI routes alike: admission against the
 * client's budget before dispatch, then the charge and the history's usage once the call ends, from
 * the upstream's `usage` when it reported one, else estimated.
 */
@Injectable()
export class CallUsage {
  constructor(private readonly budget: TokenBudget) {}

  async admit(request: FastifyRequest, reply: FastifyReply, generation: GenerationRequest): Promise<MeteredCall> {
    const promptTokens = estimateTokens(generation.prompt);
    const ticket = this.budget.appliesTo(request) ? await this.budget.admit(request, reply, this.budget.reservationFor(promptTokens, generation.maxTokens)) : undefined;
    return { tally: { answered: false, characters: 0 }, ticket, promptTokens };
  }

  /** Nothing answered, nothing charged: a failed upstream call releases its reservation. */
  settle(request: FastifyRequest, call: MeteredCall): void {
    const { tally } = call;
    const reported = tally.answered ? tally.usage : undefined;
    const used = !tally.answered
      ? { promptTokens: 0, completionTokens: 0 }
      : reported
        ? { promptTokens: reported.promptTokens, completionTokens: reported.completionTokens }
        : { promptTokens: call.promptTokens, completionTokens: tokensForCharacters(tally.characters) };
    this.budget.settle(request, call.ticket, { ...used, source: reported ? 'upstream' : 'estimate' });
    rememberUsage(request.raw, { client: usageClientOf(request.raw), usage: tally.answered ? { ...used, estimated: !reported } : undefined });
  }
}
