import { errorOf } from '@ai-ticket/errors';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, defaultTextMapGetter, defaultTextMapSetter, trace, type Context, type Span, type TextMapPropagator, type Tracer } from '@opentelemetry/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AttemptTrace, AttemptTraceInfo, EventTrace, TraceStep, TraceStepName } from '../event-tracer';
import { attachTraceId } from '../trace-id.util';
import { ATTR, FIRST_TOKEN_EVENT, SPAN } from './span-names.constants';

/** A step span; one the request path left open (it threw) is failed when the event ends. */
class StepSpan implements TraceStep {
  private ended = false;

  constructor(private readonly span: Span) {}

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.span.end();
  }

  failIfOpen(): void {
    if (this.ended) return;
    this.span.setStatus({ code: SpanStatusCode.ERROR });
    this.end();
  }
}

/**
 * One event's spans: the server span (child of the caller's `traceparent`, if any) and its children.
 * Contexts are passed explicitly, never through a global context manager. Ends with the response.
 */
export class OtelEventTrace implements EventTrace {
  private readonly span: Span;
  private readonly context: Context;
  private readonly steps: StepSpan[] = [];
  private readonly startedAt = performance.now();
  private tokenSeen = false;

  constructor(
    private readonly tracer: Tracer,
    private readonly propagator: TextMapPropagator,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const parent = propagator.extract(ROOT_CONTEXT, request.headers, defaultTextMapGetter);
    // The generation route this call came in on: `/event` or an OpenAI route (they share GenerationCall).
    const route = request.routeOptions.url ?? request.url;
    this.span = tracer.startSpan(
      SPAN.event(route),
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'POST', 'http.route': route, [ATTR.requestId]: request.id } },
      parent,
    );
    this.context = trace.setSpan(parent, this.span);
    attachTraceId(request.raw, this.span.spanContext().traceId);
    reply.raw.once('close', () => this.end(reply));
  }

  step(name: TraceStepName): TraceStep {
    const step = new StepSpan(this.tracer.startSpan(SPAN[name], { kind: SpanKind.INTERNAL }, this.context));
    this.steps.push(step);
    return step;
  }

  attempt({ upstream, endpoint, attempt, retry }: AttemptTraceInfo): AttemptTrace {
    const span = this.tracer.startSpan(
      SPAN.attempt,
      { kind: SpanKind.CLIENT, attributes: { [ATTR.upstream]: upstream, [ATTR.endpoint]: endpoint, [ATTR.attempt]: attempt, [ATTR.retry]: retry } },
      this.context,
    );
    const headers: Record<string, string> = {};
    this.propagator.inject(trace.setSpan(this.context, span), headers, defaultTextMapSetter);
    return {
      headers,
      end: (outcome) => {
        span.setAttribute(ATTR.outcome, outcome);
        if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
        span.end();
      },
    };
  }

  firstToken(): void {
    if (this.tokenSeen) return;
    this.tokenSeen = true;
    this.span.addEvent(FIRST_TOKEN_EVENT, { [ATTR.firstTokenMs]: performance.now() - this.startedAt });
  }

  private end(reply: FastifyReply): void {
    for (const step of this.steps) step.failIfOpen();
    const status = reply.raw.statusCode;
    const error = errorOf(reply.raw);
    this.span.setAttribute('http.response.status_code', status);
    if (error) this.span.setAttribute(ATTR.errorCode, error.code);
    if (!reply.raw.writableEnded) this.span.setAttribute(ATTR.aborted, true);
    // Server spans: 4xx is the caller's doing (not an error here); 5xx and errors sent in-band in a 200 stream are.
    if (status >= 500 || (error && status < 400)) this.span.setStatus({ code: SpanStatusCode.ERROR, message: error?.message });
    this.span.end();
  }
}
