import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DispatchService } from './dispatch.service';
import type { EventRequest } from './dispatch.types';
import { EventRequestPipe } from './event-request.pipe';
import { GenerationCall } from './generation-call.service';
import { CallerStream } from './sse/caller-stream.service';
import { eventStreamFormat } from './sse/event-stream.format';
import type { EventTrace } from '../tracing/event-tracer';
import type { AnswerTally } from './usage/call-usage.service';

/**
 * `POST /event`, registered on Fastify directly rather than through Nest's router: the event route is
 * the hot path, and Nest's per-request machinery (guard and pipe consumers, execution contexts, the
 * promise chain around them) cost more than the rest of our own work on it. It takes the steps every
 * generation route takes (`GenerationCall`: authentication, rate limit, validation by `EventRequestPipe`,
 * token budget), then the dispatch. What it throws reaches the global `AllExceptionsFilter` through
 * Nest's Fastify error handler, so the error contract is the one every route has.
 */
@Injectable()
export class EventController implements OnModuleInit {
  private readonly validate = new EventRequestPipe();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly call: GenerationCall,
    private readonly dispatch: DispatchService,
    private readonly callerStream: CallerStream,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.post('/event', (request, reply) => this.handle(request, reply));
  }

  /** Dispatches one inference event; answers `{completion}`, or Server-Sent Events with `stream: true`. */
  handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    return this.call.serve(request, reply, (body) => this.validate.transform(body), (event, callerGone, tally, trace) =>
      this.answer(event, request, reply, callerGone, tally, trace),
    );
  }

  private async answer(event: EventRequest, request: FastifyRequest, reply: FastifyReply, callerGone: AbortSignal, tally: AnswerTally, trace: EventTrace): Promise<void> {
    if (event.stream) return this.callerStream.relay(event.generation, request, reply, callerGone, eventStreamFormat, tally, trace);
    const { text, usage } = await this.dispatch.generate(event.generation, callerGone, trace, tally);
    tally.answered = true;
    tally.characters = text.length;
    tally.usage = usage;
    if (tally.text !== undefined) tally.text = text;
    await reply.send({ completion: text });
  }
}
