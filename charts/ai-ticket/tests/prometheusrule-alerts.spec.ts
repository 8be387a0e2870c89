import { ErrorCode, httpStatusFor } from '@ai-ticket/errors';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findOne } from '../../../test/packaging/support/manifests';
import { CHART_DIR, ROOT } from '../../../test/packaging/support/paths';

const TESTS_DIR = join(CHART_DIR, 'tests/alerts');
const promtoolAvailable = spawnSync('promtool', ['--version']).status === 0;
if (!promtoolAvailable) console.warn('Skipping the alert unit tests: promtool is not installed (scripts/install-test-tools.sh installs it).');

type Rule = { alert: string; expr: string; annotations?: Record<string, string> };
type Group = { name: string; rules: Rule[] };
const groups = (): Group[] => findOne(renderChart({ metrics: { prometheusRule: { enabled: true } } }), 'PrometheusRule').spec.groups;
const exprOf = (alert: string) => groups()[0].rules.find((rule) => rule.alert === alert)?.expr ?? '';
const codesIn = (expr: string) => new Set(/error_code=~"([^"]+)"/.exec(expr)?.[1].split('|'));

describeWithK8sTools('PrometheusRule alerts', () => {
  // Skipped only when promtool is missing (reason printed above).
  (promtoolAvailable ? it : it.skip)('should pass every `promtool test rules` file in tests/alerts/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ai-ticket-alerts-'));
    try {
      // Annotations are template text (checked in prometheusrule.spec.ts); promtool checks what fires, with which labels.
      const rules = groups().map((group) => ({ ...group, rules: group.rules.map(({ annotations: _annotations, ...rule }) => rule) }));
      writeFileSync(join(dir, 'rules.yaml'), stringify({ groups: rules }));
      const files = readdirSync(TESTS_DIR).filter((file) => file.endsWith('.test.yaml'));
      for (const file of files) copyFileSync(join(TESTS_DIR, file), join(dir, file));

      const result = spawnSync('promtool', ['test', 'rules', ...files], { cwd: dir, encoding: 'utf8' });

      expect({ status: result.status, output: result.status === 0 ? '' : `${result.stdout}${result.stderr}` }).toEqual({ status: 0, output: '' });
      expect(files.length).toBeGreaterThanOrEqual(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should count as server-side exactly the error codes answered with 5xx', () => {
    const serverCodes = Object.values(ErrorCode).filter((code) => httpStatusFor(code) >= 500);

    expect(codesIn(exprOf('AiTicketHighServerErrorRatio'))).toEqual(new Set(serverCodes));
  });

  it('should count as client mistakes exactly the error codes answered with 4xx', () => {
    const clientCodes = Object.values(ErrorCode).filter((code) => httpStatusFor(code) < 500);

    expect(codesIn(exprOf('AiTicketHighClientErrorRatio'))).toEqual(new Set(clientCodes));
  });
});

describeWithK8sTools('PrometheusRule alerts documentation', () => {
  const docs = ['docs/operations.md', 'README.md', 'charts/ai-ticket/README.md'].map((file) => [file, readFileSync(join(ROOT, file), 'utf8')] as const);

  it.each(docs)('should name every alert in %s', (_file, text) => {
    for (const { alert } of groups()[0].rules) expect({ alert, documented: text.includes(`\`${alert}\``) }).toEqual({ alert, documented: true });
  });
});
