import { renderError } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';

const redis = { storage: { backend: 'redis' }, redis: { url: 'redis://redis:6379' } };
const sharedSqlite = { storage: { backend: 'sqlite', sqlite: { journalMode: 'delete' } }, persistence: { enabled: true } };
/** The deliberate opt-out from Redis slot leases, for several pods without Redis. */
const localSlots = { upstream: { slots: { backend: 'local' } } };

describeWithK8sTools('ai-ticket.validateValues', () => {
  describe('rate-limit store', () => {
    it('should fail when more than one replica keeps rate limits in memory', () => {
      expect(renderError({ replicaCount: 2 })).toContain('storage.backend=memory keeps rate-limit counts per pod: 2 pods would admit 2 x');
    });

    it('should fail when an autoscaler could run several pods on memory', () => {
      expect(renderError({ autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 3 } })).toContain('3 pods would admit 3 x');
    });

    it('should render several replicas on memory when rate limiting is off and slots are per pod', () => {
      expect(renderError({ replicaCount: 2, rateLimit: { requests: 0 }, ...localSlots })).toBeUndefined();
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
      expect(renderError({ ...sharedSqlite, replicaCount: 2, ...localSlots })).toBeUndefined();
      expect(renderError({ ...sharedSqlite, replicaCount: 2, redis: { existingSecret: 'redis' } })).toBeUndefined();
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

  describe('upstream slots', () => {
    it('should fail when upstream.slots.backend=auto resolves to redis with 3 replicas on SQLite and no Redis', () => {
      const error = renderError({ ...sharedSqlite, replicaCount: 3 }) ?? '';
      expect(error).toContain('upstream.slots.backend=auto shares upstream slots through Redis when more than one pod can run (3 here)');
      expect(error).toContain('Set redis.existingSecret (or redis.url)');
      expect(error).toContain('upstream.slots.backend=local');
    });

    it('should fail when upstream.slots.backend=auto resolves to redis under an autoscaler and no Redis is set', () => {
      expect(renderError({ autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 4 }, rateLimit: { requests: 0 } })).toContain('more than one pod can run (4 here)');
    });

    it('should fail when upstream.slots.backend=redis has neither a URL nor a Secret', () => {
      expect(renderError({ upstream: { slots: { backend: 'redis' } } })).toContain('upstream.slots.backend=redis needs redis.url or redis.existingSecret');
    });

    it('should report the storage message only when storage.backend=redis and the slots both lack Redis', () => {
      const error = renderError({ storage: { backend: 'redis' }, replicaCount: 2 }) ?? '';
      expect(error).toContain('storage.backend=redis needs redis.url or redis.existingSecret');
      expect(error).not.toContain('upstream.slots.backend');
    });

    it('should render several replicas on SQLite when Redis is only used for the slots', () => {
      expect(renderError({ ...sharedSqlite, replicaCount: 3, redis: { url: 'redis://redis:6379' } })).toBeUndefined();
    });

    it('should render several replicas without Redis when upstream.slots.backend=local (the deliberate opt-out)', () => {
      expect(renderError({ ...sharedSqlite, replicaCount: 3, ...localSlots })).toBeUndefined();
    });

    it('should render one replica with upstream.slots.backend=auto and no Redis', () => {
      expect(renderError({ upstream: { slots: { backend: 'auto' } } })).toBeUndefined();
    });
  });

  describe('upstream discovery', () => {
    it('should fail when upstream.discovery.mode=dns and upstream.url is an IPv4 address', () => {
      expect(renderError({ upstream: { url: 'http://10.0.0.7:5001', discovery: { mode: 'dns' } } })).toContain(
        'upstream.discovery.mode=dns resolves the host name of every upstream URL, but upstream.url is an IP address',
      );
    });

    it('should fail when upstream.discovery.mode=dns and an entry of upstream.urls is an IPv6 address', () => {
      expect(renderError({ upstream: { urls: ['http://koboldcpp:5001', 'http://[fd00::7]:5001#slots=2'], discovery: { mode: 'dns' } } })).toContain('but upstream.urls[1] is an IP address');
    });

    it('should render upstream.discovery.mode=dns when every URL names a host', () => {
      expect(renderError({ upstream: { urls: ['http://koboldcpp-a:5001', 'http://koboldcpp-b.llm.svc.cluster.local:5001#slots=2'], discovery: { mode: 'dns' } } })).toBeUndefined();
    });

    it('should render an IP address with static discovery, or under a headless Service that wins over it', () => {
      expect(renderError({ upstream: { url: 'http://10.0.0.7:5001' } })).toBeUndefined();
      expect(renderError({ upstream: { url: 'http://10.0.0.7:5001', headlessService: { name: 'koboldcpp-headless' }, discovery: { mode: 'dns' } } })).toBeUndefined();
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

    it('should fail when both a cert-manager Issuer and ClusterIssuer are set', () => {
      expect(renderError({ ingress: { enabled: true, certManager: { issuer: 'a', clusterIssuer: 'b' } } })).toContain(
        'Set either ingress.certManager.issuer or ingress.certManager.clusterIssuer, not both.',
      );
    });

    it('should list every problem at once', () => {
      const error = renderError({ replicaCount: 2, history: { backend: 'postgres' } }) ?? '';
      expect(error).toContain('storage.backend=memory');
      expect(error).toContain('history.backend=postgres');
    });
  });
});
