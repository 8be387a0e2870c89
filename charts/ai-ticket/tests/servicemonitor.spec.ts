import { join } from 'node:path';
import { FULLNAME, NAMESPACE, renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findAll, findOne } from '../../../test/packaging/support/manifests';
import { CHART_CI_DIR } from '../../../test/packaging/support/paths';

describeWithK8sTools('templates/servicemonitor.yaml', () => {
  it('should not render a ServiceMonitor by default', () => {
    expect(findAll(renderChart(), 'ServiceMonitor')).toEqual([]);
  });

  it('should scrape /metrics on the http port of the release Service when enabled', () => {
    const objects = renderChart({}, [join(CHART_CI_DIR, 'servicemonitor-values.yaml')]);
    const sut = findOne(objects, 'ServiceMonitor');
    expect(sut.metadata.labels.release).toBe('kube-prometheus-stack');
    expect(sut.spec.namespaceSelector).toEqual({ matchNames: [NAMESPACE] });
    expect(sut.spec.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '15s', scrapeTimeout: '5s', honorLabels: false }]);
    expect(findOne(objects, 'Service', FULLNAME).metadata.labels).toMatchObject(sut.spec.selector.matchLabels);
  });

  it('should pass the endpoint authorization through when metrics need a token', () => {
    const authorization = { type: 'Bearer', credentials: { name: 'scraper', key: 'token' } };
    const sut = findOne(renderChart({ metrics: { requireAuth: true, serviceMonitor: { enabled: true, authorization } } }), 'ServiceMonitor');
    expect(sut.spec.endpoints[0].authorization).toEqual(authorization);
  });
});
