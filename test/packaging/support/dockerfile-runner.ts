import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { dockerIgnoreMatcher, type Dockerfile, type Stage } from './dockerfile';
import { ROOT } from './paths';

export interface StageResult {
  name: string;
  /** The stage's WORKDIR on disk. */
  dir: string;
  /** RUN steps executed, and system steps (apt-get, useradd, ...) that only make sense in an image. */
  ran: string[];
  skipped: string[];
  seconds: number;
}

export interface RunOptions {
  /** Scratch folder: each stage gets `<workspace>/<stage>` as its WORKDIR. */
  workspace: string;
  /** Environment of the RUN steps (PATH with Node 24, npm cache, node-gyp headers). */
  env: Record<string, string>;
  /** Longest a RUN step may take. */
  stepTimeoutMs: number;
}

/**
 * Runs a Dockerfile's build steps on this machine, without Docker: every stage gets a folder standing for its
 * WORKDIR, FROM copies the parent stage's folder, COPY copies from the build context (honouring .dockerignore)
 * or from another stage's folder, and RUN steps that are npm or node commands run there exactly as written (minus
 * BuildKit's --mount flags). System steps (apt-get, useradd, chown, rm under /usr) are reported as skipped:
 * they shape the image, not the application. Independent stages run concurrently, as BuildKit runs them.
 */
export async function runDockerfileStages(dockerfile: Dockerfile, options: RunOptions): Promise<Map<string, StageResult>> {
  const isIgnored = dockerIgnoreMatcher(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
  const results = new Map<string, Promise<StageResult>>();
  // One failed step stops the others (as a failed docker build does), so nothing keeps running in the scratch folder.
  const running = new Set<ChildProcess>();
  let failed = false;
  const execStep = async (command: string, cwd: string) => {
    if (failed) throw new Error(`RUN ${command}: not started, an earlier step failed`);
    try {
      await exec(command, cwd, options, running);
    } catch (error) {
      failed = true;
      for (const child of running) child.kill('SIGKILL');
      throw error;
    }
  };
  const byName = new Map(dockerfile.stages.map((s) => [s.name, s]));

  const run = (s: Stage): Promise<StageResult> => {
    const existing = results.get(s.name);
    if (existing) return existing;
    const promise = (async () => {
      const started = Date.now();
      const deps = [s.from, ...s.instructions.filter((i) => i.flags.from).map((i) => i.flags.from)].filter((name) => byName.has(name));
      const depResults = new Map<string, StageResult>();
      for (const result of await Promise.all([...new Set(deps)].map((name) => run(byName.get(name)!)))) depResults.set(result.name, result);

      const dir = join(options.workspace, s.name);
      mkdirSync(dir, { recursive: true });
      const parent = depResults.get(s.from);
      if (parent) cpSync(parent.dir, dir, { recursive: true, verbatimSymlinks: true });
      let workdir = parent ? workdirOf(byName, s.from) : '/';
      const ran: string[] = [];
      const skipped: string[] = [];

      for (const instruction of s.instructions) {
        if (instruction.keyword === 'WORKDIR') workdir = instruction.value;
        if (instruction.keyword === 'COPY') {
          const parts = instruction.value.split(/\s+/);
          const dest = parts.pop()!;
          const from = instruction.flags.from;
          for (const source of parts) {
            const target = join(dir, inWorkdir(dest, workdir), parts.length > 1 || dest.endsWith('/') ? posix.basename(source) : '');
            if (from) {
              const fromDir = depResults.get(from)?.dir;
              if (!fromDir) throw new Error(`COPY --from=${from}: unknown stage`);
              copyPath(join(fromDir, inWorkdir(source, workdirOf(byName, from))), target, () => false, '');
            } else {
              copyPath(join(ROOT, source), target, isIgnored, source);
            }
          }
        }
        if (instruction.keyword === 'RUN') {
          if (/^(npm|node)\s/.test(instruction.value)) {
            await execStep(instruction.value, dir);
            ran.push(instruction.value);
          } else {
            skipped.push(instruction.value);
          }
        }
      }
      return { name: s.name, dir, ran, skipped, seconds: (Date.now() - started) / 1000 };
    })();
    results.set(s.name, promise);
    return promise;
  };

  const settled = await Promise.allSettled(dockerfile.stages.map(run));
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
  return new Map(settled.map((result) => [(result as PromiseFulfilledResult<StageResult>).value.name, (result as PromiseFulfilledResult<StageResult>).value]));
}

/** The WORKDIR in force at the end of a stage (following FROM chains). */
function workdirOf(stages: Map<string, Stage>, name: string): string {
  const s = stages.get(name);
  if (!s) return '/';
  const own = s.instructions.filter((i) => i.keyword === 'WORKDIR').pop();
  return own ? own.value : workdirOf(stages, s.from);
}

/** A container path as a path relative to the stage folder (which stands for WORKDIR). */
function inWorkdir(path: string, workdir: string): string {
  if (!path.startsWith('/')) return path;
  const rel = posix.relative(workdir, path);
  if (rel.startsWith('..')) throw new Error(`${path} is outside WORKDIR ${workdir}: not supported outside Docker`);
  return rel;
}

/** Docker COPY semantics: a file lands at target; a folder's contents are copied into target. */
function copyPath(source: string, target: string, isIgnored: (path: string) => boolean, contextPath: string): void {
  if (!existsSync(source)) throw new Error(`COPY source ${source} does not exist`);
  if (statSync(source).isDirectory()) {
    mkdirSync(target, { recursive: true });
    cpSync(source, target, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (path) => !contextPath || path === source || !isIgnored(posix.join(contextPath, relative(source, path))),
    });
  } else {
    if (contextPath && isIgnored(contextPath)) throw new Error(`COPY ${contextPath}: excluded by .dockerignore`);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(source, target);
  }
}

function exec(command: string, cwd: string, options: RunOptions, running: Set<ChildProcess>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.stepTimeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`RUN ${command} (in ${cwd}) failed with ${signal ?? code}:\n${output.slice(-4000)}`));
    });
  });
}

/** Top-level package names in a node_modules folder (scoped packages as @scope/name). */
export function installedPackages(nodeModules: string): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) for (const scoped of readdirSync(join(nodeModules, entry))) names.push(`${entry}/${scoped}`);
    else names.push(entry);
  }
  return names;
}
