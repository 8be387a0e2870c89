import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram } from 'prom-client';
import type { CircuitState } from './upstream/circuit-breaker';
import {
  STREAM_FIRST_TOKEN,
  UPSTREAM_ATTEMPT_DURATION,
  UPSTREAM_CIRCUIT_STATE,
  UPSTREAM_IN_FLIGHT,
  UPSTREAM_QUEUE_DEPTH,
  UPSTREAM_QUEUE_WAIT,
  UPSTREAM_RETRIES,
} from './dispatch-metrics.providers';

const CIRCUIT_STATE_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** What dispatching reports to Prometheus, in dispatch's own words. */
@Injectable()
export class DispatchMetrics {
  constructor(
    @InjectMetric(UPSTREAM_ATTEMPT_DURATION) private readonly attemptDuration: Histogram<'endpoint' | 'outcome'>,
    @InjectMetric(UPSTREAM_RETRIES) private readonly retries: Counter<'endpoint' | 'reason'>,
    @InjectMetric(UPSTREAM_CIRCUIT_STATE) private readonly circuitState: Gauge,
    @InjectMetric(UPSTREAM_QUEUE_DEPTH) private readonly queueDepth: Gauge,
    @InjectMetric(UPSTREAM_IN_FLIGHT) private readonly inFlight: Gauge,
    @InjectMetric(UPSTREAM_QUEUE_WAIT) private readonly queueWait: Histogram,
    @InjectMetric(STREAM_FIRST_TOKEN) private readonly firstToken: Histogram,
  ) {}

  attempt(endpoint: string, outcome: string, seconds: number): void {
    this.attemptDuration.observe({ endpoint, outcome }, seconds);
  }

  retry(endpoint: string, reason: string): void {
    this.retries.inc({ endpoint, reason });
  }

  circuit(state: CircuitState): void {
    this.circuitState.set(CIRCUIT_STATE_VALUE[state]);
  }

  queue(depth: number, inFlight: number): void {
    this.queueDepth.set(depth);
    this.inFlight.set(inFlight);
  }

  waited(seconds: number): void {
    this.queueWait.observe(seconds);
  }

  firstTokenAfter(seconds: number): void {
    this.firstToken.observe(seconds);
  }
}
