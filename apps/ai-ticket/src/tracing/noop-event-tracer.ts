import type { AttemptTrace, EventTrace, TraceStep } from './event-tracer';
import { EventTracer } from './event-tracer';

const NOOP_STEP: TraceStep = { end: () => undefined };
const NOOP_ATTEMPT: AttemptTrace = { headers: undefined, end: () => undefined };

/** Shared by every untraced event: tracing off costs a few empty calls, no span, context or allocation. */
export const NOOP_EVENT_TRACE: EventTrace = {
  step: () => NOOP_STEP,
  attempt: () => NOOP_ATTEMPT,
  firstToken: () => undefined,
};

/** Tracing off (`OTEL_TRACES_EXPORTER=none`, the default). */
export class NoopEventTracer extends EventTracer {
  startEvent(): EventTrace {
    return NOOP_EVENT_TRACE;
  }
}
