import { join } from 'node:path';
import { FULLNAME, renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findAll, findOne } from '../../../test/packaging/support/manifests';
import { CHART_CI_DIR } from '../../../test/packaging/support/paths';

describeWithK8sTools('templates/hpa.yaml', () => {
  it('should not render an HPA by default', () => {
    expect(findAll(renderChart(), 'HorizontalPodAutoscaler')).toEqual([]);
  });

  it('should scale the Deployment on CPU and memory from ci/autoscaling-values.yaml', () => {
    const sut = findOne(renderChart({}, [join(CHART_CI_DIR, 'autoscaling-values.yaml')]), 'HorizontalPodAutoscaler');
    expect(sut.apiVersion).toBe('autoscaling/v2');
    expect(sut.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: FULLNAME });
    expect(sut.spec).toMatchObject({ minReplicas: 2, maxReplicas: 6, behavior: { scaleDown: { stabilizationWindowSeconds: 300 } } });
    expect(sut.spec.metrics.map((m: { resource: { name: string } }) => m.resource.name)).toEqual(['cpu', 'memory']);
  });
});
