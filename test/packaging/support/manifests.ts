import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT, VALIDATOR } from './paths';

/** A rendered Kubernetes object, loosely typed: specs dig into it with optional chaining. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; [key: string]: any }; [key: string]: any };

/** Parses multi-document YAML into objects, skipping empty documents. */
export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`invalid YAML: ${doc.errors[0].message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((object): object is K8sObject => object !== null && object !== undefined);
}

/** The one object of `kind` (and `name`, if given); throws when there is none or more than one. */
export function findOne(objects: K8sObject[], kind: string, name?: string): K8sObject {
  const matches = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (matches.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${matches.length}`);
  return matches[0];
}

export function findAll(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind);
}

export interface ValidationReport {
  valid: boolean;
  documents: number;
  kinds: string[];
  problems: string[];
}

/** Runs scripts/validate-k8s-manifests.mjs (kubernetes-models schemas + unknown-field check) over YAML text. */
export function validateManifests(yamlText: string): ValidationReport {
  const dir = mkdtempSync(join(tmpdir(), 'ai-ticket-validate-'));
  try {
    const file = join(dir, 'manifests.yaml');
    writeFileSync(file, yamlText);
    const result = spawnSync(process.execPath, [VALIDATOR, '--json', file], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    const line = result.stdout.trim().split('\n').pop();
    if (!line) throw new Error(`validator printed nothing: ${result.stderr}`);
    return JSON.parse(line) as ValidationReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
