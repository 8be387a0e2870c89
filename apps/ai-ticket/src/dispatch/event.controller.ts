import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { markError, toErrorResponse } from '@ai-ticket/errors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiAccess } from '../auth/api-access.service';
import { LifecycleService } from '../health/lifecycle.service';
import { RateLimiter } from '../rate-limit/rate-limiter.service';
import { EventTracer, type EventTrace } from '../tracing/event-tracer';
import { rememberPrompt } from '../metrics/events/event-prompt';
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
    private readonly dispatch: DispatchService,
    private readonly lifecycle: LifecycleService,
    private readonly metrics: DispatchMetrics,
    private readonly tracer: EventTracer,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.post('/event', (request, reply) => this.handle(request, reply));
  }

  /** Dispatches one inference event; answers `{completion}`, or Server-Sent Events with `stream: true`. */
  async handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    // Steps that throw are left open; the trace fails them when the response ends.
    const trace = this.tracer.startEvent(request, reply);
    const auth = trace.step('auth');
    this.access.admit(request);
    auth.end();
    if (this.limiter.enabled) {
      const decision = trace.step('rate_limit');
      await this.limiter.admit(request, reply);
      decision.end();
    }
    const event = this.validate.transform(request.body);
    // Shutdown waits for this event, its stream included, until the response closes.
    this.lifecycle.trackUntilClosed(reply.raw);
    rememberPrompt(request.raw, event.generation.prompt);
    const callerGone = abortWhenCallerLeaves(reply);
    try {
      if (event.stream) await this.stream(event, request, reply, callerGone, trace);
      else await reply.send({ completion: await this.dispatch.complete(event.generation, callerGone, trace) });
    } catch (error) {
      if (error instanceof CallerAbortedError || callerGone.aborted) {
        this.logger.debug({ msg: 'Caller disconnected; upstream request aborted', requestId: request.id });
        return;
      }
      throw error;
    }
  }

  private async stream(event: EventRequest, request: FastifyRequest, reply: FastifyReply, callerGone: AbortSignal, trace: EventTrace): Promise<void> {
    const writer = new SseWriter(reply.raw);
    const startedAt = performance.now();
    let opened = false;
    let firstToken = true;
    try {
      await this.dispatch.stream(event.generation, callerGone, trace, {
        open: () => {
          // Until the upstream stream is open, failures are ordinary HTTP errors with their status.
          reply.hijack();
          writer.open(reply.getHeaders() as Record<string, string>);
          opened = true;
        },
        delta: (text) => {
          if (firstToken) {
            this.metrics.firstTokenAfter((performance.now() - startedAt) / 1000);
            trace.firstToken();
          }
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
