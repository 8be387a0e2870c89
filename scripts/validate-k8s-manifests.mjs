// Validates Kubernetes manifests offline, the way kubeconform --strict would, with schemas from npm.
//
// Usage: node scripts/validate-k8s-manifests.mjs [--json] <file.yaml|->...
//
// Every document must be a kind we have a schema for (kubernetes-models for the built-in API groups,
// @kubernetes-models/prometheus-operator for ServiceMonitor and PrometheusRule), and it is checked twice:
//  1. against the OpenAPI schema of its kind (types, required fields, enums, formats), compiled by
//     kubernetes-models into `Model#validate()`;
//  2. for unknown fields, which those schemas let through: every object is type-checked as a TypeScript
//     object literal of the kind's interface, so a misspelt key (`readinesProbe`) is an excess-property error
//     at whatever depth it sits.
// Exit status 0 when all documents pass, 1 otherwise (each problem printed as `<source> #<n> <Kind>/<name>: ...`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** npm package that models an API group (the core group has no name). */
function packageFor(group) {
  if (group === 'monitoring.coreos.com') return '@kubernetes-models/prometheus-operator';
  if (group === '' || group.endsWith('.k8s.io') || !group.includes('.')) return 'kubernetes-models';
  return undefined;
}

/** Module path of a kind: `<package>/<group>/<version>/<Kind>`, or `<package>/<version>/<Kind>` for the core group. */
function modelPath(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const pkg = packageFor(group);
  if (!pkg) return undefined;
  return group ? `${pkg}/${group}/${version}/${kind}` : `${pkg}/${version}/${kind}`;
}

async function readDocuments(sources) {
  const documents = [];
  for (const source of sources) {
    const text = source === '-' ? readFileSync(0, 'utf8') : readFileSync(source, 'utf8');
    let index = 0;
    for (const doc of parseAllDocuments(text)) {
      index++;
      if (doc.errors.length > 0) {
        documents.push({ source, index, error: `YAML: ${doc.errors[0].message}` });
        continue;
      }
      const object = doc.toJS();
      if (object === null || object === undefined) continue;
      normaliseBase64(object);
      documents.push({ source, index, object });
    }
  }
  return documents;
}

/**
 * kubectl kustomize wraps long base64 values over several lines. The API server decodes them with Go's
 * encoding/base64, which ignores \r and \n; the schema's "byte" format does not, so drop them first.
 */
function normaliseBase64(object) {
  if (object.kind !== 'Secret' && object.kind !== 'ConfigMap') return;
  const field = object.kind === 'Secret' ? 'data' : 'binaryData';
  for (const [key, value] of Object.entries(object[field] ?? {})) {
    if (typeof value === 'string') object[field][key] = value.replace(/[\r\n]/g, '');
  }
}

function label(doc) {
  const kind = doc.object?.kind ?? '?';
  const name = doc.object?.metadata?.name ?? '?';
  return `${doc.source} #${doc.index} ${kind}/${name}`;
}

/** Pass 1: the compiled OpenAPI schema of each kind. */
async function validateSchemas(documents, problems) {
  for (const doc of documents) {
    if (doc.error) {
      problems.push(`${doc.source} #${doc.index}: ${doc.error}`);
      continue;
    }
    const { apiVersion, kind } = doc.object;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      problems.push(`${label(doc)}: apiVersion and kind are required`);
      continue;
    }
    const path = modelPath(apiVersion, kind);
    let Model;
    try {
      Model = path && (await import(path))[kind];
    } catch {
      Model = undefined;
    }
    if (typeof Model !== 'function') {
      problems.push(`${label(doc)}: no schema for ${apiVersion} ${kind}`);
      continue;
    }
    doc.modelPath = path;
    try {
      new Model(doc.object).validate();
    } catch (error) {
      problems.push(`${label(doc)}: ${error.message}`);
    }
  }
}

/** Pass 2: unknown fields, as TypeScript excess-property errors against each kind's interface. */
function validateKnownFields(documents, problems) {
  const checked = documents.filter((doc) => doc.modelPath);
  if (checked.length === 0) return;
  const lines = [];
  const lineToDoc = [];
  checked.forEach((doc, n) => {
    lines.push(`import type { I${doc.object.kind} as T${n} } from '${doc.modelPath}';`);
    lineToDoc.push(undefined);
  });
  checked.forEach((doc, n) => {
    const body = JSON.stringify(doc.object, null, 1).split('\n');
    body[0] = `export const d${n}: T${n} = ${body[0]}`;
    for (const line of body) {
      lines.push(line);
      lineToDoc.push(doc);
    }
    lines[lines.length - 1] += ';';
  });

  // A virtual file at the repository root, so that node_modules resolves as for any project file.
  const fileName = join(root, '.validate-k8s-manifests.virtual.ts');
  const options = {
    noEmit: true,
    strict: false, // `null` is a legal value for optional Kubernetes fields
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    // Node10 resolution reaches each kind's .d.ts directly (the packages' export maps only expose group indexes,
    // which would load every kind of the group).
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const source = lines.join('\n');
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === fileName ? ts.createSourceFile(name, source, languageVersion, true) : getSourceFile(name, languageVersion, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === fileName ? source : readFile(name));

  const program = ts.createProgram([fileName], options, host);
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (!diagnostic.file || diagnostic.file.fileName !== fileName) {
      problems.push(`type check: ${message}`);
      continue;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const doc = lineToDoc[line];
    problems.push(`${doc ? label(doc) : 'type check'}: ${message} (near: ${lines[line].trim().slice(0, 80)})`);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const sources = args.filter((arg) => arg !== '--json');
  if (sources.length === 0) {
    console.error('usage: validate-k8s-manifests.mjs [--json] <file.yaml|->...');
    process.exit(64);
  }
  const documents = await readDocuments(sources);
  const problems = [];
  await validateSchemas(documents, problems);
  validateKnownFields(documents, problems);
  const kinds = documents.filter((doc) => doc.object).map((doc) => `${doc.object.apiVersion}/${doc.object.kind}`);
  if (json) process.stdout.write(`${JSON.stringify({ valid: problems.length === 0, documents: kinds.length, kinds, problems })}\n`);
  else if (problems.length === 0) console.log(`validate-k8s-manifests: ${kinds.length} objects valid`);
  for (const problem of problems) console.error(problem);
  process.exit(problems.length === 0 ? 0 : 1);
}

await main();
