import { FULLNAME, renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findAll, findOne } from '../../../test/packaging/support/manifests';

const decode = (data: Record<string, string>) => Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));

describeWithK8sTools('templates/secret-env.yaml', () => {
  it('should not render the env Secret when rendered with defaults', () => {
    expect(findAll(renderChart(), 'Secret').map((s) => s.metadata.name)).toEqual([`${FULLNAME}-tokens`]);
  });

  it('should hold the inline upstream key, Redis URL and PostgreSQL URL when they are given in values', () => {
    const values = {
      upstream: { apiKey: 'kobold-pass' },
      storage: { backend: 'redis' },
      redis: { url: 'redis://redis:6379/0' },
      history: { backend: 'postgres' },
      postgres: { url: 'postgres://app:pw@pg:5432/ai' },
    };
    const secret = findOne(renderChart(values), 'Secret', `${FULLNAME}-env`);
    expect(decode(secret.data)).toEqual({ 'upstream-api-key': 'kobold-pass', 'redis-url': 'redis://redis:6379/0', 'database-url': 'postgres://app:pw@pg:5432/ai' });
  });

  it('should hold the inline Redis URL when Redis only holds the slot leases (storage.backend=sqlite, 3 pods)', () => {
    const values = { replicaCount: 3, storage: { backend: 'sqlite', sqlite: { journalMode: 'delete' } }, persistence: { enabled: true, accessModes: ['ReadWriteMany'] }, redis: { url: 'redis://redis:6379/1' } };
    const secret = findOne(renderChart(values), 'Secret', `${FULLNAME}-env`);
    expect(decode(secret.data)).toEqual({ 'redis-url': 'redis://redis:6379/1' });
  });

  it('should not render the env Secret when redis.url is set but nothing uses Redis (one pod, local slots, memory storage)', () => {
    expect(findAll(renderChart({ redis: { url: 'redis://redis:6379' } }), 'Secret').map((s) => s.metadata.name)).toEqual([`${FULLNAME}-tokens`]);
  });

  it('should not store a value whose existingSecret is set', () => {
    const values = { upstream: { apiKey: 'ignored', existingSecret: 'kobold' }, storage: { backend: 'redis' }, redis: { url: 'redis://redis:6379' } };
    const secret = findOne(renderChart(values), 'Secret', `${FULLNAME}-env`);
    expect(Object.keys(secret.data)).toEqual(['redis-url']);
  });
});
