import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DispatchService } from '../dispatch/dispatch.service';
import { GenerationCall } from '../dispatch/generation-call.service';
import { CallerStream } from '../dispatch/sse/caller-stream.service';
import type { AnswerTally } from '../dispatch/usage/call-usage.service';
import type { OpenAiCall } from './request/openai-call.types';
import type { CompletionDialect } from './response/completion-dialect.types';
import { openAiStreamFormat } from './response/openai-stream.format';
import { newHead } from './response/response-head';
import type { EventTrace } from '../tracing/event-tracer';

/**
 * Serves one OpenAI completion call (chat or text) with the steps `POST /event` takes (`GenerationCall`:
 * authentication, rate limit, validation, token budget, usage), then the dispatch through the queue and
 * fleet. Only the request parsing and the answer's phrasing (the dialect) differ.
 */
@Injectable()
export class OpenAiCompletionHandler {
  constructor(
    private readonly call: GenerationCall,
    private readonly dispatch: DispatchService,
    private readonly callerStream: CallerStream,
  ) {}

  handle(request: FastifyRequest, reply: FastifyReply, parse: (body: unknown) => OpenAiCall, dialect: CompletionDialect): Promise<void> {
    return this.call.serve(request, reply, parse, (call, callerGone, tally, trace) => this.answer(call, dialect, request, reply, callerGone, tally, trace));
  }

  private async answer(call: OpenAiCall, dialect: CompletionDialect, request: FastifyRequest, reply: FastifyReply, callerGone: AbortSignal, tally: AnswerTally, trace: EventTrace): Promise<void> {
    const head = newHead(dialect.idPrefix, call.model, call.includeUsage);
    if (call.stream) return this.callerStream.relay(call.generation, request, reply, callerGone, openAiStreamFormat(dialect, head), tally, trace);
    const generation = await this.dispatch.generate(call.generation, callerGone, trace, tally);
    tally.answered = true;
    tally.characters = generation.text.length;
    tally.usage = generation.usage;
    if (tally.text !== undefined) tally.text = generation.text;
    await reply.send(dialect.answer(head, generation));
  }
}
