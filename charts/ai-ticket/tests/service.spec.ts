import { FULLNAME, renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findOne } from '../../../test/packaging/support/manifests';

describeWithK8sTools('templates/service.yaml', () => {
  it('should expose port 5000 to the container port named http, selecting name and instance only', () => {
    const sut = findOne(renderChart(), 'Service', FULLNAME);
    expect(sut.spec.type).toBe('ClusterIP');
    expect(sut.spec.ports).toEqual([{ name: 'http', port: 5000, targetPort: 'http', protocol: 'TCP' }]);
    expect(sut.spec.selector).toEqual({ 'app.kubernetes.io/name': 'ai-ticket', 'app.kubernetes.io/instance': 'demo' });
  });

  it('should select the Deployment pods', () => {
    const objects = renderChart();
    const selector = findOne(objects, 'Service').spec.selector;
    expect(findOne(objects, 'Deployment').spec.template.metadata.labels).toMatchObject(selector);
  });

  it('should render the type, port and annotations from values', () => {
    const sut = findOne(renderChart({ service: { type: 'LoadBalancer', port: 80, annotations: { 'example.com/lb': 'internal' } } }), 'Service');
    expect(sut.spec.type).toBe('LoadBalancer');
    expect(sut.spec.ports[0].port).toBe(80);
    expect(sut.metadata.annotations).toEqual({ 'example.com/lb': 'internal' });
  });
});
