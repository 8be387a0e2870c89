import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiAccess } from '../auth/api-access.service';
import { LifecycleService } from '../health/lifecycle.service';
import { rememberPrompt } from '../metrics/events/event-prompt';
import { RateLimiter } from '../rate-limit/rate-limiter.service';
import { EventTracer, type EventTrace } from '../tracing/event-tracer';
import { abortWhenCallerLeaves } from './caller-gone.util';
import type { GenerationRequest } from './dispatch.types';
import { CallerAbortedError } from './upstream/upstream-failure';
import { CallUsage, type AnswerTally } from './usage/call-usage.service';

/**
 * The steps every generation route takes (`POST /event`, the OpenAI routes), in this order:
 * authentication, the rate limit, the route's own validation, the token budget, then its answer
 * (dispatch and reply), the usage charged whatever happens. A caller who leaves aborts the dispatch
 * and is not an error. What it throws goes to the route's error handler.
 */
@Injectable()
export class GenerationCall {
  private readonly logger = new Logger(GenerationCall.name);

  constructor(
    private readonly access: ApiAccess,
    private readonly limiter: RateLimiter,
    private readonly usage: CallUsage,
    private readonly lifecycle: LifecycleService,
    private readonly tracer: EventTracer,
  ) {}

  async serve<T extends { generation: GenerationRequest }>(
    request: FastifyRequest,
    reply: FastifyReply,
    validate: (body: unknown) => T,
    answer: (call: T, callerGone: AbortSignal, tally: AnswerTally, trace: EventTrace) => Promise<void>,
  ): Promise<void> {
    // Steps that throw are left open; the trace fails them when the response ends.
    const trace = this.tracer.startEvent(request, reply);
    const auth = trace.step('auth');
    this.access.admit(request);
    auth.end();
    if (this.limiter.enabled) {
      const decision = trace.step('rate_limit');
      // In-memory stores answer at once; awaiting their answer would still cost a promise step.
      const counting = this.limiter.admit(request, reply);
      if (counting) await counting;
      decision.end();
    }
    const call = validate(request.body);
    const admitting = this.usage.admit(request, reply, call.generation);
    const metered = admitting instanceof Promise ? await admitting : admitting;
    rememberPrompt(request.raw, call.generation.prompt);
    // Shutdown waits for this call, its stream included, until the response closes.
    const callerGone = abortWhenCallerLeaves(reply, this.lifecycle.beginWork());
    try {
      await answer(call, callerGone, metered.tally, trace);
    } catch (error) {
      if (error instanceof CallerAbortedError || callerGone.aborted) {
        this.logger.debug({ msg: 'Caller disconnected; upstream request aborted', requestId: request.id });
        return;
      }
      throw error;
    } finally {
      this.usage.settle(request, metered);
    }
  }
}
