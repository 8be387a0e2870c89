import { makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';

/** Request latency buckets (seconds): sub-millisecond gateway work up to multi-minute generations. */
export const LATENCY_BUCKETS_SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export const HTTP_REQUESTS = 'http_requests_total';
export const HTTP_DURATION = 'http_request_duration_seconds';
export const HTTP_IN_FLIGHT = 'http_requests_in_flight';

/** Labels are the route template, method and status code: bounded, never a raw path. */
export const httpMetricProviders = [
  makeCounterProvider({ name: HTTP_REQUESTS, help: 'HTTP requests answered, by method, route template and status code.', labelNames: ['method', 'route', 'status_code'] }),
  makeHistogramProvider({ name: HTTP_DURATION, help: 'HTTP request duration, by method and route template.', labelNames: ['method', 'route'], buckets: LATENCY_BUCKETS_SECONDS }),
  makeGaugeProvider({ name: HTTP_IN_FLIGHT, help: 'HTTP requests being handled now.' }),
];
