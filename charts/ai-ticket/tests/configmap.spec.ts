import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NAMESPACE, renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findOne } from '../../../test/packaging/support/manifests';
import { ROOT } from '../../../test/packaging/support/paths';

/** Variables of the README's Configuration table that the chart deliberately does not set, and why. */
const NOT_SET_BY_CHART: Record<string, string> = {
  AI_TICKET_AUTH_TOKEN: 'tokens come from the mounted file (AI_TICKET_AUTH_TOKEN_FILE), never from the environment',
  DASHBOARD_DIR: "the image's default (dist/dashboard under WORKDIR) is where the build puts it",
  UPSTREAM_API_KEY: 'a Secret, set in the Deployment env (see deployment.spec.ts)',
  REDIS_URL: 'a Secret, set in the Deployment env when storage.backend=redis or the slots backend is redis',
  DATABASE_URL: 'a Secret, set in the Deployment env when history.backend=postgres',
  OTEL_SDK_DISABLED: 'tracing.enabled=false already leaves the exporter at none',
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'the chart sets the base endpoint (tracing.endpoint); the service adds /v1/traces',
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'the chart sets OTEL_EXPORTER_OTLP_PROTOCOL (tracing.protocol)',
  OTEL_EXPORTER_OTLP_HEADERS: 'may carry a collector key: give it from a Secret through extraEnv',
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'may carry a collector key: give it from a Secret through extraEnv',
};

function readmeVariables(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('\n## Configuration\n')[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((match) => match[1]);
}

function configMap(values: object = {}): Record<string, string> {
  return findOne(renderChart(values), 'ConfigMap').data;
}

/** A Redis Secret, so that several pods with upstream.slots.backend=auto pass validateValues. */
const redisSecret = { redis: { existingSecret: 'redis' } };

/** Values that make the ConfigMap hold every variable the chart can set, optional ones included. */
const everyVariable = {
  upstream: { model: 'llama', discovery: { dnsServers: ['10.96.0.10'] } },
  tokenBudget: { default: 100000, windowSeconds: 3600, completionReserve: 256 },
  tracing: { enabled: true, samplerArg: 0.5 },
};

describeWithK8sTools('templates/configmap.yaml', () => {
  it('should set every variable of the README Configuration table, or have a reason not to', () => {
    const variables = readmeVariables();
    expect(variables.length).toBeGreaterThan(30);
    const data = configMap(everyVariable);
    const missing = variables.filter((name) => !(name in data) && !(name in NOT_SET_BY_CHART));
    expect(missing).toEqual([]);
  });

  it('should only set variables that the README documents', () => {
    const documented = new Set(readmeVariables());
    expect(Object.keys(configMap(everyVariable)).filter((name) => !documented.has(name))).toEqual([]);
  });

  it('should pass TRUST_PROXY_COUNT through from config.trustProxyCount', () => {
    expect(configMap({ config: { trustProxyCount: 2 } }).TRUST_PROXY_COUNT).toBe('2');
    expect(configMap({ ingress: { enabled: true }, config: { trustProxyCount: 0 } }).TRUST_PROXY_COUNT).toBe('0');
  });

  it('should default TRUST_PROXY_COUNT to 1 behind the chart Ingress and to 0 without it', () => {
    expect(configMap().TRUST_PROXY_COUNT).toBe('0');
    expect(configMap({ ingress: { enabled: true } }).TRUST_PROXY_COUNT).toBe('1');
  });

  it('should set USAGE_TOKENCOUNT from config.usageTokenCount, auto by default', () => {
    expect(configMap().USAGE_TOKENCOUNT).toBe('auto');
    expect(configMap({ config: { usageTokenCount: 'off' } }).USAGE_TOKENCOUNT).toBe('off');
  });

  it('should set RATE_LIMIT_BACKEND from storage.backend and HISTORY_BACKEND from history.backend', () => {
    const data = configMap({ storage: { backend: 'sqlite' }, history: { backend: 'sqlite' }, persistence: { enabled: true } });
    expect(data.RATE_LIMIT_BACKEND).toBe('sqlite');
    expect(data.HISTORY_BACKEND).toBe('sqlite');
  });

  it('should place both SQLite files under persistence.mountPath as absolute paths', () => {
    const data = configMap({ persistence: { mountPath: '/var/lib/ai-ticket/' } });
    expect(data.RATE_LIMIT_SQLITE_PATH).toBe('/var/lib/ai-ticket/rate-limit.sqlite');
    expect(data.AI_TICKET_METRICS_DB).toBe('/var/lib/ai-ticket/metrics.sqlite');
  });

  it('should render numbers without scientific notation when they are large', () => {
    const data = configMap({ rateLimit: { requests: 10000000 }, upstream: { timeoutMs: 3600000 } });
    expect(data.RATE_LIMIT_REQUESTS).toBe('10000000');
    expect(data.UPSTREAM_TIMEOUT_MS).toBe('3600000');
  });

  it('should set the values the service validates to their chart defaults when rendered with defaults', () => {
    expect(configMap()).toMatchObject({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '5000',
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: '25000',
      KOBOLDCPP_API_URL: 'http://koboldcpp:5001',
      UPSTREAM_DISCOVERY: 'static',
      UPSTREAM_DISCOVERY_INTERVAL_MS: '5000',
      UPSTREAM_CONCURRENCY: '1',
      UPSTREAM_SLOTS: 'local',
      UPSTREAM_SLOT_LEASE_MS: '15000',
      UPSTREAM_SLOTS_FAIL_MODE: 'local',
      REDIS_KEY_PREFIX: 'ai-ticket:',
      AUTH_REQUIRED: 'true',
      METRICS_REQUIRE_AUTH: 'false',
      RATE_LIMIT_BACKEND: 'memory',
      RATE_LIMIT_FAIL_MODE: 'open',
      SQLITE_JOURNAL_MODE: 'wal',
      HISTORY_BACKEND: 'memory',
      METRICS_NAMESPACE: 'ai_ticket',
      DASHBOARD_SESSION_TTL_SECONDS: '3600',
    });
    expect(configMap().UPSTREAM_MODEL).toBeUndefined();
    expect(configMap().UPSTREAM_DNS_SERVERS).toBeUndefined();
  });

  describe('token budgets', () => {
    it('should render no TOKEN_BUDGET* variable when tokenBudget is left null (the default), so the service defaults apply', () => {
      expect(Object.keys(configMap()).filter((name) => name.startsWith('TOKEN_BUDGET'))).toEqual([]);
    });

    it('should render TOKEN_BUDGET, its window and completion reserve when tokenBudget.default, windowSeconds and completionReserve are set', () => {
      expect(configMap({ tokenBudget: { default: 200000, windowSeconds: 3600, completionReserve: 1024 } })).toMatchObject({
        TOKEN_BUDGET: '200000',
        TOKEN_BUDGET_WINDOW_SECONDS: '3600',
        TOKEN_BUDGET_COMPLETION_RESERVE: '1024',
      });
    });

    it('should render only the variables set when tokenBudget is set in part', () => {
      const data = configMap({ tokenBudget: { windowSeconds: 604800 } });
      expect(Object.keys(data).filter((name) => name.startsWith('TOKEN_BUDGET'))).toEqual(['TOKEN_BUDGET_WINDOW_SECONDS']);
      expect(data.TOKEN_BUDGET_WINDOW_SECONDS).toBe('604800');
    });

    it('should render TOKEN_BUDGET=0 when tokenBudget.default is 0, and large budgets without scientific notation', () => {
      expect(configMap({ tokenBudget: { default: 0 } }).TOKEN_BUDGET).toBe('0');
      expect(configMap({ tokenBudget: { default: 1000000000000 } }).TOKEN_BUDGET).toBe('1000000000000');
    });
  });

  describe('upstreams', () => {
    it('should render KOBOLDCPP_API_URL as upstream.urls joined by commas, #slots=N kept, when upstream.urls is set', () => {
      const data = configMap({ upstream: { url: 'http://ignored:5001', urls: ['http://kobold-a:5001#slots=2', 'https://kobold-b.example.com/v1'] } });
      expect(data.KOBOLDCPP_API_URL).toBe('http://kobold-a:5001#slots=2,https://kobold-b.example.com/v1');
      expect(data.UPSTREAM_DISCOVERY).toBe('static');
    });

    it('should render KOBOLDCPP_API_URL from upstream.url when upstream.urls is empty', () => {
      expect(configMap({ upstream: { url: 'http://kobold:5001', urls: [] } }).KOBOLDCPP_API_URL).toBe('http://kobold:5001');
    });

    it('should render the headless Service DNS name and UPSTREAM_DISCOVERY=dns when upstream.headlessService.name is set, over upstream.urls', () => {
      const data = configMap({
        upstream: { urls: ['http://ignored:5001'], headlessService: { name: 'koboldcpp-headless', namespace: 'inference', port: 5002, scheme: 'https' }, discovery: { mode: 'static' } },
      });
      expect(data.KOBOLDCPP_API_URL).toBe('https://koboldcpp-headless.inference.svc.cluster.local:5002');
      expect(data.UPSTREAM_DISCOVERY).toBe('dns');
    });

    it('should render the headless Service in the chart namespace on port 5001 when only upstream.headlessService.name is set', () => {
      expect(configMap({ upstream: { headlessService: { name: 'koboldcpp-headless' } } }).KOBOLDCPP_API_URL).toBe(`http://koboldcpp-headless.${NAMESPACE}.svc.cluster.local:5001`);
      expect(configMap({ namespaceOverride: 'gateway', upstream: { headlessService: { name: 'koboldcpp-headless' } } }).KOBOLDCPP_API_URL).toBe(
        'http://koboldcpp-headless.gateway.svc.cluster.local:5001',
      );
    });

    it('should render UPSTREAM_DISCOVERY, its interval and UPSTREAM_DNS_SERVERS when upstream.discovery is set', () => {
      const data = configMap({ upstream: { url: 'http://koboldcpp:5001', discovery: { mode: 'dns', intervalMs: 2000, dnsServers: ['10.96.0.10', '10.96.0.11:5353'] } } });
      expect(data.UPSTREAM_DISCOVERY).toBe('dns');
      expect(data.UPSTREAM_DISCOVERY_INTERVAL_MS).toBe('2000');
      expect(data.UPSTREAM_DNS_SERVERS).toBe('10.96.0.10,10.96.0.11:5353');
    });

    it('should render REDIS_KEY_PREFIX from redis.keyPrefix when it is set', () => {
      expect(configMap({ redis: { keyPrefix: 'team-a:ai-ticket:' } }).REDIS_KEY_PREFIX).toBe('team-a:ai-ticket:');
    });
  });

  describe('tracing', () => {
    it('should render no OTEL_* variable when tracing.enabled is false (the default)', () => {
      expect(Object.keys(configMap()).filter((name) => name.startsWith('OTEL_'))).toEqual([]);
    });

    it('should render the OTLP exporter, endpoint, protocol, release name and sampler when tracing.enabled is true', () => {
      expect(configMap({ tracing: { enabled: true } })).toMatchObject({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://opentelemetry-collector.observability.svc.cluster.local:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_SERVICE_NAME: expect.stringContaining('ai-ticket'),
        OTEL_TRACES_SAMPLER: 'parentbased_always_on',
      });
      expect(configMap({ tracing: { enabled: true } }).OTEL_TRACES_SAMPLER_ARG).toBeUndefined();
    });

    it('should render the given values when tracing.endpoint, protocol, serviceName, sampler and samplerArg are set', () => {
      const data = configMap({
        tracing: { enabled: true, endpoint: 'https://otel.example.com', protocol: 'http/json', serviceName: 'gateway', sampler: 'parentbased_traceidratio', samplerArg: 0.25 },
      });
      expect(data).toMatchObject({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_SERVICE_NAME: 'gateway',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
      });
    });

    it('should not render when tracing.sampler is not one the service knows', () => {
      expect(() => configMap({ tracing: { enabled: true, sampler: 'sometimes' } })).toThrow(/sampler/);
    });
  });

  describe('upstream slots', () => {
    it('should render UPSTREAM_SLOTS=local when upstream.slots.backend=auto and one pod runs', () => {
      expect(configMap({ replicaCount: 1, autoscaling: { enabled: false, maxReplicas: 5 } }).UPSTREAM_SLOTS).toBe('local');
    });

    it('should render UPSTREAM_SLOTS=redis when upstream.slots.backend=auto and replicaCount > 1', () => {
      expect(configMap({ ...redisSecret, storage: { backend: 'redis' }, replicaCount: 2 }).UPSTREAM_SLOTS).toBe('redis');
    });

    it('should render UPSTREAM_SLOTS=redis when upstream.slots.backend=auto and the autoscaler may run more than one pod', () => {
      expect(configMap({ ...redisSecret, storage: { backend: 'redis' }, replicaCount: 1, autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 2 } }).UPSTREAM_SLOTS).toBe('redis');
    });

    it('should render UPSTREAM_SLOTS=local when upstream.slots.backend=auto and the autoscaler is capped at one pod', () => {
      expect(configMap({ autoscaling: { enabled: true, minReplicas: 1, maxReplicas: 1 } }).UPSTREAM_SLOTS).toBe('local');
    });

    it('should render UPSTREAM_SLOTS=local when upstream.slots.backend=local with several pods', () => {
      expect(configMap({ ...redisSecret, storage: { backend: 'redis' }, replicaCount: 3, upstream: { slots: { backend: 'local' } } }).UPSTREAM_SLOTS).toBe('local');
    });

    it('should render UPSTREAM_SLOTS=redis when upstream.slots.backend=redis with one pod', () => {
      expect(configMap({ ...redisSecret, upstream: { slots: { backend: 'redis' } } }).UPSTREAM_SLOTS).toBe('redis');
    });

    it('should render the lease and fail mode when upstream.slots.leaseMs and failMode are set', () => {
      const data = configMap({ upstream: { slots: { leaseMs: 600000, failMode: 'closed' } } });
      expect(data.UPSTREAM_SLOT_LEASE_MS).toBe('600000');
      expect(data.UPSTREAM_SLOTS_FAIL_MODE).toBe('closed');
    });
  });
});
