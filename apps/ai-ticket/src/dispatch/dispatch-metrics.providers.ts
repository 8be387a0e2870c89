import { makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { LATENCY_BUCKETS_SECONDS } from '../metrics/http-metrics.providers';

export const UPSTREAM_ATTEMPT_DURATION = 'upstream_attempt_duration_seconds';
export const UPSTREAM_RETRIES = 'upstream_retries_total';
export const UPSTREAM_CIRCUIT_STATE = 'upstream_circuit_state';
export const UPSTREAM_QUEUE_DEPTH = 'upstream_queue_depth';
export const UPSTREAM_IN_FLIGHT = 'upstream_in_flight';
export const UPSTREAM_QUEUE_WAIT = 'upstream_queue_wait_seconds';
export const STREAM_FIRST_TOKEN = 'stream_first_token_seconds';

const QUEUE_WAIT_BUCKETS_SECONDS = [0.001, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export const dispatchMetricProviders = [
  makeHistogramProvider({
    name: UPSTREAM_ATTEMPT_DURATION,
    help: 'Duration of each attempt at the upstream, by API (chat, completions, native) and outcome (ok or failure kind).',
    labelNames: ['endpoint', 'outcome'],
    buckets: LATENCY_BUCKETS_SECONDS,
  }),
  makeCounterProvider({ name: UPSTREAM_RETRIES, help: 'Retries of upstream attempts, by API and the failure that caused them.', labelNames: ['endpoint', 'reason'] }),
  makeGaugeProvider({ name: UPSTREAM_CIRCUIT_STATE, help: 'Upstream circuit breaker: 0 closed, 1 half-open (probing), 2 open.' }),
  makeGaugeProvider({ name: UPSTREAM_QUEUE_DEPTH, help: 'Events waiting for an upstream slot.' }),
  makeGaugeProvider({ name: UPSTREAM_IN_FLIGHT, help: 'Events at the upstream now.' }),
  makeHistogramProvider({ name: UPSTREAM_QUEUE_WAIT, help: 'Time events waited for an upstream slot.', buckets: QUEUE_WAIT_BUCKETS_SECONDS }),
  makeHistogramProvider({ name: STREAM_FIRST_TOKEN, help: 'Time from a streaming event to its first token.', buckets: LATENCY_BUCKETS_SECONDS }),
];
