import { mkdtempSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A directory laid out the way the kubelet mounts a Secret: `tokens -> ..data/tokens`,
 * `..data -> ..<timestamp>/`, and an update that swaps `..data` atomically with a rename.
 */
export class K8sSecretDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'ai-ticket-secret-'));
  readonly file = join(this.dir, 'tokens');
  private version = 0;

  constructor(content: string) {
    this.writeVersion(content, '..data');
    symlinkSync('..data/tokens', this.file);
  }

  /** Publishes new content exactly as the kubelet does: new dir, temp symlink, atomic rename. */
  update(content: string): void {
    this.writeVersion(content, '..data_tmp');
    renameSync(join(this.dir, '..data_tmp'), join(this.dir, '..data'));
  }

  /** Removes the data behind the link, as when a Secret is deleted. */
  breakLink(): void {
    rmSync(join(this.dir, '..data'));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private writeVersion(content: string, link: string): void {
    this.version += 1;
    const versionDir = `..2026_11_22_${this.version}`;
    mkdirSync(join(this.dir, versionDir));
    writeFileSync(join(this.dir, versionDir, 'tokens'), content);
    symlinkSync(versionDir, join(this.dir, link));
  }
}
