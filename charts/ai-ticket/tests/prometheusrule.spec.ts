import { isEventRoute } from '../../../apps/ai-ticket/src/metrics/events/event-outcome';
import { FULLNAME, NAMESPACE, renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findAll, findOne } from '../../../test/packaging/support/manifests';

type Rule = { alert: string; expr: string; for: string; labels: Record<string, string> };
const rules = (values: object): Rule[] => findOne(renderChart(values), 'PrometheusRule').spec.groups[0].rules;
const byAlert = (values: object) => Object.fromEntries(rules(values).map((rule) => [rule.alert, rule]));
const enabled = { metrics: { prometheusRule: { enabled: true } } };
const selector = `namespace="${NAMESPACE}", job="${FULLNAME}"`;

describeWithK8sTools('templates/prometheusrule.yaml', () => {
  it('should not render a PrometheusRule by default', () => {
    expect(findAll(renderChart(), 'PrometheusRule')).toEqual([]);
  });

  it('should render the server-error ratio over events served or failed on the server side', () => {
    const sut = byAlert(enabled).AiTicketHighServerErrorRatio;
    expect(sut.expr).toContain(`ai_ticket_events_total{${selector}, error_code=~"rate_limiter_unavailable|`);
    expect(sut.expr).toContain(`ai_ticket_events_total{${selector}, error_code=~"none|rate_limiter_unavailable|`);
    expect(sut.expr).not.toContain('unauthorised');
    expect(sut.expr).toMatch(/> 0\.05\s*$/);
    expect(sut.labels.severity).toBe('warning');
  });

  it('should render the client-error ratio at severity info', () => {
    const sut = byAlert(enabled).AiTicketHighClientErrorRatio;
    expect(sut.expr).toContain('unauthorised|forbidden|rate_limited');
    expect(sut.expr).toMatch(/> 0\.25\s*$/);
    expect(sut.labels.severity).toBe('info');
  });

  it('should render the queue alert from upstream.queueSize and leave it out with no queue', () => {
    const sut = byAlert({ upstream: { queueSize: 50 }, metrics: { prometheusRule: { enabled: true, queueSaturated: { ratio: 0.5 } } } });
    expect(sut.AiTicketQueueSaturated.expr.trim()).toBe(`max by (pod) (ai_ticket_upstream_queue_depth{${selector}}) >= 25`);
    expect(byAlert({ upstream: { queueSize: 0 }, ...enabled }).AiTicketQueueSaturated).toBeUndefined();
  });

  it('should render the refusal, busy and store alerts', () => {
    const sut = byAlert(enabled);
    expect(sut.AiTicketEventsRefused.expr).toContain(`increase(ai_ticket_events_total{${selector}, error_code="upstream_unavailable"}[2m])`);
    expect(sut.AiTicketUpstreamBusy.expr).toContain(`sum by (upstream) (rate(ai_ticket_upstream_busy_total{${selector}}[5m])) > 0.5`);
    expect(sut.AiTicketRateLimitStoreFailing.expr).toContain(`ai_ticket_rate_limit_store_failures_total{${selector}}`);
    expect(sut.AiTicketSlotStoreFailing.expr).toContain(`ai_ticket_upstream_slot_store_failures_total{${selector}}`);
  });

  it('should render the p95 alert per generation route (/event and the OpenAI routes) from the duration histogram', () => {
    const sut = byAlert(enabled).AiTicketHighLatencyP95;
    expect(sut.expr).toContain(
      `histogram_quantile(0.95, sum by (le, route) (rate(ai_ticket_http_request_duration_seconds_bucket{${selector}, route=~"/event|/v1/chat/completions|/v1/completions"}[5m])))`,
    );
    expect(sut.expr).toMatch(/> 30\s*$/);
  });

  it('should select exactly the routes the service counts as events in the latency alert', () => {
    const routes = /route=~"([^"]+)"/.exec(byAlert(enabled).AiTicketHighLatencyP95.expr)?.[1].split('|') ?? [];
    expect(routes.filter((route) => !isEventRoute(route))).toEqual([]);
    expect(['/v1/models', '/api/usage', '/metrics'].filter(isEventRoute)).toEqual([]);
  });

  it('should render the circuit-open alerts (one upstream: warning; every upstream of a pod: critical) and the absent-scrape alert', () => {
    const sut = byAlert(enabled);
    expect(sut.AiTicketUpstreamCircuitOpen.expr).toContain(`max by (upstream) (ai_ticket_upstream_circuit_state{${selector}}) == 2`);
    expect(sut.AiTicketUpstreamCircuitOpen.labels.severity).toBe('warning');
    expect(sut.AiTicketAllUpstreamsCircuitOpen.expr).toContain(`min by (pod) (ai_ticket_upstream_circuit_state{${selector}}) == 2`);
    expect(sut.AiTicketAllUpstreamsCircuitOpen.labels.severity).toBe('critical');
    expect(sut.AiTicketMetricsAbsent.expr.trim()).toBe(`absent(up{${selector}} == 1)`);
  });

  it('should follow metrics.namespace in every series name', () => {
    const exprs = rules({ metrics: { namespace: 'gateway', prometheusRule: { enabled: true } } }).map((rule) => rule.expr).join('\n');
    expect(exprs).not.toContain('ai_ticket_');
    expect(exprs).toContain('gateway_events_total');
  });

  it('should leave out disabled alerts and append additionalRules', () => {
    const extra = { alert: 'Custom', expr: 'vector(1)', for: '1m', labels: { severity: 'info' } };
    const sut = rules({ metrics: { prometheusRule: { enabled: true, latency: { enabled: false }, additionalRules: [extra] } } }).map((rule) => rule.alert);
    expect(sut).toEqual([
      'AiTicketHighServerErrorRatio',
      'AiTicketHighClientErrorRatio',
      'AiTicketQueueSaturated',
      'AiTicketEventsRefused',
      'AiTicketUpstreamCircuitOpen',
      'AiTicketAllUpstreamsCircuitOpen',
      'AiTicketUpstreamBusy',
      'AiTicketRateLimitStoreFailing',
      'AiTicketSlotStoreFailing',
      'AiTicketMetricsAbsent',
      'Custom',
    ]);
  });
});
