import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireK8sTools } from './k8s-tools';
import { parseManifests, type K8sObject } from './manifests';
import { CHART_DIR, ROOT } from './paths';

export const RELEASE = 'demo';
export const NAMESPACE = 'llm';
/** Resource name prefix of RELEASE. */
export const FULLNAME = `${RELEASE}-ai-ticket`;

export interface HelmResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs helm with the given values (written to a temp file, passed with -f) and extra arguments. */
export function helm(args: string[], values: object = {}, valuesFiles: string[] = []): HelmResult {
  const { helm: binary } = requireK8sTools();
  const dir = mkdtempSync(join(tmpdir(), 'ai-ticket-helm-'));
  try {
    const valuesFile = join(dir, 'values.json');
    writeFileSync(valuesFile, JSON.stringify(values));
    const fileArgs = [...valuesFiles, valuesFile].flatMap((file) => ['-f', file]);
    // No cluster here: an empty kubeconfig makes sure nothing is ever contacted.
    const result = spawnSync(binary, [...args, ...fileArgs], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { HOME: dir, KUBECONFIG: join(dir, 'kubeconfig'), HELM_CACHE_HOME: dir, HELM_CONFIG_HOME: dir, HELM_DATA_HOME: dir },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const renders = new Map<string, K8sObject[]>();

/** `helm template` of the chart as `release` (RELEASE by default) in NAMESPACE; throws with helm's message on failure. Memoised. */
export function renderChart(values: object = {}, valuesFiles: string[] = [], release = RELEASE): K8sObject[] {
  const key = JSON.stringify([values, valuesFiles, release]);
  const cached = renders.get(key);
  if (cached) return cached;
  const result = helm(['template', release, CHART_DIR, '--namespace', NAMESPACE], values, valuesFiles);
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr.trim()}`);
  const objects = parseManifests(result.stdout);
  renders.set(key, objects);
  return objects;
}

/** helm's error message when rendering with `values` fails, or undefined when it renders. */
export function renderError(values: object): string | undefined {
  const result = helm(['template', RELEASE, CHART_DIR, '--namespace', NAMESPACE], values);
  return result.status === 0 ? undefined : result.stderr;
}

/** NOTES.txt as `helm install --dry-run=client` prints it (helm template does not render NOTES). */
export function renderNotes(values: object = {}, release = RELEASE, namespace = NAMESPACE): string {
  const result = helm(['install', release, CHART_DIR, '--namespace', namespace, '--dry-run=client'], values);
  if (result.status !== 0) throw new Error(`helm install --dry-run failed: ${result.stderr.trim()}`);
  const notes = result.stdout.split('\nNOTES:\n')[1];
  if (notes === undefined) throw new Error('no NOTES in helm install --dry-run output');
  return notes;
}
