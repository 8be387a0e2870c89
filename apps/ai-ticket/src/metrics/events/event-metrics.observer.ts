import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectMetric, makeCounterProvider } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { RequestCompletionHub } from '../../observability/request-completion.hub';
import { startAtZero } from '../known-series.util';
import { EVENT_OUTCOME_LABELS, eventOutcomeOf, isEventRoute } from './event-outcome';

const EVENTS = 'events_total';

export const eventMetricProviders = [
  makeCounterProvider({
    name: EVENTS,
    help: 'Finished events, by outcome (success, error) and the error code the client received (none on success).',
    labelNames: ['outcome', 'error_code'],
  }),
];

/** Counts every finished event (`POST /event` and the OpenAI generation routes), including those refused by validation, auth or rate limits. */
@Injectable()
export class EventMetricsObserver implements OnModuleInit {
  constructor(
    private readonly hub: RequestCompletionHub,
    @InjectMetric(EVENTS) private readonly events: Counter<'outcome' | 'error_code'>,
  ) {}

  onModuleInit(): void {
    startAtZero(this.events, EVENT_OUTCOME_LABELS);
    this.hub.onComplete((completion) => {
      if (!isEventRoute(completion.route)) return;
      const { outcome, errorCode } = eventOutcomeOf(completion);
      this.events.inc({ outcome, error_code: errorCode });
    });
  }
}
