import { FULLNAME, renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findAll, findOne } from '../../../test/packaging/support/manifests';

describeWithK8sTools('templates/serviceaccount.yaml', () => {
  it('should render a ServiceAccount without token automount, used by the pods, when rendered with defaults', () => {
    const objects = renderChart();
    const sut = findOne(objects, 'ServiceAccount');
    expect(sut.metadata.name).toBe(FULLNAME);
    expect(sut.automountServiceAccountToken).toBe(false);
    expect(findOne(objects, 'Deployment').spec.template.spec.serviceAccountName).toBe(FULLNAME);
  });

  it('should not render a ServiceAccount and use the named one when serviceAccount.create is false', () => {
    const objects = renderChart({ serviceAccount: { create: false, name: 'shared' } });
    expect(findAll(objects, 'ServiceAccount')).toEqual([]);
    expect(findOne(objects, 'Deployment').spec.template.spec.serviceAccountName).toBe('shared');
  });
});
