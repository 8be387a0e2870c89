import { FULLNAME, renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findAll, findOne, type K8sObject } from '../../../test/packaging/support/manifests';

const testPod = (values: object = {}): K8sObject => findOne(renderChart(values), 'Pod');
const envOf = (pod: K8sObject) => Object.fromEntries(pod.spec.containers[0].env.map((e: { name: string; value: string }) => [e.name, e.value]));

describeWithK8sTools('templates/tests/test-connection.yaml', () => {
  it('should render a helm test hook pod deleted before re-creation and on success', () => {
    const sut = testPod();
    expect(sut.metadata.annotations).toEqual({ 'helm.sh/hook': 'test', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' });
    expect(sut.spec.restartPolicy).toBe('Never');
  });

  it('should check /readyz and /metrics through the Service', () => {
    const sut = testPod();
    const script = sut.spec.containers[0].command.join(' ');
    expect(script).toContain("'/readyz'");
    expect(script).toContain("'/metrics'");
    expect(envOf(sut)).toEqual({ BASE_URL: `http://${FULLNAME}.llm.svc:5000`, METRICS_STATUS: '200', METRICS_PREFIX: 'ai_ticket' });
  });

  it('should expect 401 from /metrics when metrics.requireAuth is true', () => {
    expect(envOf(testPod({ metrics: { requireAuth: true } })).METRICS_STATUS).toBe('401');
  });

  it('should run hardened and not be selected by the Service', () => {
    const objects = renderChart();
    const sut = findOne(objects, 'Pod');
    expect(sut.spec.securityContext.runAsNonRoot).toBe(true);
    expect(sut.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(sut.spec.automountServiceAccountToken).toBe(false);
    const selector: Record<string, string> = findOne(objects, 'Service').spec.selector;
    const selected = Object.entries(selector).every(([key, value]) => sut.metadata.labels[key] === value);
    expect(selected).toBe(false);
    expect(sut.metadata.labels[`${FULLNAME}-client`]).toBe('true');
  });

  it('should not render the test pod when testFramework.enabled is false', () => {
    expect(findAll(renderChart({ testFramework: { enabled: false } }), 'Pod')).toEqual([]);
  });
});
