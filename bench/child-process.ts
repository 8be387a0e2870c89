import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

const STDERR_TAIL_CHARS = 4_000;
/** How long stop() waits after SIGTERM before SIGKILL. */
export const SHUTDOWN_GRACE_SECONDS = 10;

/** Where a child's stdout goes: piped to us, discarded, or an open file descriptor. */
export type ChildStdout = 'pipe' | 'ignore' | number;
const live = new Set<ManagedChild>();

/**
 * A child process the bench owns. Every one is registered so that any exit path (success, error,
 * Ctrl-C) can stop it: a benchmark must never leave servers running on the machine.
 */
export class ManagedChild {
  readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;
  private stderrTail = '';
  /** Set when stop() had to SIGKILL it: it did not exit within the grace period after SIGTERM. */
  killedAfterGrace = false;

  private constructor(
    readonly name: string,
    private readonly proc: ReturnType<typeof spawn>,
  ) {
    live.add(this);
    this.exited = new Promise((resolve) => {
      proc.once('exit', (code) => {
        this.exitCode = code; // null when a signal ended it
        live.delete(this);
        resolve(code);
      });
    });
    proc.once('error', () => live.delete(this));
    proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
  }

  /** `cgroupProcs`: a cgroup's `cgroup.procs`, which the child joins before node starts (so all its memory is charged there). */
  static spawn(name: string, args: readonly string[], env: NodeJS.ProcessEnv, stdout: ChildStdout, cgroupProcs?: string): ManagedChild {
    // The same node binary as the bench (Node 24 via scripts/with-node.sh), never whatever is on PATH.
    // Detached into its own process group so a Ctrl-C reaches only the bench, which then stops the
    // children in order, instead of every process racing to shut down at once.
    const options = { env, stdio: ['ignore', stdout, 'pipe'] as ['ignore', ChildStdout, 'pipe'], detached: true };
    const proc = cgroupProcs
      ? // The shell writes its own pid, then becomes node (exec keeps the pid): no moment outside the group.
        spawn('/bin/sh', ['-c', 'echo $$ > "$0" && exec "$@"', cgroupProcs, process.execPath, ...args], options)
      : spawn(process.execPath, args, options);
    return new ManagedChild(name, proc);
  }

  get pid(): number {
    if (this.proc.pid === undefined) throw new Error(`${this.name} did not start`);
    return this.proc.pid;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** What the child wrote to stderr lately: the first thing to look at when it misbehaves. */
  get recentStderr(): string {
    return this.stderrTail.trim();
  }

  /** Resolves with the first stdout line matching `pattern`; rejects if the child exits or time runs out. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const stdout = this.proc.stdout as Readable | null;
    if (!stdout) return Promise.reject(new Error(`${this.name}: stdout is not piped`));
    return new Promise((resolve, reject) => {
      let buffered = '';
      let settled = false;
      const finish = (error: Error | undefined, match?: RegExpMatchArray): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        stdout.off('data', onData);
        // Keep draining: a child blocked on a full stdout pipe would stall the benchmark.
        stdout.resume();
        if (error) reject(error);
        else resolve(match as RegExpMatchArray);
      };
      const onData = (chunk: string): void => {
        buffered += chunk;
        const match = buffered.match(pattern);
        if (match) finish(undefined, match);
      };
      const timer = setTimeout(() => finish(new Error(`${this.name}: no line matching ${pattern} within ${timeoutMs} ms`)), timeoutMs);
      void this.exited.then((code) => finish(new Error(`${this.name} exited (code ${code}) before it was ready: ${this.recentStderr}`)));
      stdout.setEncoding('utf8').on('data', onData);
    });
  }

  /** SIGTERM, then SIGKILL if it has not exited in time; resolves with the exit code. */
  async stop(graceMs = SHUTDOWN_GRACE_SECONDS * 1000): Promise<number | null> {
    if (!this.running) return this.exitCode ?? null;
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => {
      this.killedAfterGrace = true;
      this.proc.kill('SIGKILL');
    }, graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  killNow(): void {
    if (this.running) this.proc.kill('SIGKILL');
  }
}

/** Stops every child still running, gracefully, and tells how each exited. */
export function stopAllChildren(): Promise<{ name: string; code: number | null; killedAfterGrace: boolean }[]> {
  return Promise.all([...live].map(async (child) => ({ name: child.name, code: await child.stop(), killedAfterGrace: child.killedAfterGrace })));
}

/** Last resort on process exit, where nothing asynchronous can run any more. */
export function killAllChildrenNow(): void {
  for (const child of live) child.killNow();
}
