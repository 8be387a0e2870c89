import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderChart } from './support/helm';
import { describeWithK8sTools } from './support/k8s-tools';
import { findOne, parseManifests, validateManifests, type K8sObject } from './support/manifests';
import { CHART_CI_DIR, K8S_DIR } from './support/paths';

const EXAMPLES_DIR = join(K8S_DIR, 'examples');
const examples = readdirSync(EXAMPLES_DIR)
  .filter((file) => file.endsWith('.yaml'))
  .sort();

describe('k8s/examples', () => {
  it('should hold the KoboldCPP fleet example', () => {
    expect(examples).toEqual(['koboldcpp-statefulset.yaml']);
  });

  it.each(examples)('should keep %s valid against the Kubernetes schemas, with no unknown field', (file) => {
    const report = validateManifests(readFileSync(join(EXAMPLES_DIR, file), 'utf8'));
    expect(report.problems).toEqual([]);
    expect(report.valid).toBe(true);
  });
});

describe('k8s/examples/koboldcpp-statefulset.yaml', () => {
  const objects = parseManifests(readFileSync(join(EXAMPLES_DIR, 'koboldcpp-statefulset.yaml'), 'utf8'));
  const service = findOne(objects, 'Service');
  const statefulSet = findOne(objects, 'StatefulSet');
  const container = statefulSet.spec.template.spec.containers[0];
  const containerPort = (name: string) => container.ports.find((port: { name: string }) => port.name === name)?.containerPort;

  it('should render a headless Service that publishes only ready pods', () => {
    expect(service.spec.clusterIP).toBe('None');
    expect(service.spec.publishNotReadyAddresses).toBe(false);
  });

  it('should select the StatefulSet pods and be its governing Service', () => {
    expect(statefulSet.spec.serviceName).toBe(service.metadata.name);
    expect(statefulSet.metadata.namespace).toBe(service.metadata.namespace);
    expect(statefulSet.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    expect(statefulSet.spec.selector.matchLabels).toEqual(service.spec.selector);
  });

  it('should expose port 5001 on the Service and the pods alike (a headless Service does not remap ports)', () => {
    expect(service.spec.ports).toHaveLength(1);
    expect(service.spec.ports[0].port).toBe(5001);
    expect(containerPort(service.spec.ports[0].targetPort)).toBe(5001);
    expect(container.args).toEqual(expect.arrayContaining(['--port', '5001', '--model']));
  });

  it('should gate readiness on a KoboldCPP API endpoint on that port', () => {
    expect(['/api/extra/version', '/api/v1/model']).toContain(container.readinessProbe.httpGet.path);
    expect(containerPort(container.readinessProbe.httpGet.port)).toBe(5001);
  });

  it('should keep serving past the gateway re-resolve interval when a pod is deleted', () => {
    const sleep = Number(container.lifecycle.preStop.exec.command[1]);
    expect(sleep).toBeGreaterThanOrEqual(10);
    expect(statefulSet.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(sleep);
  });
});

describeWithK8sTools('charts/ai-ticket/ci/fleet-values.yaml against k8s/examples/koboldcpp-statefulset.yaml', () => {
  const example = parseManifests(readFileSync(join(EXAMPLES_DIR, 'koboldcpp-statefulset.yaml'), 'utf8'));
  const service = findOne(example, 'Service');
  let chart: K8sObject[];

  beforeAll(() => {
    chart = renderChart({}, [join(CHART_CI_DIR, 'fleet-values.yaml')]);
  });

  it('should point the gateway at the example headless Service, discovered by DNS, with slots in Redis', () => {
    const data = findOne(chart, 'ConfigMap').data;
    expect(data.KOBOLDCPP_API_URL).toBe(`http://${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local:${service.spec.ports[0].port}`);
    expect(data.UPSTREAM_DISCOVERY).toBe('dns');
    expect(data.UPSTREAM_SLOTS).toBe('redis');
  });

  it('should let the gateway pods reach the KoboldCPP pods through the egress NetworkPolicy', () => {
    const egress = findOne(chart, 'NetworkPolicy').spec.egress as Array<{ to?: Array<Record<string, { matchLabels: Record<string, string> }>>; ports?: Array<{ port: number }> }>;
    const podLabels = findOne(example, 'StatefulSet').spec.template.metadata.labels as Record<string, string>;
    const admits = egress.some(
      (rule) =>
        rule.ports?.some((port) => port.port === 5001) &&
        rule.to?.some(
          (peer) =>
            peer.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] === service.metadata.namespace &&
            Object.entries(peer.podSelector?.matchLabels ?? {}).every(([key, value]) => podLabels[key] === value),
        ),
    );
    expect(admits).toBe(true);
  });
});
