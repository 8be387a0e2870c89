import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describeWithK8sTools, requireK8sTools } from '../../../test/packaging/support/k8s-tools';
import { CHART_DIR, ROOT } from '../../../test/packaging/support/paths';

const chart = parse(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8')) as Record<string, string>;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('Chart.yaml', () => {
  it('should be an application chart at version 0.4.0 with appVersion equal to package.json version', () => {
    expect(chart.apiVersion).toBe('v2');
    expect(chart.type).toBe('application');
    expect(chart.version).toBe('0.4.0');
    expect(chart.appVersion).toBe(pkg.version);
  });

  it('should have no dependencies (no vendor library chart)', () => {
    expect(chart.dependencies).toBeUndefined();
  });

  it('should have the house-style template files and ci scenarios', () => {
    const templates = readdirSync(join(CHART_DIR, 'templates'));
    for (const file of ['_helpers.tpl', 'deployment.yaml', 'service.yaml', 'ingress.yaml', 'servicemonitor.yaml', 'pvc.yaml', 'configmap.yaml', 'secret.yaml', 'serviceaccount.yaml', 'pdb.yaml', 'networkpolicy.yaml', 'hpa.yaml', 'prometheusrule.yaml', 'grafana-dashboard.yaml', 'NOTES.txt']) {
      expect(templates).toContain(file);
    }
    expect(readdirSync(join(CHART_DIR, 'templates/tests'))).toEqual(['test-connection.yaml']);
    expect(readdirSync(join(CHART_DIR, 'ci')).sort()).toEqual(
      ['autoscaling', 'default', 'fleet', 'ingress-tls', 'redis', 'servicemonitor', 'sqlite-persistence', 'tracing'].map((name) => `${name}-values.yaml`),
    );
  });

  it('should document every helper with a one-line comment', () => {
    const helpers = readFileSync(join(CHART_DIR, 'templates/_helpers.tpl'), 'utf8');
    const defines = [...helpers.matchAll(/\{\{-? define "([^"]+)" -?\}\}/g)].map((match) => match[1]);
    for (const name of ['name', 'fullname', 'chart', 'namespace', 'labels', 'selectorLabels', 'serviceAccountName', 'validateValues']) {
      expect(defines).toContain(`ai-ticket.${name}`);
    }
    for (const name of defines) expect(helpers).toMatch(new RegExp(`\\*/\\}\\}\\n\\{\\{- define "${name.replace('.', '\\.')}"`));
  });
});

describeWithK8sTools('helm package', () => {
  it('should package the chart with its test hook but without the Jest specs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ai-ticket-package-'));
    try {
      const result = spawnSync(requireK8sTools().helm, ['package', CHART_DIR, '--destination', dir], { encoding: 'utf8', env: { HOME: dir } });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const archive = join(dir, 'ai-ticket-0.4.0.tgz');
      const files = spawnSync('tar', ['-tzf', archive], { encoding: 'utf8' }).stdout.trim().split('\n');
      expect(files).toContain('ai-ticket/templates/tests/test-connection.yaml');
      expect(files).toContain('ai-ticket/values.schema.json');
      expect(files).toContain('ai-ticket/README.md');
      expect(files).toContain('ai-ticket/dashboards/ai-ticket.json');
      expect(files.filter((file) => file.startsWith('ai-ticket/tests/'))).toEqual([]);
      expect(files.filter((file) => file.endsWith('.ts'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
