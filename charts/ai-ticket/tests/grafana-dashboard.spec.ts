import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FULLNAME, NAMESPACE, renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findAll, findOne, type K8sObject } from '../../../test/packaging/support/manifests';
import { CHART_DIR, ROOT } from '../../../test/packaging/support/paths';

type Panel = { id: number; type: string; title: string; datasource?: { uid: string }; targets?: { expr: string }[] };
const DASHBOARD = join(CHART_DIR, 'dashboards/ai-ticket.json');
const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; panels: Panel[] };
const dashboards = (values: object = {}): K8sObject[] => findAll(renderChart(values), 'ConfigMap').filter((map) => map.metadata.name.endsWith('-grafana-dashboard'));
const enabled = { metrics: { grafanaDashboard: { enabled: true } } };

describe('dashboards/ai-ticket.json', () => {
  it('should be the same file as docs/grafana-dashboard.json, for people without the chart', () => {
    expect(readFileSync(join(ROOT, 'docs/grafana-dashboard.json'), 'utf8')).toBe(readFileSync(DASHBOARD, 'utf8'));
  });

  it('should query through the datasource variable with unique panel ids', () => {
    const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    for (const panel of panels) {
      expect(panel.datasource?.uid).toBe('${datasource}');
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const { expr } of panel.targets ?? []) expect(expr).toContain('job=~"$job"');
    }
  });

  it('should show the duration of every generation route, /event and the OpenAI routes, per route', () => {
    const sut = dashboard.panels.find((panel) => panel.title === 'Generation duration percentiles by route');
    expect(sut?.targets?.map(({ expr }) => expr)).toEqual(
      ['0.5', '0.95', '0.99'].map(
        (q) => `histogram_quantile(${q}, sum by (le, route) (rate(ai_ticket_http_request_duration_seconds_bucket{job=~"$job", route=~"/event|/v1/chat/completions|/v1/completions"}[$__rate_interval])))`,
      ),
    );
  });

  it('should have a row for each concern of the issue', () => {
    const rows = dashboard.panels.filter((panel) => panel.type === 'row').map((panel) => panel.title);
    expect(rows).toEqual(['Traffic', 'Outcomes', 'Latency', 'Queue', 'Upstreams', 'Rate limiting and authentication', 'Process']);
  });
});

describeWithK8sTools('templates/grafana-dashboard.yaml', () => {
  it('should not render the dashboard ConfigMap by default', () => {
    expect(dashboards()).toEqual([]);
  });

  it('should render the dashboard with the sidecar label when metrics.grafanaDashboard.enabled', () => {
    const sut = findOne(dashboards(enabled), 'ConfigMap');
    expect(sut.metadata).toMatchObject({ name: `${FULLNAME}-grafana-dashboard`, namespace: NAMESPACE, labels: { grafana_dashboard: '1' } });
    expect(sut.data['ai-ticket.json']).toBe(readFileSync(DASHBOARD, 'utf8').trimEnd());
  });

  it('should follow metrics.namespace, the namespace and the sidecar labels asked for', () => {
    const values = { metrics: { namespace: 'gateway', grafanaDashboard: { enabled: true, namespace: 'monitoring', labels: { dashboards: 'ai' }, annotations: { grafana_folder: 'AI' } } } };
    const sut = findOne(dashboards(values), 'ConfigMap');
    expect(sut.metadata).toMatchObject({ namespace: 'monitoring', labels: { dashboards: 'ai' }, annotations: { grafana_folder: 'AI' } });
    expect(sut.data['ai-ticket.json']).not.toContain('ai_ticket_');
    expect(sut.data['ai-ticket.json']).toContain('gateway_events_total');
  });
});
