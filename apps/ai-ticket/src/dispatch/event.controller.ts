import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiAccess } from '../auth/api-access.service';
import { LifecycleService } from '../health/lifecycle.service';
import { rememberPrompt } from '../metrics/events/event-prompt';
import { RateLimiter } from '../rate-limit/rate-limiter.service';
import { abortWhenCallerLeaves } from './caller-gone.util';
import { DispatchService } from './dispatch.service';
import { EventRequestPipe } from './event-request.pipe';
import { CallerStream } from './sse/caller-stream.service';
import { eventStreamFormat } from './sse/event-stream.format';
import { CallUsage } from './usage/call-usage.service';
import { CallerAbortedError } from './upstream/upstream-failure';

/**
 * `POST /event`, registered on Fastify directly rather than through Nest's router: the event route is
 * the hot path, and Nest's per-request machinery (guard and pipe consumers, execution contexts, the
 * promise chain around them) cost more than the rest of our own work on it. It does the same steps in
 * the same order, with the same services: authentication (`ApiAccess`, which the global `AuthGuard`
 * applies to the other routes), the rate limit (`RateLimiter`), validation (`EventRequestPipe`), the
 * token budget (`CallUsage`), then the dispatch. What it throws reaches the global `AllExceptionsFilter`
 * through Nest's Fastify error handler, so the error contract is the one every route has.
 */
@Injectable()
export class EventController implements OnModuleInit {
  private readonly logger = new Logger(EventController.name);
  private readonly validate = new EventRequestPipe();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly access: ApiAccess,
    private readonly limiter: RateLimiter,
    private readonly usage: CallUsage,
    private readonly dispatch: DispatchService,
    private readonly lifecycle: LifecycleService,
    private readonly callerStream: CallerStream,
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
    const call = await this.usage.admit(request, reply, event.generation);
    // Shutdown waits for this event, its stream included, until the response closes.
    this.lifecycle.trackUntilClosed(reply.raw);
    rememberPrompt(request.raw, event.generation.prompt);
    const callerGone = abortWhenCallerLeaves(reply);
    try {
      if (event.stream) await this.callerStream.relay(event.generation, request, reply, callerGone, eventStreamFormat, call.tally);
      else {
        const completion = await this.dispatch.complete(event.generation, callerGone);
        call.tally.answered = true;
        call.tally.characters = completion.length;
        await reply.send({ completion });
      }
    } catch (error) {
      if (error instanceof CallerAbortedError || callerGone.aborted) {
        this.logger.debug({ msg: 'Caller disconnected; upstream request aborted', requestId: request.id });
        return;
      }
      throw error;
    } finally {
      this.usage.settle(request, call);
    }
  }
}
