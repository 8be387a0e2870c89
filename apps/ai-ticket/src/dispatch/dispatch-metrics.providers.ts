import { makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { LATENCY_BUCKETS_SECONDS } from '../metrics/http-metrics.providers';

export const UPSTREAM_RETRIES = 'upstream_retries_total';
export const UPSTREAM_QUEUE_DEPTH = 'upstream_queue_depth';
export const UPSTREAM_QUEUE_WAIT = 'upstream_queue_wait_seconds';
export const STREAM_FIRST_TOKEN = 'stream_first_token_seconds';

const QUEUE_WAIT_BUCKETS_SECONDS = [0.001, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export const dispatchMetricProviders = [
  makeCounterProvider({ name: UPSTREAM_RETRIES, help: 'Retries of upstream attempts, by API and the failure that caused them.', labelNames: ['endpoint', 'reason'] }),
  makeGaugeProvider({ name: UPSTREAM_QUEUE_DEPTH, help: "Events waiting in this replica's queue for a slot on any upstream." }),
  makeHistogramProvider({ name: UPSTREAM_QUEUE_WAIT, help: 'Time events waited for a slot on an upstream.', buckets: QUEUE_WAIT_BUCKETS_SECONDS }),
  makeHistogramProvider({ name: STREAM_FIRST_TOKEN, help: 'Time from a streaming event to its first token.', buckets: LATENCY_BUCKETS_SECONDS }),
];
