import { Injectable, OnModuleInit } from '@nestjs/common';
import { uniqueRequestId } from '../../logging/request-id.util';
import type { FinishedEvent } from '../history/event-history.store';
import { EventRecorder } from '../history/event-recorder.service';
import { RequestCompletionHub } from '../../observability/request-completion.hub';
import { eventOutcomeOf, isEventRoute } from './event-outcome';
import { promptOf } from './event-prompt';
import { usageOf } from './event-usage';

/**
 * Records every finished event (`POST /event` and the OpenAI generation routes) in the history (the
 * recorder batches the writes off the request path, and keeps the prompt only with `HISTORY_STORE_PROMPTS=true`).
 */
@Injectable()
export class EventHistoryObserver implements OnModuleInit {
  constructor(
    private readonly hub: RequestCompletionHub,
    private readonly recorder: EventRecorder,
  ) {}

  onModuleInit(): void {
    this.hub.onComplete((completion) => {
      if (!isEventRoute(completion.route)) return;
      const { outcome, errorCode, message } = eventOutcomeOf(completion);
      const { request } = completion;
      const dispatched = usageOf(request.raw);
      const event: FinishedEvent = {
        id: uniqueRequestId(request.raw, request.id),
        finishedAt: Date.now(),
        latencyMs: completion.elapsedMs,
        outcome,
        errorCode: outcome === 'error' ? errorCode : undefined,
        message,
        prompt: promptOf(request.raw),
        stream: (request.body as { stream?: unknown } | undefined)?.stream === true,
        client: dispatched?.client,
        usage: dispatched?.usage,
      };
      // Counted by the upstream after the answer: recorded once the count (or its estimate) is in.
      if (dispatched?.counting) {
        void dispatched.counting.then((usage) => {
          event.usage = usage;
          this.recorder.record(event);
        });
      } else this.recorder.record(event);
    });
  }
}
