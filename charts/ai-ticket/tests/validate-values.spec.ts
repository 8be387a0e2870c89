import { renderError } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';

const redis = { storage: { backend: 'redis' }, redis: { url: 'redis://redis:6379' } };
const sharedSqlite = { storage: { backend: 'sqlite', sqlite: { journalMode: 'delete' } }, persistence: { enabled: true } };

describeWithK8sTools('ai-ticket.validateValues', () => {
  describe('rate-limit store', () => {
    it('should fail when more than one replica keeps rate limits in memory', () => {
      expect(renderError({ replicaCount: 2 })).toContain('storage.backend=memory keeps rate-limit counts per pod: 2 pods would admit 2 x');
    });

    it('should fail when an autoscaler could run several pods on memory', () => {
      expect(renderError({ autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 3 } })).toContain('3 pods would admit 3 x');
    });

    it('should render several replicas on memory when rate limiting is off', () => {
      expect(renderError({ replicaCount: 2, rateLimit: { requests: 0 } })).toBeUndefined();
    });

    it('should fail when redis has neither a URL nor a Secret', () => {
      expect(renderError({ storage: { backend: 'redis' } })).toContain('storage.backend=redis needs redis.url or redis.existingSecret');
    });

    it('should render several replicas on redis with a URL or a Secret', () => {
      expect(renderError({ ...redis, replicaCount: 3 })).toBeUndefined();
      expect(renderError({ storage: { backend: 'redis' }, redis: { existingSecret: 'redis' }, replicaCount: 3 })).toBeUndefined();
    });
  });

  describe('SQLite', () => {
    it('should fail when several replicas use SQLite without a volume', () => {
      expect(renderError({ replicaCount: 2, storage: { backend: 'sqlite' } })).toContain('needs persistence.enabled=true');
    });

    it('should fail when several replicas share SQLite on a volume that is not ReadWriteMany', () => {
      const values = { ...sharedSqlite, replicaCount: 2, persistence: { enabled: true, accessModes: ['ReadWriteOnce'] }, updateStrategy: { type: 'Recreate' } };
      expect(renderError(values)).toContain('needs persistence.accessModes to include ReadWriteMany');
    });

    it('should fail when several replicas share SQLite in WAL mode', () => {
      expect(renderError({ ...sharedSqlite, replicaCount: 2, storage: { backend: 'sqlite', sqlite: { journalMode: 'wal' } } })).toContain('journalMode=delete');
    });

    it('should apply the same rules to the SQLite event history', () => {
      expect(renderError({ ...redis, replicaCount: 2, history: { backend: 'sqlite' } })).toContain('needs persistence.enabled=true');
    });

    it('should render several replicas on a ReadWriteMany volume in rollback-journal mode', () => {
      expect(renderError({ ...sharedSqlite, replicaCount: 2 })).toBeUndefined();
    });

    it('should render one replica on SQLite without persistence (an emptyDir)', () => {
      expect(renderError({ storage: { backend: 'sqlite' } })).toBeUndefined();
    });

    it('should fail when a volume without ReadWriteMany is rolled out with RollingUpdate', () => {
      expect(renderError({ ...sharedSqlite, persistence: { enabled: true, accessModes: ['ReadWriteOnce'] } })).toContain('set updateStrategy.type=Recreate');
    });

    it('should fail when persistence is on but nothing uses SQLite', () => {
      expect(renderError({ persistence: { enabled: true } })).toContain('nothing would be stored on the volume');
    });
  });

  describe('other combinations', () => {
    it('should fail when postgres has neither a URL nor a Secret', () => {
      expect(renderError({ history: { backend: 'postgres' } })).toContain('history.backend=postgres needs postgres.url or postgres.existingSecret');
    });

    it('should fail when both auth.existingSecret and auth.tokens are set', () => {
      expect(renderError({ auth: { existingSecret: 'x', tokens: [{ name: 'ci', token: 'ci-token-0123456789abcdef' }] } })).toContain('either auth.existingSecret or auth.tokens');
    });

    it('should fail when terminationGracePeriodSeconds does not exceed SHUTDOWN_GRACE_MS plus the preStop sleep', () => {
      expect(renderError({ shutdown: { graceMs: 25000, preStopSleepSeconds: 5, terminationGracePeriodSeconds: 30 } })).toContain(
        'shutdown.terminationGracePeriodSeconds (30) must exceed shutdown.graceMs/1000 + shutdown.preStopSleepSeconds (30)',
      );
      expect(renderError({ shutdown: { graceMs: 25000, preStopSleepSeconds: 5, terminationGracePeriodSeconds: 31 } })).toBeUndefined();
    });

    it('should list every problem at once', () => {
      const error = renderError({ replicaCount: 2, history: { backend: 'postgres' } }) ?? '';
      expect(error).toContain('storage.backend=memory');
      expect(error).toContain('history.backend=postgres');
    });
  });
});
