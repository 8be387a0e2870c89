import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiAccess } from '../auth/api-access.service';
import { abortWhenCallerLeaves } from '../dispatch/caller-gone.util';
import { DispatchService } from '../dispatch/dispatch.service';
import { CallerStream } from '../dispatch/sse/caller-stream.service';
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
 * `POST /event`: authentication, the rate limit, validation, then the dispatch through the queue and
 * fleet. Only the request parsing and the answer's phrasing (the dialect) differ.
 */
@Injectable()
export class OpenAiCompletionHandler {
  private readonly logger = new Logger(OpenAiCompletionHandler.name);

  constructor(
    private readonly access: ApiAccess,
    private readonly limiter: RateLimiter,
    private readonly dispatch: DispatchService,
    private readonly lifecycle: LifecycleService,
    private readonly callerStream: CallerStream,
  ) {}

  async handle(request: FastifyRequest, reply: FastifyReply, parse: (body: unknown) => OpenAiCall, dialect: CompletionDialect): Promise<void> {
    this.access.admit(request);
    if (this.limiter.enabled) await this.limiter.admit(request, reply);
    const call = parse(request.body);
    this.lifecycle.trackUntilClosed(reply.raw);
    rememberPrompt(request.raw, call.generation.prompt);
    const callerGone = abortWhenCallerLeaves(reply);
    const head = newHead(dialect.idPrefix, call.model, call.includeUsage);
    try {
      if (call.stream) await this.callerStream.relay(call.generation, request, reply, callerGone, openAiStreamFormat(dialect, head));
      // `generate` is the one place a non-streamed answer's usage is known.
      else await reply.send(dialect.answer(head, await this.dispatch.generate(call.generation, callerGone)));
    } catch (error) {
      if (error instanceof CallerAbortedError || callerGone.aborted) {
        this.logger.debug({ msg: 'Caller disconnected; upstream request aborted', requestId: request.id });
        return;
      }
      throw error;
    }
  }
}
