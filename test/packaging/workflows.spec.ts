import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { ROOT } from './support/paths';

type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string> };
type Job = { 'runs-on': string; steps: Step[]; permissions?: Record<string, string>; if?: string; needs?: string | string[]; container?: string };
type Workflow = { name: string; on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };

const WORKFLOW_DIR = join(ROOT, '.github/workflows');
/** Publishers whose actions we accept: GitHub's own and Docker's. Everything else is a shell step. */
const TRUSTED_ACTION = /^(actions\/(checkout|setup-node)|docker\/(setup-buildx-action|setup-qemu-action|login-action|metadata-action|build-push-action))@v\d+$/;

function load(file: string): Workflow {
  const doc = parseDocument(readFileSync(join(WORKFLOW_DIR, file), 'utf8'));
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
  return doc.toJS() as Workflow;
}
const files = readdirSync(WORKFLOW_DIR).filter((file) => /\.ya?ml$/.test(file)).sort();
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

describe('.github/workflows', () => {
  it('should hold the CI and release workflows', () => {
    expect(files).toEqual(['ci.yml', 'release.yml']);
  });

  describe.each(files)('%s', (file) => {
    const workflow = load(file);

    it('should parse as a workflow with a name, triggers and jobs made of steps', () => {
      expect(typeof workflow.name).toBe('string');
      expect(Object.keys(workflow.on).length).toBeGreaterThan(0);
      for (const [id, job] of Object.entries(workflow.jobs)) {
        expect({ id, runsOn: typeof job['runs-on'] }).toEqual({ id, runsOn: 'string' });
        expect(job.steps.length).toBeGreaterThan(0);
        for (const step of job.steps) expect(Number(step.uses !== undefined) + Number(step.run !== undefined)).toBe(1);
      }
    });

    it('should use only well-known actions, pinned to a major version', () => {
      const used = steps(workflow).flatMap((step) => (step.uses ? [step.uses] : []));
      expect(used.filter((uses) => !TRUSTED_ACTION.test(uses))).toEqual([]);
    });

    it('should default to read-only permissions and widen them per job only', () => {
      expect(workflow.permissions).toEqual({ contents: 'read' });
    });

    it('should never interpolate event data into shell scripts (script injection)', () => {
      expect(steps(workflow).filter((step) => step.run?.includes('${{ github.event.'))).toEqual([]);
    });

    it('should only run npm scripts that package.json defines', () => {
      const runs = steps(workflow).flatMap((step) => [...(step.run ?? '').matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]));
      expect(runs.filter((name) => !scripts.includes(name))).toEqual([]);
    });
  });

  describe('ci.yml', () => {
    const ci = load('ci.yml');

    it('should run on pull requests and pushes to main', () => {
      expect(ci.on).toEqual({ push: { branches: ['main'] }, pull_request: null });
    });

    it('should run .ci/run itself, so CI and the local checks cannot drift apart', () => {
      expect(ci.jobs.test.steps.map((step) => step.run).filter(Boolean)).toEqual(['bash .ci/run']);
      expect(ci.jobs.test.container).toMatch(/^node:24-/);
    });

    it('should fail when the chart README is not regenerated', () => {
      const run = ci.jobs.chart.steps.map((step) => step.run ?? '').join('\n');
      expect(run).toContain('npm run chart:readme');
      expect(run).toContain('git diff --exit-code charts/ai-ticket/README.md');
      expect(run).toContain('npm run chart:check');
    });

    it('should build the image with Buildx and push only on pushes to main, never on pull requests', () => {
      const image = ci.jobs.image.steps;
      expect(image.some((step) => step.uses?.startsWith('docker/setup-buildx-action@'))).toBe(true);
      const builds = image.filter((step) => step.uses?.startsWith('docker/build-push-action@'));
      expect(builds[0].with?.push).toBe(false);
      for (const step of image.filter((s) => s.with?.push === true || s.uses?.startsWith('docker/login-action@'))) {
        expect(step.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
      }
    });

    it('should smoke-test the built image read-only and check that SIGTERM exits 0', () => {
      const smoke = ci.jobs.image.steps.find((step) => step.name?.startsWith('Smoke test'))?.run ?? '';
      expect(smoke).toContain('--read-only');
      expect(smoke).toContain('/healthz');
      expect(smoke).toContain('/dashboard/');
      expect(smoke).toContain('{{.State.ExitCode}}');
    });
  });

  describe('release.yml', () => {
    const release = load('release.yml');

    it('should run on version tags only', () => {
      expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
    });

    it('should check the tag against package.json and push a multi-arch image to GHCR', () => {
      const image = release.jobs.image;
      expect(image.permissions).toEqual({ contents: 'read', packages: 'write' });
      expect(image.steps.map((step) => step.run ?? '').join('\n')).toContain('require("./package.json").version');
      const build = image.steps.find((step) => step.uses?.startsWith('docker/build-push-action@'));
      expect(build?.with).toMatchObject({ push: true, platforms: 'linux/amd64,linux/arm64' });
      expect(image.steps.find((step) => step.uses?.startsWith('docker/login-action@'))?.with?.registry).toBe('ghcr.io');
    });

    it('should package the chart and push it to GHCR as an OCI artifact after the image', () => {
      const chart = release.jobs.chart;
      expect(chart.needs).toBe('image');
      const run = chart.steps.map((step) => step.run ?? '').join('\n');
      expect(run).toContain('helm lint --strict charts/ai-ticket');
      expect(run).toContain('helm package charts/ai-ticket');
      expect(run).toMatch(/helm push .*oci:\/\/ghcr\.io\//);
    });
  });
});
