import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { startAtZero } from '../../metrics/known-series.util';
import type { CircuitState } from '../upstream/circuit-breaker';
import { ENDPOINT_ORDER } from '../upstream/endpoints/endpoint-order';
import { ATTEMPT_OUTCOMES } from '../upstream/upstream-failure';
import {
  UPSTREAM_ATTEMPT_DURATION,
  UPSTREAM_BUSY,
  UPSTREAM_CIRCUIT_STATE,
  UPSTREAM_FAILOVERS,
  UPSTREAM_IN_FLIGHT,
  UPSTREAM_SLOT_LEASES_LOST,
  UPSTREAM_SLOT_STORE_FAILURES,
  UPSTREAM_SLOTS,
} from './fleet-metrics.providers';

const CIRCUIT_STATE_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** Why an event moved to another upstream; `upstream_failovers_total`'s `reason`. */
export const FAILOVER_REASONS = ['connection', 'busy', 'circuit_open'] as const;
export type FailoverReason = (typeof FAILOVER_REASONS)[number];

/** What the fleet reports to Prometheus, in the fleet's own words. */
@Injectable()
export class FleetMetrics {
  constructor(
    @InjectMetric(UPSTREAM_ATTEMPT_DURATION) private readonly attemptDuration: Histogram<'upstream' | 'endpoint' | 'outcome'>,
    @InjectMetric(UPSTREAM_IN_FLIGHT) private readonly inFlight: Gauge<'upstream'>,
    @InjectMetric(UPSTREAM_SLOTS) private readonly slots: Gauge<'upstream'>,
    @InjectMetric(UPSTREAM_CIRCUIT_STATE) private readonly circuitState: Gauge<'upstream'>,
    @InjectMetric(UPSTREAM_BUSY) private readonly busy: Counter<'upstream'>,
    @InjectMetric(UPSTREAM_FAILOVERS) private readonly failovers: Counter<'reason'>,
    @InjectMetric(UPSTREAM_SLOT_STORE_FAILURES) private readonly slotStoreFailures: Counter,
    @InjectMetric(UPSTREAM_SLOT_LEASES_LOST) private readonly slotLeasesLost: Counter,
  ) {
    startAtZero(failovers, FAILOVER_REASONS.map((reason) => ({ reason })));
  }

  /** A backend joined: its series exist from now on, at zero. */
  joined(upstream: string, slots: number): void {
    this.slots.set({ upstream }, slots);
    this.inFlight.set({ upstream }, 0);
    this.circuitState.set({ upstream }, 0);
    startAtZero(this.busy, [{ upstream }]);
  }

  /** A backend left: its series go, so the label set stays bounded by the backends that exist. */
  left(upstream: string): void {
    for (const metric of [this.slots, this.inFlight, this.circuitState, this.busy]) metric.remove({ upstream });
    for (const endpoint of ENDPOINT_ORDER) {
      for (const outcome of ATTEMPT_OUTCOMES) this.attemptDuration.remove({ upstream, endpoint: endpoint.name, outcome });
    }
  }

  attempt(upstream: string, endpoint: string, outcome: string, seconds: number): void {
    this.attemptDuration.observe({ upstream, endpoint, outcome }, seconds);
  }

  inFlightAt(upstream: string, events: number): void {
    this.inFlight.set({ upstream }, events);
  }

  circuit(upstream: string, state: CircuitState): void {
    this.circuitState.set({ upstream }, CIRCUIT_STATE_VALUE[state]);
  }

  busyAnswer(upstream: string): void {
    this.busy.inc({ upstream });
  }

  failover(reason: FailoverReason): void {
    this.failovers.inc({ reason });
  }

  slotStoreFailed(): void {
    this.slotStoreFailures.inc();
  }

  slotLeaseLost(): void {
    this.slotLeasesLost.inc();
  }
}
