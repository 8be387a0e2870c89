import { makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { LATENCY_BUCKETS_SECONDS } from '../../metrics/http-metrics.providers';

export const UPSTREAM_ATTEMPT_DURATION = 'upstream_attempt_duration_seconds';
export const UPSTREAM_IN_FLIGHT = 'upstream_in_flight';
export const UPSTREAM_SLOTS = 'upstream_slots';
export const UPSTREAM_CIRCUIT_STATE = 'upstream_circuit_state';
export const UPSTREAM_BUSY = 'upstream_busy_total';
export const UPSTREAM_FAILOVERS = 'upstream_failovers_total';
export const UPSTREAM_SLOT_STORE_FAILURES = 'upstream_slot_store_failures_total';
export const UPSTREAM_SLOT_LEASES_LOST = 'upstream_slot_leases_lost_total';

/** Per-upstream series carry `upstream`: a configured or discovered address, removed when it leaves. */
export const fleetMetricProviders = [
  makeHistogramProvider({
    name: UPSTREAM_ATTEMPT_DURATION,
    help: 'Duration of each attempt at an upstream, by upstream, API (chat, completions, native) and outcome (ok, aborted or the failure kind).',
    labelNames: ['upstream', 'endpoint', 'outcome'],
    buckets: LATENCY_BUCKETS_SECONDS,
  }),
  makeGaugeProvider({ name: UPSTREAM_IN_FLIGHT, help: "Events at each upstream now, from this replica (sum over replicas for the upstream's load).", labelNames: ['upstream'] }),
  makeGaugeProvider({ name: UPSTREAM_SLOTS, help: 'Generations each upstream runs at once (its slots).', labelNames: ['upstream'] }),
  makeGaugeProvider({ name: UPSTREAM_CIRCUIT_STATE, help: 'Circuit breaker of each upstream: 0 closed, 1 half-open (probing), 2 open.', labelNames: ['upstream'] }),
  makeCounterProvider({ name: UPSTREAM_BUSY, help: 'Busy answers (503: slot taken by another client); waited on and retried, never counted as failures.', labelNames: ['upstream'] }),
  makeCounterProvider({
    name: UPSTREAM_FAILOVERS,
    help: 'Events moved to another upstream before generation started, by reason (connection, busy, circuit_open).',
    labelNames: ['reason'],
  }),
  makeCounterProvider({ name: UPSTREAM_SLOT_STORE_FAILURES, help: 'Failed calls to the shared slot store (Redis); see UPSTREAM_SLOTS_FAIL_MODE.' }),
  makeCounterProvider({ name: UPSTREAM_SLOT_LEASES_LOST, help: 'Slot leases found expired while their generation ran (the upstream may have been overbooked).' }),
];
