import { Injectable, Logger } from '@nestjs/common';
import { markError } from '@ai-ticket/errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiAccess } from '../auth/api-access.service';
import { abortWhenCallerLeaves } from '../dispatch/caller-gone.util';
import { DispatchMetrics } from '../dispatch/dispatch-metrics.service';
import { DispatchService } from '../dispatch/dispatch.service';
import type { AnswerDetails } from '../dispatch/dispatch.types';
import { SseWriter } from '../dispatch/sse/sse-writer';
import { CallerAbortedError } from '../dispatch/upstream/upstream-failure';
import { LifecycleService } from '../health/lifecycle.service';
import { rememberPrompt } from '../metrics/events/event-prompt';
import { RateLimiter } from '../rate-limit/rate-limiter.service';
import { toOpenAiError } from './openai-error.mapper';
import type { OpenAiCall } from './request/openai-call.types';
import type { CompletionDialect } from './response/completion-dialect.types';
import { finishReasonOf } from './response/openai-usage.util';
import { newHead, type ResponseHead } from './response/response-head';

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
    private readonly metrics: DispatchMetrics,
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
      if (call.stream) await this.stream(call, dialect, head, request, reply, callerGone);
      else await reply.send(dialect.answer(head, await this.dispatch.generate(call.generation, callerGone)));
    } catch (error) {
      if (error instanceof CallerAbortedError || callerGone.aborted) {
        this.logger.debug({ msg: 'Caller disconnected; upstream request aborted', requestId: request.id });
        return;
      }
      throw error;
    }
  }

  private async stream(call: OpenAiCall, dialect: CompletionDialect, head: ResponseHead, request: FastifyRequest, reply: FastifyReply, callerGone: AbortSignal): Promise<void> {
    const writer = new SseWriter(reply.raw);
    const startedAt = performance.now();
    const details: AnswerDetails = {};
    let opened = false;
    let firstToken = true;
    try {
      await this.dispatch.stream(call.generation, callerGone, {
        open: () => {
          // Until the upstream stream is open, failures are ordinary HTTP errors with their status.
          reply.hijack();
          writer.open(reply.getHeaders() as Record<string, string>);
          opened = true;
          const opening = dialect.openingChunk(head);
          if (opening) void writer.send(opening);
        },
        delta: (text) => {
          if (firstToken) this.metrics.firstTokenAfter((performance.now() - startedAt) / 1000);
          firstToken = false;
          return writer.send(dialect.deltaChunk(head, text));
        },
        // The one place a stream's usage is known (the upstream's last chunks).
        details: (reported) => Object.assign(details, reported),
      });
      await writer.send(dialect.finishChunk(head, finishReasonOf(details)));
      if (call.includeUsage && details.usage) await writer.send(dialect.usageChunk(head, details.usage));
      await writer.sendData('[DONE]');
    } catch (error) {
      if (!opened || error instanceof CallerAbortedError) throw error;
      // Past the headers the status cannot change: OpenAI reports such an error as a data event.
      const { body, source } = toOpenAiError(error, request.id);
      if (source.unexpected) this.logger.error({ msg: 'Stream failed', err: error, requestId: request.id });
      markError(reply.raw, source.body.error, source.body.message);
      await writer.send(body);
    } finally {
      if (opened) writer.end();
    }
  }
}
