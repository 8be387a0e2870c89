import { ErrorCode, httpStatusFor } from '@ai-ticket/errors';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { RequestCompletionHub } from '../observability/request-completion.hub';
import { EVENT_ROUTE } from './events/event-outcome';
import { everyCombination, startAtZero } from './known-series.util';
import { HTTP_DURATION, HTTP_IN_FLIGHT, HTTP_REQUESTS } from './http-metrics.providers';

/** Counts and times every HTTP request from the shared request hook. */
@Injectable()
export class HttpMetricsObserver implements OnModuleInit {
  constructor(
    private readonly hub: RequestCompletionHub,
    @InjectMetric(HTTP_REQUESTS) private readonly requests: Counter<'method' | 'route' | 'status_code'>,
    @InjectMetric(HTTP_DURATION) private readonly duration: Histogram<'method' | 'route'>,
    @InjectMetric(HTTP_IN_FLIGHT) private readonly inFlight: Gauge,
  ) {}

  onModuleInit(): void {
    // POST /event's answers are known in advance: success or a status an error code maps to.
    const statuses = [...new Set([200, ...Object.values(ErrorCode).map(httpStatusFor)])].map(String);
    startAtZero(this.requests, everyCombination({ method: ['POST'], route: [EVENT_ROUTE], status_code: statuses }));
    startAtZero(this.duration, [{ method: 'POST', route: EVENT_ROUTE }]);
    this.hub.onStart(() => this.inFlight.inc());
    this.hub.onComplete(({ request, route, statusCode, elapsedMs }) => {
      this.inFlight.dec();
      this.requests.inc({ method: request.method, route, status_code: String(statusCode) });
      this.duration.observe({ method: request.method, route }, elapsedMs / 1000);
    });
  }
}
