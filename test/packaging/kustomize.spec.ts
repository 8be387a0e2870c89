import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { renderChart } from './support/helm';
import { describeWithK8sTools, requireK8sTools } from './support/k8s-tools';
import { findOne, parseManifests, validateManifests, type K8sObject } from './support/manifests';
import { K8S_DIR, ROOT } from './support/paths';

function kustomize(dir: string): string {
  const result = spawnSync(requireK8sTools().kubectl, ['kustomize', dir], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr}`);
  return result.stdout;
}

/** The parts of a pod spec that must not differ between the chart and the plain manifests. */
function podEssentials(deployment: K8sObject) {
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];
  return {
    replicas: deployment.spec.replicas,
    strategy: deployment.spec.strategy,
    selector: deployment.spec.selector,
    automountServiceAccountToken: pod.automountServiceAccountToken,
    securityContext: pod.securityContext,
    terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds,
    volumes: pod.volumes,
    image: container.image,
    containerSecurityContext: container.securityContext,
    ports: container.ports,
    probes: [container.startupProbe, container.livenessProbe, container.readinessProbe],
    lifecycle: container.lifecycle,
    resources: container.resources,
    volumeMounts: container.volumeMounts,
  };
}

describeWithK8sTools('k8s/ (Kustomize)', () => {
  let base: K8sObject[];
  let overlayText: string;
  let overlay: K8sObject[];
  // The chart as release "ai-ticket", whose resource names are then plain "ai-ticket" (the release name contains the
  // chart name), like the manifests'.
  let chart: () => K8sObject[];

  beforeAll(() => {
    base = parseManifests(kustomize(join(K8S_DIR, 'base')));
    overlayText = kustomize(join(K8S_DIR, 'overlays/example'));
    overlay = parseManifests(overlayText);
    chart = () => renderChart({ testFramework: { enabled: false } }, [], 'ai-ticket');
  });

  it('should render the example overlay into objects valid against the Kubernetes schemas', () => {
    const report = validateManifests(overlayText);
    expect(report.problems).toEqual([]);
    expect(report.kinds.sort()).toEqual(
      ['v1/Namespace', 'v1/ServiceAccount', 'v1/ConfigMap', 'v1/Secret', 'v1/Service', 'apps/v1/Deployment', 'policy/v1/PodDisruptionBudget', 'networking.k8s.io/v1/Ingress'].sort(),
    );
  });

  it('should render the same kinds as the chart with its defaults (the token Secret comes from the overlay)', () => {
    const chartKinds = chart().map((o) => o.kind).filter((kind) => kind !== 'Secret').sort();
    expect(base.map((o) => o.kind).sort()).toEqual(chartKinds);
  });

  it('should render the same pod spec as the chart, apart from the generated ConfigMap name', () => {
    const fromBase = podEssentials(findOne(base, 'Deployment'));
    const fromChart = podEssentials(findOne(chart(), 'Deployment'));
    expect(findOne(base, 'Deployment').spec.template.spec.containers[0].envFrom[0].configMapRef.name).toBe(findOne(base, 'ConfigMap').metadata.name);
    expect(fromBase).toEqual(fromChart);
  });

  it('should render the same environment as the chart', () => {
    expect(findOne(base, 'ConfigMap').data).toEqual(findOne(chart(), 'ConfigMap').data);
  });

  it('should render the same Service, ServiceAccount and PDB specs as the chart', () => {
    expect(findOne(base, 'Service').spec).toEqual(findOne(chart(), 'Service').spec);
    expect(findOne(base, 'ServiceAccount').automountServiceAccountToken).toBe(false);
    expect(findOne(base, 'PodDisruptionBudget').spec).toEqual(findOne(chart(), 'PodDisruptionBudget').spec);
  });

  it('should label every object like the chart, with selectors on name and instance only', () => {
    for (const object of base) {
      expect(object.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'ai-ticket', 'app.kubernetes.io/instance': 'ai-ticket', 'app.kubernetes.io/component': 'gateway' });
    }
    expect(findOne(base, 'Deployment').spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'ai-ticket', 'app.kubernetes.io/instance': 'ai-ticket' } });
  });

  it('should keep the token Secret name stable in the overlay, so rotations update it in place', () => {
    const secret = findOne(overlay, 'Secret');
    expect(secret.metadata.name).toBe('ai-ticket-tokens');
    const tokens = Buffer.from(secret.data.tokens.replace(/\s/g, ''), 'base64').toString('utf8');
    expect(tokens).toMatch(/^example=sha256:[a-f0-9]{64}$/m);
    const volume = findOne(overlay, 'Deployment').spec.template.spec.volumes.find((v: { name: string }) => v.name === 'tokens');
    expect(volume.secret.secretName).toBe('ai-ticket-tokens');
  });

  it('should merge the overlay configuration and render the same ingress annotations as the chart', () => {
    const config = findOne(overlay, 'ConfigMap').data;
    expect(config.TRUST_PROXY_COUNT).toBe('1');
    expect(config.KOBOLDCPP_API_URL).toBe('http://koboldcpp.llm.svc.cluster.local:5001');
    const ingress = findOne(overlay, 'Ingress');
    const chartIngress = findOne(
      renderChart({ ingress: { enabled: true, annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' }, tls: [{ secretName: 'ai-ticket-tls', hosts: ['ai-ticket.example.com'] }] } }, [], 'ai-ticket'),
      'Ingress',
    );
    expect(ingress.metadata.annotations).toEqual(chartIngress.metadata.annotations);
    expect(ingress.spec).toEqual(chartIngress.spec);
    expect(overlay.every((object) => object.kind === 'Namespace' || object.metadata.namespace === 'ai-ticket')).toBe(true);
  });
});
