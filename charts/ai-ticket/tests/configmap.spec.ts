import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findOne } from '../../../test/packaging/support/manifests';
import { ROOT } from '../../../test/packaging/support/paths';

/** Variables of the README's Configuration table that the chart deliberately does not set, and why. */
const NOT_SET_BY_CHART: Record<string, string> = {
  AI_TICKET_AUTH_TOKEN: 'tokens come from the mounted file (AI_TICKET_AUTH_TOKEN_FILE), never from the environment',
  DASHBOARD_DIR: "the image's default (dist/dashboard under WORKDIR) is where the build puts it",
  UPSTREAM_API_KEY: 'a Secret, set in the Deployment env (see deployment.spec.ts)',
  REDIS_URL: 'a Secret, set in the Deployment env when storage.backend=redis',
  DATABASE_URL: 'a Secret, set in the Deployment env when history.backend=postgres',
};

function readmeVariables(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('\n## Configuration\n')[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((match) => match[1]);
}

function configMap(values: object = {}): Record<string, string> {
  return findOne(renderChart(values), 'ConfigMap').data;
}

describeWithK8sTools('templates/configmap.yaml', () => {
  it('should set every variable of the README Configuration table, or have a reason not to', () => {
    const variables = readmeVariables();
    expect(variables.length).toBeGreaterThan(30);
    const data = configMap({ upstream: { model: 'llama' } });
    const missing = variables.filter((name) => !(name in data) && !(name in NOT_SET_BY_CHART));
    expect(missing).toEqual([]);
  });

  it('should only set variables that the README documents', () => {
    const documented = new Set(readmeVariables());
    expect(Object.keys(configMap({ upstream: { model: 'llama' } })).filter((name) => !documented.has(name))).toEqual([]);
  });

  it('should pass TRUST_PROXY_COUNT through from config.trustProxyCount', () => {
    expect(configMap().TRUST_PROXY_COUNT).toBe('0');
    expect(configMap({ config: { trustProxyCount: 2 } }).TRUST_PROXY_COUNT).toBe('2');
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
  });
});
