import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { helm, RELEASE, NAMESPACE } from './support/helm';
import { describeWithK8sTools } from './support/k8s-tools';
import { parseManifests, validateManifests } from './support/manifests';
import { CHART_CI_DIR, CHART_DIR } from './support/paths';

const scenarios = readdirSync(CHART_CI_DIR)
  .filter((file) => file.endsWith('-values.yaml'))
  .sort();

/** Kinds each scenario must produce (beyond ServiceAccount, ConfigMap, Service, Deployment, PDB, test Pod). */
const EXPECTED_EXTRA_KINDS: Record<string, string[]> = {
  'autoscaling-values.yaml': ['HorizontalPodAutoscaler', 'Secret'],
  'default-values.yaml': ['Secret'],
  'fleet-values.yaml': ['NetworkPolicy'],
  'ingress-tls-values.yaml': ['Ingress', 'Secret'],
  'redis-values.yaml': ['NetworkPolicy'],
  'servicemonitor-values.yaml': ['PrometheusRule', 'Secret', 'ServiceMonitor'],
  'sqlite-persistence-values.yaml': ['PersistentVolumeClaim', 'Secret'],
  'tracing-values.yaml': ['Secret'],
};
const ALWAYS = ['ConfigMap', 'Deployment', 'Pod', 'PodDisruptionBudget', 'Service', 'ServiceAccount'];

describeWithK8sTools('chart scenarios (ci/*-values.yaml)', () => {
  it('should cover the eight scenarios (the six of the issue, the upstream fleet and tracing)', () => {
    expect(scenarios).toEqual(Object.keys(EXPECTED_EXTRA_KINDS));
  });

  describe.each(scenarios)('%s', (scenario) => {
    const valuesFile = join(CHART_CI_DIR, scenario);
    let rendered = '';

    beforeAll(() => {
      const result = helm(['template', RELEASE, CHART_DIR, '--namespace', NAMESPACE], {}, [valuesFile]);
      if (result.status !== 0) throw new Error(result.stderr);
      rendered = result.stdout;
    });

    it('should pass helm lint --strict', () => {
      const result = helm(['lint', CHART_DIR, '--strict', '--namespace', NAMESPACE], {}, [valuesFile]);
      expect(result.stdout + result.stderr).toContain('1 chart(s) linted, 0 chart(s) failed');
      expect(result.status).toBe(0);
    });

    it('should render the expected kinds with helm template', () => {
      const kinds = [...new Set(parseManifests(rendered).map((object) => object.kind))].sort();
      expect(kinds).toEqual([...ALWAYS, ...EXPECTED_EXTRA_KINDS[scenario]].sort());
    });

    it('should render only objects valid against the Kubernetes schemas, with no unknown field', () => {
      const report = validateManifests(rendered);
      expect(report.problems).toEqual([]);
      expect(report.valid).toBe(true);
      expect(report.documents).toBe(parseManifests(rendered).length);
    });
  });
});
