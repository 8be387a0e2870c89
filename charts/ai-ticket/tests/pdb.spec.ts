import { renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findAll, findOne } from '../../../test/packaging/support/manifests';

describeWithK8sTools('templates/pdb.yaml', () => {
  it('should render a PDB with maxUnavailable 1 (never blocking a drain) on the pod selector by default', () => {
    const objects = renderChart();
    const sut = findOne(objects, 'PodDisruptionBudget');
    expect(sut.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: findOne(objects, 'Deployment').spec.selector.matchLabels } });
  });

  it('should render minAvailable instead when it is set', () => {
    expect(findOne(renderChart({ pdb: { minAvailable: '50%' } }), 'PodDisruptionBudget').spec.minAvailable).toBe('50%');
    expect(findOne(renderChart({ pdb: { minAvailable: '50%' } }), 'PodDisruptionBudget').spec.maxUnavailable).toBeUndefined();
  });

  it('should not render a PDB when pdb.create is false', () => {
    expect(findAll(renderChart({ pdb: { create: false } }), 'PodDisruptionBudget')).toEqual([]);
  });
});
