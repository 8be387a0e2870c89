import { FULLNAME, renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findAll, findOne } from '../../../test/packaging/support/manifests';

const sqlite = { storage: { backend: 'sqlite' }, persistence: { enabled: true } };
const dataVolume = (values: object) =>
  findOne(renderChart(values), 'Deployment').spec.template.spec.volumes.find((v: { name: string }) => v.name === 'data');

describeWithK8sTools('templates/pvc.yaml', () => {
  it('should not render a PVC by default', () => {
    expect(findAll(renderChart(), 'PersistentVolumeClaim')).toEqual([]);
  });

  it('should render a ReadWriteMany PVC mounted as the data folder when persistence is enabled', () => {
    const sut = findOne(renderChart(sqlite), 'PersistentVolumeClaim');
    expect(sut.metadata.name).toBe(`${FULLNAME}-data`);
    expect(sut.spec.accessModes).toEqual(['ReadWriteMany']);
    expect(sut.spec.resources.requests.storage).toBe('1Gi');
    expect(sut.spec.storageClassName).toBeUndefined();
    expect(dataVolume(sqlite)).toEqual({ name: 'data', persistentVolumeClaim: { claimName: `${FULLNAME}-data` } });
  });

  it('should render storageClass, size and access modes from values', () => {
    const values = { ...sqlite, persistence: { enabled: true, storageClass: 'nfs', size: '5Gi', accessModes: ['ReadWriteOnce'] }, updateStrategy: { type: 'Recreate' } };
    const sut = findOne(renderChart(values), 'PersistentVolumeClaim');
    expect(sut.spec).toMatchObject({ storageClassName: 'nfs', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } });
  });

  it('should render an empty storageClassName when storageClass is "-"', () => {
    expect(findOne(renderChart({ ...sqlite, persistence: { enabled: true, storageClass: '-' } }), 'PersistentVolumeClaim').spec.storageClassName).toBe('');
  });

  it('should mount persistence.existingClaim and render no PVC when it is set', () => {
    const values = { ...sqlite, persistence: { enabled: true, existingClaim: 'shared-data' } };
    expect(findAll(renderChart(values), 'PersistentVolumeClaim')).toEqual([]);
    expect(dataVolume(values)).toEqual({ name: 'data', persistentVolumeClaim: { claimName: 'shared-data' } });
  });
});
