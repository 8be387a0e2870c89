import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './support/paths';

const SCRIPT = join(ROOT, 'scripts/prune-node-modules.mjs');

/** What a production node_modules holds: files the service loads, and files it never does. */
const KEPT = [
  'pino/package.json',
  'pino/pino.js',
  'pino/lib/tools.js',
  'pino/LICENSE',
  '@nestjs/core/index.js',
  '@nestjs/core/LICENSE.md',
  'sqlite3/package.json',
  'sqlite3/binding.gyp',
  'sqlite3/lib/sqlite3.js',
  'sqlite3/build/Release/node_sqlite3.node',
  'undici/node_modules/tiny/index.js',
  'some-addon/package.json',
  'some-addon/binding.gyp',
  'some-addon/src/loader.js',
];
const REMOVED = [
  'pino/README.md',
  'pino/docs/api.md',
  'pino/test/basic.test.js',
  'pino/pino.d.ts',
  'pino/lib/tools.js.map',
  '@nestjs/core/index.d.ts',
  '@nestjs/core/CHANGELOG.md',
  'rxjs/src/index.ts',
  'sqlite3/src/database.cc',
  'sqlite3/deps/sqlite-autoconf.tar.gz',
  'sqlite3/build/Release/obj.target/node_sqlite3/src/database.o',
  'sqlite3/build/Makefile',
  'sqlite3/build/config.gypi',
  'node-addon-api/napi.h',
  'undici/node_modules/tiny/examples/demo.js',
  'typeorm/index.mts',
];

describe('scripts/prune-node-modules.mjs', () => {
  let nodeModules: string;
  let output: string;

  beforeAll(() => {
    nodeModules = join(mkdtempSync(join(tmpdir(), 'ai-ticket-prune-')), 'node_modules');
    for (const file of [...KEPT, ...REMOVED]) {
      mkdirSync(dirname(join(nodeModules, file)), { recursive: true });
      writeFileSync(join(nodeModules, file), 'x'.repeat(100));
    }
    output = execFileSync(process.execPath, [SCRIPT, nodeModules], { encoding: 'utf8' });
  });

  afterAll(() => rmSync(dirname(nodeModules), { recursive: true, force: true }));

  it('should keep what the service loads: JavaScript, package.json, licenses and the compiled .node binary', () => {
    expect(KEPT.filter((file) => !existsSync(join(nodeModules, file)))).toEqual([]);
  });

  it('should remove docs, tests, examples, source maps, TypeScript, addon sources and build leftovers', () => {
    expect(REMOVED.filter((file) => existsSync(join(nodeModules, file)))).toEqual([]);
    expect(existsSync(join(nodeModules, 'sqlite3/build/Release/obj.target'))).toBe(false);
  });

  it('should say how much it freed', () => {
    expect(output).toMatch(/^prune-node-modules: removed \d+ files and folders, [\d.]+ MB\n$/);
  });

  it('should refuse to run without a node_modules folder', () => {
    expect(() => execFileSync(process.execPath, [SCRIPT, join(nodeModules, 'missing')], { stdio: 'pipe' })).toThrow();
  });
});
