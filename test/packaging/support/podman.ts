import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './paths';

/**
 * The flags this kind of machine needs (docs/container-image.md): buildah's chroot isolation and the host
 * network for the build, runc for the run (crun refuses hybrid cgroups), and ulimits no higher than the
 * process already has (without CAP_SYS_RESOURCE they can only be lowered).
 */
export const ULIMITS = ['--ulimit', 'nofile=4096:4096', '--ulimit', 'nproc=4096:4096'];
export const BUILD_FLAGS = ['--isolation', 'chroot', '--network', 'host', ...ULIMITS, '--format', 'docker'];
export const RUN_FLAGS = ['--runtime', 'runc', '--network', 'host', ...ULIMITS];

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function podman(args: string[], timeoutMs = 60_000): CommandResult {
  const result = spawnSync('podman', args, { encoding: 'utf8', timeout: timeoutMs });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? result.error?.message ?? '' };
}

/** Why podman cannot build and run images here, or undefined when it can (root, podman, runc, a working store). */
export function podmanUnavailableReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (the stand-in base is made with debootstrap)';
  for (const tool of ['podman', 'runc', 'debootstrap']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool} || test -x /usr/sbin/${tool}`], { encoding: 'utf8' });
    if (found.status !== 0) return `${tool} is not installed (scripts/install-test-tools.sh installs it as root on Debian)`;
  }
  const info = podman(['info', '--format', '{{.Store.GraphDriverName}}']);
  if (info.status !== 0) return `podman info failed: ${info.stderr.trim().split('\n').pop()}`;
  return undefined;
}

/** Runs a long command asynchronously (builds take minutes; spawnSync would block Jest's timers). */
export function runAsync(command: string, args: string[], timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** The stand-in for node:24-bookworm-slim (built once per version of the script). */
export async function standInNodeImage(): Promise<string> {
  const result = await runAsync('bash', [join(ROOT, 'test/packaging/stand-in-node-image.sh')], 900_000);
  if (result.status !== 0) throw new Error(`stand-in base failed: ${result.stderr.slice(-3000)}`);
  return result.stdout.trim().split('\n').pop()!;
}

/** `podman build` of the repository's Dockerfile on the given base; the build log on failure. */
export async function buildImage(tag: string, nodeImage: string): Promise<{ seconds: number }> {
  const started = Date.now();
  const result = await runAsync('podman', ['build', ...BUILD_FLAGS, '--build-arg', `NODE_IMAGE=${nodeImage}`, '-t', tag, '.'], 1_500_000);
  if (result.status !== 0) throw new Error(`podman build failed (${result.status}): ${(result.stdout + result.stderr).slice(-4000)}`);
  return { seconds: (Date.now() - started) / 1000 };
}

/** Bytes of an image, all layers included. */
export function imageSize(image: string): number {
  const result = podman(['image', 'inspect', '--format', '{{.Size}}', image]);
  if (result.status !== 0) throw new Error(`podman image inspect ${image}: ${result.stderr}`);
  return Number(result.stdout.trim());
}
