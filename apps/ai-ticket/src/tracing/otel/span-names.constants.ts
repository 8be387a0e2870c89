/** Span and attribute names: the contract dashboards and queries rely on (documented in the README). */
export const SPAN = {
  /** The server span: OpenTelemetry's `{method} {http.route}`, e.g. `POST /event`, `POST /v1/chat/completions`. */
  event: (route: string) => `POST ${route}`,
  auth: 'auth',
  rate_limit: 'rate_limit',
  queue_wait: 'queue_wait',
  attempt: 'upstream attempt',
} as const;

export const ATTR = {
  requestId: 'ai_ticket.request_id',
  errorCode: 'ai_ticket.error_code',
  aborted: 'ai_ticket.aborted',
  upstream: 'ai_ticket.upstream',
  endpoint: 'ai_ticket.upstream.endpoint',
  attempt: 'ai_ticket.upstream.attempt',
  retry: 'ai_ticket.upstream.retry',
  outcome: 'ai_ticket.upstream.outcome',
  firstTokenMs: 'ai_ticket.first_token_ms',
} as const;

export const FIRST_TOKEN_EVENT = 'first_token';
