import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { markError, toErrorResponse } from '@ai-ticket/errors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiAccess } from '../auth/api-access.service';
import { LifecycleService } from '../health/lifecycle.service';
import { TokenBudget } from '../rate-limit/budget/token-budget.service';
import { estimateTokens, tokensForCharacters } from '../rate-limit/budget/token-estimate.util';
import { RateLimiter } from '../rate-limit/rate-limiter.service';
import { usageClientOf } from '../auth/client.types';
import { rememberPrompt } from '../metrics/events/event-prompt';
import { rememberUsage } from '../metrics/events/event-usage';
import { DispatchMetrics } from './dispatch-metrics.service';
import { DispatchService } from './dispatch.service';
import type { EventRequest } from './dispatch.types';
import { EventRequestPipe } from './event-request.pipe';
import { SseWriter } from './sse/sse-writer';
import { CallerAbortedError } from './upstream/upstream-failure';

/**
 * `POST /event`, registered on Fastify directly rather than through Nest's router: the event route is
 * the hot path, and Nest's per-request machinery (guard and pipe consumers, execution contexts, the
 * promise chain around them) cost more than the rest of our own work on it. It does the same steps in
 * the same order, with the same services: authentication (`ApiAccess`, which the global `AuthGuard`
 * applies to the other routes), the rate limit (`RateLimiter`), validation (`EventRequestPipe`), then
 * the dispatch. What it throws reaches the global `AllExceptionsFilter` through Nest's Fastify error
 * handler, so the error contract is the one every route has.
 */
@Injectable()
export class EventController implements OnModuleInit {
  private readonly logger = new Logger(EventController.name);
  private readonly validate = new EventRequestPipe();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly access: ApiAccess,
    private readonly limiter: RateLimiter,
    private readonly budget: TokenBudget,
    private readonly dispatch: DispatchService,
    private readonly lifecycle: LifecycleService,
    private readonly metrics: DispatchMetrics,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.post('/event', (request, reply) => this.handle(request, reply));
  }

  /** Dispatches one inference event; answers `{completion}`, or Server-Sent Events with `stream: true`. */
  async handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    this.access.admit(request);
    if (this.limiter.enabled) await this.limiter.admit(request, reply);
    const event = this.validate.transform(request.body);
    const promptTokens = estimateTokens(event.generation.prompt);
    const ticket = this.budget.appliesTo(request) ? await this.budget.admit(request, reply, this.budget.reservationFor(promptTokens, event.generation.maxTokens)) : undefined;
    // Shutdown waits for this event, its stream included, until the response closes.
    this.lifecycle.trackUntilClosed(reply.raw);
    rememberPrompt(request.raw, event.generation.prompt);
    const callerGone = abortWhenCallerLeaves(reply);
    const answer: AnswerSize = { answered: false, characters: 0 };
    try {
      if (event.stream) await this.stream(event, request, reply, callerGone, answer);
      else {
        const completion = await this.dispatch.complete(event.generation, callerGone);
        answer.answered = true;
        answer.characters = completion.length;
        await reply.send({ completion });
      }
    } catch (error) {
      if (error instanceof CallerAbortedError || callerGone.aborted) {
        this.logger.debug({ msg: 'Caller disconnected; upstream request aborted', requestId: request.id });
        return;
      }
      throw error;
    } finally {
      // Nothing answered, nothing charged: a failed upstream call releases its reservation.
      const used = answer.answered ? { promptTokens, completionTokens: tokensForCharacters(answer.characters) } : { promptTokens: 0, completionTokens: 0 };
      this.budget.settle(request, ticket, { ...used, source: 'estimate' });
      rememberUsage(request.raw, { client: usageClientOf(request.raw), usage: answer.answered ? { ...used, estimated: true } : undefined });
    }
  }

  private async stream(event: EventRequest, request: FastifyRequest, reply: FastifyReply, callerGone: AbortSignal, answer: AnswerSize): Promise<void> {
    const writer = new SseWriter(reply.raw);
    const startedAt = performance.now();
    let opened = false;
    let firstToken = true;
    try {
      await this.dispatch.stream(event.generation, callerGone, {
        open: () => {
          // Until the upstream stream is open, failures are ordinary HTTP errors with their status.
          reply.hijack();
          writer.open(reply.getHeaders() as Record<string, string>);
          opened = true;
        },
        delta: (text) => {
          answer.answered = true;
          answer.characters += text.length;
          if (firstToken) this.metrics.firstTokenAfter((performance.now() - startedAt) / 1000);
          firstToken = false;
          return writer.send({ delta: text, done: false });
        },
      });
      await writer.send({ delta: '', done: true });
    } catch (error) {
      if (!opened || error instanceof CallerAbortedError) throw error;
      const { body, unexpected } = toErrorResponse(error, request.id);
      if (unexpected) this.logger.error({ msg: 'Stream failed', err: error, requestId: request.id });
      markError(reply.raw, body.error, body.message);
      await writer.send({ error: body.error, message: body.message, done: true });
    } finally {
      if (opened) writer.end();
    }
  }
}

/** How much of an answer reached the caller, for its token usage. */
interface AnswerSize {
  answered: boolean;
  characters: number;
}

/** A signal that fires if the client disconnects before the response is complete. */
function abortWhenCallerLeaves(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const abortIfUnfinished = () => {
    if (!reply.raw.writableFinished) controller.abort();
  };
  // The client may already be gone (it left while the request waited in a guard): abort at once.
  if (reply.raw.closed || reply.raw.destroyed) abortIfUnfinished();
  else reply.raw.once('close', abortIfUnfinished);
  return controller.signal;
}
