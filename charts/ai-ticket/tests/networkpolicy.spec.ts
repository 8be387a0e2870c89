import { join } from 'node:path';
import { FULLNAME, renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findAll, findOne } from '../../../test/packaging/support/manifests';
import { CHART_CI_DIR } from '../../../test/packaging/support/paths';

describeWithK8sTools('templates/networkpolicy.yaml', () => {
  it('should not render a NetworkPolicy by default', () => {
    expect(findAll(renderChart(), 'NetworkPolicy')).toEqual([]);
  });

  it('should admit any pod to the http port when allowExternal is true', () => {
    const sut = findOne(renderChart({ networkPolicy: { enabled: true } }), 'NetworkPolicy');
    expect(sut.spec.policyTypes).toEqual(['Ingress']);
    expect(sut.spec.ingress).toEqual([{ ports: [{ port: 'http', protocol: 'TCP' }] }]);
  });

  it('should admit only labelled clients and the listed peers, and restrict egress, from ci/redis-values.yaml', () => {
    const objects = renderChart({}, [join(CHART_CI_DIR, 'redis-values.yaml')]);
    const sut = findOne(objects, 'NetworkPolicy');
    expect(sut.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(sut.spec.ingress[0].from[0]).toEqual({ podSelector: { matchLabels: { [`${FULLNAME}-client`]: 'true' } } });
    expect(sut.spec.ingress[0].from[1].namespaceSelector.matchLabels['kubernetes.io/metadata.name']).toBe('ingress-nginx');
    expect(sut.spec.egress[0].ports).toEqual([
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ]);
    expect(sut.spec.egress).toHaveLength(4);
  });

  it('should render egress to the KoboldCPP pods behind the headless Service when restrictEgress is set, from ci/fleet-values.yaml', () => {
    const sut = findOne(renderChart({}, [join(CHART_CI_DIR, 'fleet-values.yaml')]), 'NetworkPolicy');
    expect(sut.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(sut.spec.egress).toContainEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'llm' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'koboldcpp' } } }],
      ports: [{ port: 5001, protocol: 'TCP' }],
    });
  });
});
