import { FakeUpstream, OtlpReceiver, type ReceivedSpan } from '@ai-ticket/testing';
import { EventTracer } from '../src/tracing/event-tracer';
import { NoopEventTracer } from '../src/tracing/noop-event-tracer';
import { freePort } from './support/free-port';
import { startService, waitUntilReady, type ServiceProcess } from './support/service-process';
import { streamEvent } from './support/sse-client';
import { postEvent, startTestApp, type TestApp } from './support/test-app';

const CHAT = '/v1/chat/completions';
const TOKEN = 'trace-token-0123456789abcdef';
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const TRACEPARENT = `00-${CALLER_TRACE}-${CALLER_SPAN}-01`;
const TRACESTATE = 'vendor=opaque';
const SPAN_KIND = { internal: 1, server: 2, client: 3 } as const;
const STATUS_ERROR = 2;

/** The `traceparent` the upstream received: `00-<trace id>-<parent span id>-<flags>`. */
function parseTraceparent(header: unknown): { traceId: string; parentId: string } {
  const [, traceId, parentId] = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(String(header)) ?? [];
  if (!traceId) throw new Error(`not a traceparent: ${String(header)}`);
  return { traceId, parentId };
}

function only(spans: ReceivedSpan[], name: string): ReceivedSpan {
  const found = spans.filter((span) => span.name === name);
  if (found.length !== 1) throw new Error(`expected one "${name}" span, got ${found.length}`);
  return found[0];
}

/**
 * Traced runs use the built service as a child process: the OTLP exporter loads `node:http` with a
 * dynamic `import()`, which Jest's module sandbox refuses without --experimental-vm-modules. Stopping
 * the process (SIGTERM) shuts its tracer provider down, which exports every pending span.
 * dist/ is built by the e2e project's globalSetup (support/global-setup.ts).
 */
describe('OpenTelemetry tracing', () => {
  let upstream: FakeUpstream;
  let receiver: OtlpReceiver;
  let sut: TestApp | undefined;
  let service: ServiceProcess | undefined;
  let url = '';

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    receiver = await OtlpReceiver.start();
  });
  afterAll(async () => {
    await upstream.close();
    await receiver.close();
  });
  beforeEach(() => {
    upstream.reset();
    receiver.reset();
  });
  afterEach(async () => {
    await sut?.close();
    sut = undefined;
    service?.child.kill('SIGKILL');
    await service?.exited;
    service = undefined;
  });

  const startTraced = async (env: Record<string, string> = {}): Promise<void> => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    service = startService({ ...tracedEnv(env), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    await waitUntilReady(`${url}/readyz`);
  };
  /** Stops the service gracefully (its spans are exported on the way out); returns its log lines. */
  const stopAndCollect = async (): Promise<Record<string, unknown>[]> => {
    service?.child.kill('SIGTERM');
    const code = await service?.exited;
    expect(code).toBe(0);
    const lines = (service?.stdout() ?? '').trim().split('\n');
    service = undefined;
    return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  };
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/event`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    await res.arrayBuffer();
    return res;
  };

  const tracedEnv = (env: Record<string, string> = {}) => ({
    KOBOLDCPP_API_URL: upstream.url,
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_SERVICE_NAME: 'ai-ticket-test',
    ...env,
  });

  describe('with OTEL_TRACES_EXPORTER=otlp', () => {
    it("should continue the caller's trace with a span per step and send the attempt's context upstream", async () => {
      await startTraced({ AI_TICKET_AUTH_TOKEN: `tracer=${TOKEN}`, RATE_LIMIT_REQUESTS: '100' });

      const res = await post({ content: 'hi' }, { authorization: `Bearer ${TOKEN}`, traceparent: TRACEPARENT, tracestate: TRACESTATE });
      const log = await stopAndCollect();

      expect(res.status).toBe(200);
      const spans = receiver.trace(CALLER_TRACE);
      const event = only(spans, 'POST /event');
      expect(event).toMatchObject({
        parentSpanId: CALLER_SPAN,
        kind: SPAN_KIND.server,
        attributes: { 'http.request.method': 'POST', 'http.route': '/event', 'http.response.status_code': 200, 'ai_ticket.request_id': res.headers.get('x-request-id') },
        resource: { 'service.name': 'ai-ticket-test' },
      });
      for (const name of ['auth', 'rate_limit', 'queue_wait']) {
        expect(only(spans, name)).toMatchObject({ parentSpanId: event.spanId, kind: SPAN_KIND.internal, status: { code: 0 } });
      }
      const attempt = only(spans, 'upstream attempt');
      expect(attempt).toMatchObject({
        parentSpanId: event.spanId,
        kind: SPAN_KIND.client,
        attributes: { 'ai_ticket.upstream.endpoint': 'chat', 'ai_ticket.upstream.outcome': 'ok', 'ai_ticket.upstream.attempt': 1, 'ai_ticket.upstream.retry': 0 },
      });
      expect(attempt.attributes['ai_ticket.upstream']).toEqual(expect.any(String));
      const sent = upstream.requests[0].headers;
      expect(parseTraceparent(sent.traceparent)).toEqual({ traceId: CALLER_TRACE, parentId: attempt.spanId });
      expect(sent.tracestate).toBe(TRACESTATE);
      expect(log.find((line) => line.msg === 'request completed' && line.url === '/event')).toMatchObject({ statusCode: 200, traceId: CALLER_TRACE });
    }, 30_000);

    it('should name the server span after the OpenAI route a call came in on', async () => {
      await startTraced({ AI_TICKET_AUTH_TOKEN: `tracer=${TOKEN}` });

      const res = await fetch(`${url}${CHAT}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, traceparent: TRACEPARENT },
        body: JSON.stringify({ model: 'any', messages: [{ role: 'user', content: 'hi' }] }),
      });
      await res.arrayBuffer();
      await stopAndCollect();

      expect(res.status).toBe(200);
      const spans = receiver.trace(CALLER_TRACE);
      const call = only(spans, `POST ${CHAT}`);
      expect(call).toMatchObject({ kind: SPAN_KIND.server, attributes: { 'http.route': CHAT, 'http.response.status_code': 200 } });
      expect(spans.some((span) => span.name === 'POST /event')).toBe(false);
      expect(only(spans, 'upstream attempt')).toMatchObject({ parentSpanId: call.spanId });
    }, 30_000);

    it('should give every attempt its own span, numbered, with its outcome and the retries spent before it', async () => {
      await startTraced({ UPSTREAM_MAX_RETRIES: '2', UPSTREAM_RETRY_BASE_MS: '1', UPSTREAM_RETRY_MAX_MS: '20' });
      upstream.enqueue(CHAT, { kind: 'status', status: 500 });
      upstream.enqueue(CHAT, { kind: 'status', status: 404 });
      upstream.enqueue('/v1/completions', { kind: 'ok' });

      const res = await post({ content: 'hi' });
      await stopAndCollect();

      expect(res.status).toBe(200);
      const attempts = receiver.spans.filter((span) => span.name === 'upstream attempt').sort((a, b) => Number(a.attributes['ai_ticket.upstream.attempt']) - Number(b.attributes['ai_ticket.upstream.attempt']));
      expect(attempts.map((span) => span.attributes)).toEqual([
        expect.objectContaining({ 'ai_ticket.upstream.attempt': 1, 'ai_ticket.upstream.retry': 0, 'ai_ticket.upstream.endpoint': 'chat', 'ai_ticket.upstream.outcome': 'server' }),
        expect.objectContaining({ 'ai_ticket.upstream.attempt': 2, 'ai_ticket.upstream.retry': 1, 'ai_ticket.upstream.endpoint': 'chat', 'ai_ticket.upstream.outcome': 'not-found' }),
        expect.objectContaining({ 'ai_ticket.upstream.attempt': 3, 'ai_ticket.upstream.retry': 1, 'ai_ticket.upstream.endpoint': 'completions', 'ai_ticket.upstream.outcome': 'ok' }),
      ]);
      expect(attempts.map((span) => span.status.code)).toEqual([STATUS_ERROR, STATUS_ERROR, 0]);
      const event = only(receiver.spans, 'POST /event');
      expect(event.parentSpanId).toBeUndefined();
      expect(attempts.every((span) => span.traceId === event.traceId && span.parentSpanId === event.spanId)).toBe(true);
      // Each upstream request carries the context of the attempt that sent it.
      expect(upstream.requests.map((request) => parseTraceparent(request.headers.traceparent).parentId)).toEqual(attempts.map((span) => span.spanId));
    }, 30_000);

    it('should fail the step that refused the event and mark the event span with the error code', async () => {
      await startTraced({ AI_TICKET_AUTH_TOKEN: TOKEN });

      const res = await post({ content: 'hi' }, { authorization: 'Bearer wrong-token-0123456789', traceparent: TRACEPARENT });
      await stopAndCollect();

      expect(res.status).toBe(403);
      const spans = receiver.trace(CALLER_TRACE);
      expect(only(spans, 'auth').status.code).toBe(STATUS_ERROR);
      // A 4xx is the caller's doing: recorded, but not an error of the server span.
      expect(only(spans, 'POST /event')).toMatchObject({ attributes: { 'http.response.status_code': 403, 'ai_ticket.error_code': 'forbidden' }, status: { code: 0 } });
      expect(spans.some((span) => span.name === 'upstream attempt')).toBe(false);
    }, 30_000);

    it('should record the first streamed token as an event of the event span', async () => {
      await startTraced();
      upstream.enqueue(CHAT, { kind: 'stream', tokens: ['a', 'b'] });

      const res = await streamEvent(url, { content: 'hi', stream: true }, undefined, { traceparent: TRACEPARENT });
      await stopAndCollect();

      expect(res.events.map((e) => e.data)).toContainEqual({ delta: '', done: true });
      const event = only(receiver.trace(CALLER_TRACE), 'POST /event');
      expect(event.events).toEqual([{ name: 'first_token', attributes: { 'ai_ticket.first_token_ms': expect.any(Number) } }]);
      expect(only(receiver.trace(CALLER_TRACE), 'upstream attempt').attributes['ai_ticket.upstream.outcome']).toBe('ok');
    }, 30_000);

    it('should export OTLP protobuf by default (the OpenTelemetry default protocol)', async () => {
      // Empty means unset: the protocol falls back to the default.
      await startTraced({ OTEL_EXPORTER_OTLP_PROTOCOL: '' });

      await post({ content: 'hi' }, { traceparent: TRACEPARENT });
      await stopAndCollect();

      expect(receiver.exports).toHaveLength(1);
      expect(receiver.exports[0]).toMatchObject({ path: '/v1/traces', contentType: 'application/x-protobuf' });
      // The trace id travels as 16 raw bytes in the protobuf encoding.
      expect(receiver.exports[0].body.includes(Buffer.from(CALLER_TRACE, 'hex'))).toBe(true);
    }, 30_000);
  });

  describe('with tracing off (the default)', () => {
    it('should start no exporter and send no traceparent upstream', async () => {
      // A collector endpoint alone does not turn tracing on.
      sut = await startTestApp({ KOBOLDCPP_API_URL: upstream.url, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });

      const res = await postEvent(sut.app, { content: 'hi' }, { traceparent: TRACEPARENT });
      expect(sut.app.get(EventTracer)).toBeInstanceOf(NoopEventTracer);
      await sut.close();
      sut = undefined;

      expect(res.statusCode).toBe(200);
      expect(upstream.requests[0].headers.traceparent).toBeUndefined();
      expect(upstream.requests[0].headers.tracestate).toBeUndefined();
      expect(receiver.exports).toHaveLength(0);
    });
  });
});
