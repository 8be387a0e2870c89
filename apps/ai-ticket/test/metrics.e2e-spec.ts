import { spawnSync } from 'node:child_process';
import { postEvent } from './support/test-app';
import { useFakeUpstreamApp } from './support/fake-upstream-app';

const TOKEN = 'metrics-token-0123456789abcdef';
const promtoolAvailable = spawnSync('promtool', ['--version']).status === 0;
if (!promtoolAvailable) console.warn('Skipping the promtool check: promtool is not installed (scripts/install-test-tools.sh installs it).');

describe('GET /metrics', () => {
  const fixture = useFakeUpstreamApp();

  async function exposition(env: Record<string, string> = {}): Promise<string> {
    const app = await fixture.start({ AI_TICKET_AUTH_TOKEN: `ci-pipeline=${TOKEN}`, ...env });
    await postEvent(app, { content: 'hi' }, { authorization: `Bearer ${TOKEN}` });
    await postEvent(app, { content: 'hi' }, { authorization: 'Bearer wrong-token-0123456789' });
    await postEvent(app, '[]', { authorization: `Bearer ${TOKEN}` });
    for (const path of ['/no/such/path', '/admin?password=hunter2', '/event/../etc']) await app.inject({ method: 'GET', url: path });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.body;
  }

  // Skipped only when promtool is missing (reason printed above).
  (promtoolAvailable ? it : it.skip)('should pass `promtool check metrics`', async () => {
    const text = await exposition();

    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });

    expect({ status: check.status, problems: `${check.stdout}${check.stderr}`.trim() }).toEqual({ status: 0, problems: '' });
  });

  it('should expose every series with the namespace prefix, including the Node defaults', async () => {
    const names = new Set(
      (await exposition())
        .split('\n')
        .filter((line) => line.startsWith('# TYPE '))
        .map((line) => line.split(' ')[2]),
    );

    for (const name of [
      'ai_ticket_http_requests_total',
      'ai_ticket_http_request_duration_seconds',
      'ai_ticket_http_requests_in_flight',
      'ai_ticket_events_total',
      'ai_ticket_upstream_attempt_duration_seconds',
      'ai_ticket_upstream_retries_total',
      'ai_ticket_upstream_circuit_state',
      'ai_ticket_upstream_queue_depth',
      'ai_ticket_upstream_in_flight',
      'ai_ticket_upstream_queue_wait_seconds',
      'ai_ticket_stream_first_token_seconds',
      'ai_ticket_rate_limit_rejections_total',
      'ai_ticket_upstream_slot_store_failures_total',
      'ai_ticket_upstream_slot_leases_lost_total',
      'ai_ticket_rate_limit_store_failures_total',
      'ai_ticket_auth_failures_total',
      'ai_ticket_auth_token_reloads_total',
      'ai_ticket_auth_tokens',
      'ai_ticket_process_cpu_seconds_total',
      'ai_ticket_nodejs_eventloop_lag_seconds',
    ]) {
      expect(names).toContain(name);
    }
    expect([...names].filter((name) => !name.startsWith('ai_ticket_'))).toEqual([]);
  });

  it('should label by route template and error code, never by raw path, token or client (save the configured client names of token usage)', async () => {
    const exposed = await exposition();
    // Token usage is per client by design: its `client` is a configured token name, a bounded set.
    expect(exposed).toMatch(/ai_ticket_tokens_total\{client="ci-pipeline",kind="prompt",source="upstream"\} \d+/);
    const text = exposed
      .split('\n')
      .filter((line) => !line.startsWith('ai_ticket_tokens_total{'))
      .join('\n');

    expect(text).toMatch(/ai_ticket_http_requests_total\{method="GET",route="unmatched",status_code="404"\}/);
    expect(text).toMatch(/ai_ticket_events_total\{outcome="success",error_code="none"\}/);
    expect(text).toMatch(/ai_ticket_events_total\{outcome="error",error_code="forbidden"\}/);
    expect(text).toMatch(/ai_ticket_events_total\{outcome="error",error_code="invalid_input_format"\}/);
    expect(text).toMatch(/ai_ticket_auth_failures_total\{reason="invalid"\}/);
    for (const leak of ['no/such', 'admin', 'hunter2', '/etc', TOKEN, 'wrong-token', 'ci-pipeline']) expect(text).not.toContain(leak);
  });

  // The registry is shared by this file's apps, so only the series' presence is asserted; the real
  // Prometheus test (metrics-prometheus.e2e-spec.ts) shows them at 0 in a fresh process.
  it('should expose every known label combination before its first use, so the first burst shows in increase()', async () => {
    const app = await fixture.start({ AI_TICKET_AUTH_TOKEN: TOKEN });

    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;

    for (const series of [
      'ai_ticket_events_total{outcome="success",error_code="none"}',
      'ai_ticket_events_total{outcome="error",error_code="api_server_error"}',
      'ai_ticket_events_total{outcome="error",error_code="unauthorised"}',
      'ai_ticket_events_total{outcome="error",error_code="client_disconnected"}',
      'ai_ticket_http_requests_total{method="POST",route="/event",status_code="502"}',
      'ai_ticket_auth_failures_total{reason="missing"}',
      'ai_ticket_auth_failures_total{reason="invalid"}',
      'ai_ticket_upstream_retries_total{endpoint="chat",reason="server"}',
      'ai_ticket_upstream_failovers_total{reason="busy"}',
      'ai_ticket_rate_limit_store_failures_total{fail_mode="open"}',
      'ai_ticket_rate_limit_rejections_total',
      'ai_ticket_upstream_slot_store_failures_total',
      'ai_ticket_upstream_slot_leases_lost_total',
    ]) {
      expect(text).toMatch(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} \\d+$`, 'm'));
    }
  });

  it('should be public by default and need credentials with METRICS_REQUIRE_AUTH=true', async () => {
    const app = await fixture.start({ AI_TICKET_AUTH_TOKEN: TOKEN, METRICS_REQUIRE_AUTH: 'true' });

    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
  });
});
