import { join } from 'node:path';

/** Repository root. */
export const ROOT = join(__dirname, '../../..');
export const CHART_DIR = join(ROOT, 'charts/ai-ticket');
export const CHART_CI_DIR = join(CHART_DIR, 'ci');
export const K8S_DIR = join(ROOT, 'k8s');
export const VALIDATOR = join(ROOT, 'scripts/validate-k8s-manifests.mjs');
