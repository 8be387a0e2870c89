import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FULLNAME, renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findOne, type K8sObject } from '../../../test/packaging/support/manifests';
import { ROOT } from '../../../test/packaging/support/paths';

/** The numeric UID of the Dockerfile's `USER uid:gid`, which the chart must run as. */
const IMAGE_UID = Number(/^USER\s+(\d+)(?::\d+)?\s*$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))?.[1]);

function deployment(values: object = {}): K8sObject {
  return findOne(renderChart(values), 'Deployment');
}
function container(values: object = {}) {
  return deployment(values).spec.template.spec.containers[0];
}
function configMap(values: object = {}): Record<string, string> {
  return findOne(renderChart(values), 'ConfigMap').data;
}

describeWithK8sTools('templates/deployment.yaml', () => {
  describe('probes', () => {
    it('should render liveness on /healthz, readiness on /readyz and a startup probe by default', () => {
      const sut = container();
      expect(sut.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(sut.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
      expect(sut.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    });

    it('should point the probes at the container port named http, which is PORT', () => {
      const sut = container({ containerPort: 8080 });
      expect(sut.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
      expect(configMap({ containerPort: 8080 }).PORT).toBe('8080');
    });

    it('should not render a probe when it is disabled', () => {
      const sut = container({ startupProbe: { enabled: false } });
      expect(sut.startupProbe).toBeUndefined();
      expect(sut.livenessProbe).toBeDefined();
    });
  });

  describe('security', () => {
    it('should harden the pod securityContext with the Dockerfile UID when rendered with defaults', () => {
      expect(IMAGE_UID).toBeGreaterThan(0);
      const pod = deployment().spec.template.spec;
      expect(pod.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: IMAGE_UID,
        fsGroup: IMAGE_UID,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.automountServiceAccountToken).toBe(false);
    });

    it('should harden the container securityContext when rendered with defaults', () => {
      expect(container().securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        runAsUser: IMAGE_UID,
        privileged: false,
        capabilities: { drop: ['ALL'] },
      });
    });

    it('should give the read-only container writable emptyDirs for /tmp and the data folder when persistence is off', () => {
      const pod = deployment().spec.template.spec;
      const mounts = Object.fromEntries(pod.containers[0].volumeMounts.map((m: { name: string; mountPath: string }) => [m.mountPath, m.name]));
      expect(mounts['/tmp']).toBe('tmp');
      expect(mounts['/app/data']).toBe('data');
      const volumes = Object.fromEntries(pod.volumes.map((v: { name: string }) => [v.name, v]));
      expect(volumes.tmp.emptyDir).toEqual({});
      expect(volumes.data.emptyDir).toEqual({});
    });

    it('should set explicit resource requests when rendered with defaults', () => {
      expect(container().resources.requests).toEqual({ cpu: '100m', memory: '192Mi' });
    });
  });

  describe('token Secret', () => {
    it('should mount the token Secret as a directory, never with subPath, and point AI_TICKET_AUTH_TOKEN_FILE inside it', () => {
      const pod = deployment().spec.template.spec;
      const mount = pod.containers[0].volumeMounts.find((m: { name: string }) => m.name === 'tokens');
      expect(mount).toEqual({ name: 'tokens', mountPath: '/var/run/secrets/ai-ticket/tokens', readOnly: true });
      expect(pod.containers[0].volumeMounts.every((m: { subPath?: string }) => m.subPath === undefined)).toBe(true);
      expect(pod.volumes.find((v: { name: string }) => v.name === 'tokens').secret.secretName).toBe(`${FULLNAME}-tokens`);
      expect(configMap().AI_TICKET_AUTH_TOKEN_FILE).toBe('/var/run/secrets/ai-ticket/tokens/tokens');
    });

    it('should mount auth.existingSecret when it is set', () => {
      const values = { auth: { existingSecret: 'my-tokens', existingSecretKey: 'api-tokens' } };
      const pod = deployment(values).spec.template.spec;
      expect(pod.volumes.find((v: { name: string }) => v.name === 'tokens').secret.secretName).toBe('my-tokens');
      expect(configMap(values).AI_TICKET_AUTH_TOKEN_FILE).toBe('/var/run/secrets/ai-ticket/tokens/api-tokens');
    });

    it('should render checksum/config but no checksum of the token Secret, so rotations do not restart pods', () => {
      const annotations = deployment({ auth: { tokens: [{ name: 'ci', token: 'ci-token-0123456789abcdef' }] } }).spec.template.metadata.annotations;
      expect(annotations['checksum/config']).toMatch(/^[a-f0-9]{64}$/);
      expect(Object.keys(annotations).filter((key) => key.startsWith('checksum/'))).toEqual(['checksum/config']);
    });

    it('should keep the pod template unchanged when only the tokens change', () => {
      const before = deployment({ auth: { tokens: [{ name: 'ci', token: 'old-token-0123456789abcdef' }] } }).spec.template;
      const after = deployment({ auth: { tokens: [{ name: 'ci', token: 'new-token-0123456789abcdef' }] } }).spec.template;
      expect(after).toEqual(before);
    });

    it('should change checksum/config when the configuration changes', () => {
      const before = deployment().spec.template.metadata.annotations['checksum/config'];
      const after = deployment({ config: { logLevel: 'debug' } }).spec.template.metadata.annotations['checksum/config'];
      expect(after).not.toBe(before);
    });
  });

  describe('shutdown', () => {
    it('should render terminationGracePeriodSeconds above SHUTDOWN_GRACE_MS plus the preStop sleep when rendered with defaults', () => {
      const pod = deployment().spec.template.spec;
      const graceMs = Number(configMap().SHUTDOWN_GRACE_MS);
      const preStop = pod.containers[0].lifecycle.preStop.exec.command;
      expect(preStop[0]).toBe('sleep');
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(graceMs / 1000 + Number(preStop[1]));
    });

    it('should pass shutdown.graceMs through as SHUTDOWN_GRACE_MS', () => {
      expect(configMap({ shutdown: { graceMs: 50000, preStopSleepSeconds: 5, terminationGracePeriodSeconds: 60 } }).SHUTDOWN_GRACE_MS).toBe('50000');
    });

    it('should not render a preStop hook when preStopSleepSeconds is 0', () => {
      expect(container({ shutdown: { graceMs: 25000, preStopSleepSeconds: 0, terminationGracePeriodSeconds: 30 } }).lifecycle).toBeUndefined();
    });
  });

  describe('selectors and labels', () => {
    it('should select on app.kubernetes.io/name and instance only', () => {
      expect(deployment().spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'ai-ticket', 'app.kubernetes.io/instance': 'demo' });
    });

    it('should render the standard labels and commonLabels on the Deployment and its pods, but not in the selector', () => {
      const sut = deployment({ commonLabels: { team: 'platform' } });
      for (const labels of [sut.metadata.labels, sut.spec.template.metadata.labels]) {
        expect(labels).toMatchObject({
          'helm.sh/chart': 'ai-ticket-0.4.0',
          'app.kubernetes.io/name': 'ai-ticket',
          'app.kubernetes.io/instance': 'demo',
          'app.kubernetes.io/version': '0.1.0',
          'app.kubernetes.io/managed-by': 'Helm',
          'app.kubernetes.io/component': 'gateway',
          team: 'platform',
        });
      }
      expect(sut.spec.selector.matchLabels.team).toBeUndefined();
    });
  });

  describe('image', () => {
    it('should default the tag to the appVersion', () => {
      expect(container().image).toBe('ghcr.io/ai-ticket/ai-ticket:0.1.0');
    });

    it('should prefer the digest when one is set', () => {
      const digest = `sha256:${'a'.repeat(64)}`;
      expect(container({ image: { repository: 'acme/ai-ticket', registry: 'registry.example.com', tag: '1.2.3', digest, pullPolicy: 'Always' } }).image).toBe(
        `registry.example.com/acme/ai-ticket@${digest}`,
      );
    });
  });

  describe('replicas', () => {
    it('should render replicas from replicaCount, and none when the HPA owns them', () => {
      expect(deployment().spec.replicas).toBe(1);
      const scaled = deployment({ autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 4 }, storage: { backend: 'redis', sqlite: { journalMode: 'wal' } }, redis: { url: 'redis://redis:6379', existingSecret: '', existingSecretKey: 'redis-url' } });
      expect(scaled.spec.replicas).toBeUndefined();
    });

    it('should roll out with no unavailable pod by default', () => {
      expect(deployment().spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    });
  });

  describe('secret environment', () => {
    const redis = { storage: { backend: 'redis', sqlite: { journalMode: 'wal' } } };

    it('should read REDIS_URL from redis.existingSecret when it is set, with no env Secret checksum', () => {
      const values = { ...redis, redis: { url: '', existingSecret: 'redis-conn', existingSecretKey: 'url' } };
      const env = container(values).env;
      expect(env).toContainEqual({ name: 'REDIS_URL', valueFrom: { secretKeyRef: { name: 'redis-conn', key: 'url' } } });
      expect(deployment(values).spec.template.metadata.annotations['checksum/secret']).toBeUndefined();
    });

    it('should read REDIS_URL from the chart env Secret and hash it when redis.url is given inline', () => {
      const values = { ...redis, redis: { url: 'redis://redis:6379', existingSecret: '', existingSecretKey: 'redis-url' } };
      expect(container(values).env).toContainEqual({ name: 'REDIS_URL', valueFrom: { secretKeyRef: { name: `${FULLNAME}-env`, key: 'redis-url' } } });
      expect(deployment(values).spec.template.metadata.annotations['checksum/secret']).toMatch(/^[a-f0-9]{64}$/);
    });

    it('should read REDIS_URL when the slots backend is redis, even with rate limits elsewhere', () => {
      const env = container({ upstream: { slots: { backend: 'redis' } }, redis: { url: '', existingSecret: 'redis-conn', existingSecretKey: 'url' } }).env;
      expect(env).toContainEqual({ name: 'REDIS_URL', valueFrom: { secretKeyRef: { name: 'redis-conn', key: 'url' } } });
    });

    it('should read REDIS_URL when upstream.slots.backend=auto and several pods run on SQLite', () => {
      const values = { replicaCount: 2, storage: { backend: 'sqlite', sqlite: { journalMode: 'delete' } }, persistence: { enabled: true, accessModes: ['ReadWriteMany'] }, redis: { url: '', existingSecret: 'redis-conn', existingSecretKey: 'url' } };
      expect(container(values).env).toContainEqual({ name: 'REDIS_URL', valueFrom: { secretKeyRef: { name: 'redis-conn', key: 'url' } } });
    });

    it('should not render REDIS_URL when neither the storage nor the slots backend is redis', () => {
      expect(container({ redis: { url: '', existingSecret: 'redis-conn', existingSecretKey: 'url' } }).env).toBeUndefined();
    });

    it('should read UPSTREAM_API_KEY and DATABASE_URL from existing Secrets when they are set', () => {
      const values = {
        upstream: { url: 'http://kobold:5001', existingSecret: 'kobold', existingSecretKey: 'password' },
        history: { backend: 'postgres' },
        postgres: { url: '', existingSecret: 'pg', existingSecretKey: 'dsn' },
      };
      const env = container(values).env;
      expect(env).toContainEqual({ name: 'UPSTREAM_API_KEY', valueFrom: { secretKeyRef: { name: 'kobold', key: 'password' } } });
      expect(env).toContainEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'pg', key: 'dsn' } } });
    });

    it('should render no secret environment when rendered with defaults', () => {
      expect(container().env).toBeUndefined();
      expect(container().envFrom).toEqual([{ configMapRef: { name: FULLNAME } }]);
    });
  });
});
