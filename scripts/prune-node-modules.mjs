#!/usr/bin/env node
// Deletes from a production node_modules what the service never loads at run time, to keep the image small
// (the Dockerfile's prod-deps stage runs it before node_modules is copied into the runtime image):
// - source maps, TypeScript sources and declarations (.ts, .d.ts, .mts, .cts), Markdown (READMEs, changelogs);
// - the docs, tests, examples and benchmarks folders packages ship;
// - in native addons (a package with binding.gyp): the C/C++ sources and vendored libraries, and every build
//   leftover under build/ except the compiled .node binary that Node loads;
// - packages used only to compile addons (header-only node-addon-api, node-gyp).
// License files are kept. Usage: node scripts/prune-node-modules.mjs <node_modules> (prints what it freed).
import { existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const FILE_PATTERNS = [/\.map$/, /\.(d\.)?[mc]?ts$/, /\.(md|markdown)$/i];
const DIRS = new Set(['test', 'tests', '__tests__', 'doc', 'docs', 'example', 'examples', 'benchmark', 'benchmarks', 'coverage', '.github']);
const BUILD_ONLY_PACKAGES = ['node-addon-api', 'node-gyp'];
const isLicense = (name) => /^(licen[cs]e|copying|notice)/i.test(name);

/** Bytes under a path (files only; symlinks count as nothing). */
function sizeOf(path) {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.isFile() ? stat.size : 0;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

function hasJs(dir) {
  return readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? hasJs(join(dir, e.name)) : /\.[cm]?js$/.test(e.name)));
}

/** Everything in a native addon's build/ except the .node binaries (and the folders leading to them). */
function pruneBuildDir(dir, remove) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      pruneBuildDir(path, remove);
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
    } else if (!entry.name.endsWith('.node')) {
      remove(path);
    }
  }
}

function prunePackage(dir, remove) {
  if (existsSync(join(dir, 'binding.gyp'))) {
    // C/C++ sources and vendored libraries: only node-gyp read them. A folder holding JavaScript is kept.
    for (const name of ['src', 'deps']) if (existsSync(join(dir, name)) && !hasJs(join(dir, name))) remove(join(dir, name));
    if (existsSync(join(dir, 'build'))) pruneBuildDir(join(dir, 'build'), remove);
  }
}

/** A node_modules folder: every entry is a package, or an @scope folder of packages. */
function walkNodeModules(dir, remove) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    if (entry.name.startsWith('@')) walkNodeModules(path, remove);
    else if (entry.name !== '.bin') {
      prunePackage(path, remove);
      walkPackageFiles(path, remove);
    }
  }
}

/** A package's own files, at any depth; nested node_modules folders are walked as such. */
function walkPackageFiles(dir, remove) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (!existsSync(path)) continue; // already removed with its addon sources
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules') walkNodeModules(path, remove);
      else if (DIRS.has(entry.name)) remove(path);
      else walkPackageFiles(path, remove);
    } else if (entry.isFile() && !isLicense(entry.name) && FILE_PATTERNS.some((p) => p.test(entry.name))) {
      remove(path);
    }
  }
}

/** Prunes `nodeModules` in place; returns the bytes and entries removed. */
export function pruneNodeModules(nodeModules) {
  const freed = { bytes: 0, entries: 0 };
  const remove = (path) => {
    freed.bytes += sizeOf(path);
    freed.entries += 1;
    rmSync(path, { recursive: true, force: true });
  };
  for (const name of BUILD_ONLY_PACKAGES) if (existsSync(join(nodeModules, name))) remove(join(nodeModules, name));
  walkNodeModules(nodeModules, remove);
  return freed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const target = process.argv[2];
  if (!target || !existsSync(target)) {
    process.stderr.write('usage: prune-node-modules.mjs <node_modules>\n');
    process.exit(2);
  }
  const { bytes, entries } = pruneNodeModules(target);
  process.stdout.write(`prune-node-modules: removed ${entries} files and folders, ${(bytes / 1e6).toFixed(1)} MB\n`);
}
