import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { everyCombination, startAtZero } from '../metrics/known-series.util';
import { RETRY_REASONS } from './upstream/next-move';
import { ENDPOINT_ORDER } from './upstream/endpoints/endpoint-order';
import { STREAM_FIRST_TOKEN, UPSTREAM_QUEUE_DEPTH, UPSTREAM_QUEUE_WAIT, UPSTREAM_RETRIES } from './dispatch-metrics.providers';

/** What dispatching reports to Prometheus, in dispatch's own words (per-upstream series: FleetMetrics). */
@Injectable()
export class DispatchMetrics {
  constructor(
    @InjectMetric(UPSTREAM_RETRIES) private readonly retries: Counter<'endpoint' | 'reason'>,
    @InjectMetric(UPSTREAM_QUEUE_DEPTH) private readonly queueDepth: Gauge,
    @InjectMetric(UPSTREAM_QUEUE_WAIT) private readonly queueWait: Histogram,
    @InjectMetric(STREAM_FIRST_TOKEN) private readonly firstToken: Histogram,
  ) {
    queueDepth.set(0);
    startAtZero(retries, everyCombination({ endpoint: ENDPOINT_ORDER.map((endpoint) => endpoint.name), reason: RETRY_REASONS }));
  }

  retry(endpoint: string, reason: string): void {
    this.retries.inc({ endpoint, reason });
  }

  queue(depth: number): void {
    this.queueDepth.set(depth);
  }

  waited(seconds: number): void {
    this.queueWait.observe(seconds);
  }

  firstTokenAfter(seconds: number): void {
    this.firstToken.observe(seconds);
  }
}
