import { FULLNAME, renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findAll, findOne, type K8sObject } from '../../../test/packaging/support/manifests';
import { join } from 'node:path';
import { CHART_CI_DIR } from '../../../test/packaging/support/paths';

const enabled = { ingress: { enabled: true } };
const ingress = (values: object = enabled): K8sObject => findOne(renderChart(values), 'Ingress');

describeWithK8sTools('templates/ingress.yaml', () => {
  it('should not render an Ingress by default', () => {
    expect(findAll(renderChart(), 'Ingress')).toEqual([]);
  });

  it('should render the ingress-nginx SSE annotations (no buffering, long read timeout) when enabled', () => {
    expect(ingress().metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
    });
  });

  it('should render cookie affinity for the dashboard stream when enabled', () => {
    expect(ingress().metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/affinity': 'cookie',
      'nginx.ingress.kubernetes.io/session-cookie-name': 'ai-ticket-affinity',
    });
  });

  it('should keep the ingress body limit equal to BODY_LIMIT_BYTES', () => {
    expect(ingress({ ...enabled, config: { bodyLimitBytes: 4194304 } }).metadata.annotations['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('4194304');
  });

  it('should render no sticky-session annotations when ingress.nginx.stickySessions is false', () => {
    const annotations = ingress({ ingress: { enabled: true, nginx: { stickySessions: false } } }).metadata.annotations;
    expect(annotations['nginx.ingress.kubernetes.io/affinity']).toBeUndefined();
    expect(annotations['nginx.ingress.kubernetes.io/proxy-buffering']).toBe('off');
  });

  it('should render no nginx annotations for another controller when ingress.nginx.enabled is false', () => {
    const sut = ingress({ ingress: { enabled: true, className: 'traefik', nginx: { enabled: false } } });
    expect(sut.spec.ingressClassName).toBe('traefik');
    expect(sut.metadata.annotations).toBeUndefined();
  });

  it('should render the Issuer annotation and TLS for every host, in <fullname>-tls, when ingress.certManager.issuer is set', () => {
    const hosts = [{ host: 'a.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }, { host: 'b.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }];
    const sut = ingress({ ingress: { enabled: true, hosts, certManager: { issuer: 'ca-issuer' } } });
    expect(sut.metadata.annotations['cert-manager.io/issuer']).toBe('ca-issuer');
    expect(sut.metadata.annotations['cert-manager.io/cluster-issuer']).toBeUndefined();
    expect(sut.spec.tls).toEqual([{ hosts: ['a.example.com', 'b.example.com'], secretName: `${FULLNAME}-tls` }]);
  });

  it('should use ingress.certManager.secretName, and keep an explicit ingress.tls', () => {
    const named = ingress({ ingress: { enabled: true, certManager: { clusterIssuer: 'le', secretName: 'my-cert' } } });
    expect(named.spec.tls).toEqual([{ hosts: ['ai-ticket.example.com'], secretName: 'my-cert' }]);
    const tls = [{ secretName: 'own', hosts: ['ai-ticket.example.com'] }];
    expect(ingress({ ingress: { enabled: true, tls, certManager: { clusterIssuer: 'le' } } }).spec.tls).toEqual(tls);
  });

  it('should render no TLS and no cert-manager annotation by default', () => {
    const sut = ingress();
    expect(sut.spec.tls).toBeUndefined();
    expect(Object.keys(sut.metadata.annotations).filter((key) => key.startsWith('cert-manager.io/'))).toEqual([]);
  });

  it('should render TLS, the cert-manager annotation and ingressClassName from ci/ingress-tls-values.yaml', () => {
    const sut = findOne(renderChart({}, [join(CHART_CI_DIR, 'ingress-tls-values.yaml')]), 'Ingress');
    expect(sut.spec.ingressClassName).toBe('nginx');
    expect(sut.spec.tls).toEqual([{ hosts: ['ai-ticket.example.com'], secretName: 'ai-ticket-tls' }]);
    expect(sut.metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt-prod');
    expect(findOne(renderChart({}, [join(CHART_CI_DIR, 'ingress-tls-values.yaml')]), 'ConfigMap').data.TRUST_PROXY_COUNT).toBe('1');
    expect(sut.spec.rules[0]).toEqual({
      host: 'ai-ticket.example.com',
      http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: FULLNAME, port: { name: 'http' } } } }] },
    });
  });
});
