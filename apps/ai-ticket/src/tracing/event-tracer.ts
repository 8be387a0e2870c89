import type { FastifyReply, FastifyRequest } from 'fastify';

/** The steps of an event traced as their own spans, children of the event's span. */
export type TraceStepName = 'auth' | 'rate_limit' | 'queue_wait';

/** One traced step. A step still open when the response ends failed: it is ended then, as an error. */
export interface TraceStep {
  end(): void;
}

export interface AttemptTraceInfo {
  /** The upstream's label (never credentials). */
  upstream: string;
  endpoint: string;
  /** 1 for the event's first attempt, counting every API and upstream tried. */
  attempt: number;
  /** Retries the event had spent before this attempt (`UPSTREAM_MAX_RETRIES` bounds them). */
  retry: number;
}

/** One upstream attempt's span. */
export interface AttemptTrace {
  /** Headers carrying this attempt's context to the upstream (`traceparent`, `tracestate`); undefined when untraced. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** `outcome`: `ok`, an `UpstreamFailure` kind, `aborted` or `error`. */
  end(outcome: string): void;
}

/** The trace of one `POST /event`; its span ends by itself when the response ends. */
export interface EventTrace {
  step(name: TraceStepName): TraceStep;
  attempt(info: AttemptTraceInfo): AttemptTrace;
  /** The first streamed token reached the caller. */
  firstToken(): void;
}

/**
 * The tracing port: starts an event's trace from the request's W3C `traceparent`/`tracestate`. Chosen
 * once from `OTEL_TRACES_EXPORTER` (tracing.module.ts): the no-op adapter allocates nothing per event,
 * so business code calls it unconditionally. Adapters must never throw into the request path.
 */
export abstract class EventTracer {
  abstract startEvent(request: FastifyRequest, reply: FastifyReply): EventTrace;
}
