import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { FULLNAME, renderChart } from '../../../test/packaging/support/helm';
import { describeWithK8sTools } from '../../../test/packaging/support/k8s-tools';
import { findOne } from '../../../test/packaging/support/manifests';
import { CHART_DIR, ROOT } from '../../../test/packaging/support/paths';

const GENERATOR = join(ROOT, 'node_modules/@bitnami/readme-generator-for-helm/bin/index.js');

/** Runs readme-generator-for-helm on copies of values.yaml and README.md; returns the regenerated README. */
function regenerate(valuesText: string): { status: number | null; readme: string; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ai-ticket-readme-'));
  try {
    writeFileSync(join(dir, 'values.yaml'), valuesText);
    copyFileSync(join(CHART_DIR, 'README.md'), join(dir, 'README.md'));
    const result = spawnSync(process.execPath, [GENERATOR, '--values', join(dir, 'values.yaml'), '--readme', join(dir, 'README.md')], { encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, readme: readFileSync(join(dir, 'README.md'), 'utf8'), output: result.stdout + result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('charts/ai-ticket/README.md', () => {
  const values = readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8');

  it('should equal what readme-generator-for-helm makes of values.yaml (run `npm run chart:readme` after editing values)', () => {
    const sut = regenerate(values);
    expect(sut.status).toBe(0);
    expect(sut.readme).toBe(readFileSync(join(CHART_DIR, 'README.md'), 'utf8'));
  });

  it('should fail the generator when a value has no @param comment', () => {
    const sut = regenerate(`${values}\nundocumented: true\n`);
    expect(sut.status).not.toBe(0);
    expect(sut.output).toContain('undocumented');
  });
});

describeWithK8sTools('charts/ai-ticket/README.md "Upstream fleet"', () => {
  const readme = readFileSync(join(CHART_DIR, 'README.md'), 'utf8');
  const section = readme.split('\n## Upstream fleet\n')[1]?.split('\n## ')[0] ?? '';
  const snippets = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => parse(match[1]) as object);

  it('should render the headless-Service recipe into DNS discovery and Redis slots when its values are used', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(2);
    const data = findOne(renderChart(snippets[0]), 'ConfigMap').data;
    expect(section).toContain(`KOBOLDCPP_API_URL=${data.KOBOLDCPP_API_URL}`);
    expect(data).toMatchObject({ UPSTREAM_DISCOVERY: 'dns', UPSTREAM_SLOTS: 'redis' });
  });

  it('should render the NetworkPolicy example when it is added to the recipe', () => {
    const policy = findOne(renderChart({ ...snippets[0], ...snippets[1] }), 'NetworkPolicy');
    expect(policy.spec.egress.some((rule: { ports?: Array<{ port: number }> }) => rule.ports?.some((port) => port.port === 5001))).toBe(true);
  });
});

describeWithK8sTools('charts/ai-ticket/README.md "API tokens"', () => {
  const readme = readFileSync(join(CHART_DIR, 'README.md'), 'utf8');
  const section = readme.split('\n## API tokens\n')[1]?.split('\n## ')[0] ?? '';
  const snippet = parse(/```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '') as object;

  it('should render the token-budget example into budget=N token lines and the TOKEN_BUDGET* variables', () => {
    const manifests = renderChart(snippet);
    const tokens = Buffer.from(findOne(manifests, 'Secret', `${FULLNAME}-tokens`).data.tokens, 'base64').toString('utf8');
    expect(tokens).toBe('ci=replace-with-a-random-token-1 budget=200000\nbatch=replace-with-a-random-token-2 budget=5000000\nadmin=replace-with-a-random-token-3\n');
    expect(section).toContain('ci=replace-with-a-random-token-1 budget=200000');
    expect(findOne(manifests, 'ConfigMap').data).toMatchObject({ TOKEN_BUDGET: '1000000', TOKEN_BUDGET_WINDOW_SECONDS: '86400', TOKEN_BUDGET_COMPLETION_RESERVE: '512' });
  });
});
