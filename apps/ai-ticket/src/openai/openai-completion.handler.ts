import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiAccess } from '../auth/api-access.service';
import { abortWhenCallerLeaves } from '../dispatch/caller-gone.util';
import { DispatchService } from '../dispatch/dispatch.service';
import { CallerStream } from '../dispatch/sse/caller-stream.service';
import { CallUsage } from '../dispatch/usage/call-usage.service';
import { CallerAbortedError } from '../dispatch/upstream/upstream-failure';
import { LifecycleService } from '../health/lifecycle.service';
import { rememberPrompt } from '../metrics/events/event-prompt';
import { RateLimiter } from '../rate-limit/rate-limiter.service';
import type { OpenAiCall } from './request/openai-call.types';
import type { CompletionDialect } from './response/completion-dialect.types';
import { openAiStreamFormat } from './response/openai-stream.format';
import { newHead } from './response/response-head';

/**
 * Serves one OpenAI completion call (chat or text) with the same steps, in the same order, as
 * `POST /event`: authentication, the rate limit, validation, the token budget, then the dispatch through
 * the queue and fleet, and the usage charged at the end. Only the request parsing and the answer's
 * phrasing (the dialect) differ.
 */
@Injectable()
export class OpenAiCompletionHandler {
  private readonly logger = new Logger(OpenAiCompletionHandler.name);

  constructor(
    private readonly access: ApiAccess,
    private readonly limiter: RateLimiter,
    private readonly usage: CallUsage,
    private readonly dispatch: DispatchService,
    private readonly lifecycle: LifecycleService,
    private readonly callerStream: CallerStream,
  ) {}

  async handle(request: FastifyRequest, reply: FastifyReply, parse: (body: unknown) => OpenAiCall, dialect: CompletionDialect): Promise<void> {
    this.access.admit(request);
    if (this.limiter.enabled) await this.limiter.admit(request, reply);
    const call = parse(request.body);
    const metered = await this.usage.admit(request, reply, call.generation);
    this.lifecycle.trackUntilClosed(reply.raw);
    rememberPrompt(request.raw, call.generation.prompt);
    const callerGone = abortWhenCallerLeaves(reply);
    const head = newHead(dialect.idPrefix, call.model, call.includeUsage);
    try {
      if (call.stream) await this.callerStream.relay(call.generation, request, reply, callerGone, openAiStreamFormat(dialect, head), metered.tally);
      else {
        const generation = await this.dispatch.generate(call.generation, callerGone);
        Object.assign(metered.tally, { answered: true, characters: generation.text.length, usage: generation.usage });
        await reply.send(dialect.answer(head, generation));
      }
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
