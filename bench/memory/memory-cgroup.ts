import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MiB = 1024 * 1024;
const V2_ROOT = '/sys/fs/cgroup';
const V1_ROOT = '/sys/fs/cgroup/memory';

/** A memory cgroup the soak runs the service in, as a container's memory limit would hold it. */
export interface MemoryCgroup {
  readonly limitMiB: number;
  /** Write a pid here to move that process in (the service joins before it execs node). */
  readonly procsFile: string;
  /** Highest memory charged to the group so far (what the kernel compares with the limit). */
  peakBytes(): number | undefined;
  /** Processes the kernel killed for going over the limit. */
  oomKills(): number;
  /** Removes the group once its processes have exited. */
  remove(): void;
}

/**
 * Creates a memory cgroup limited to `limitMiB` (swap included, where the kernel accounts it), under
 * cgroup v2 or the v1 memory controller; throws with the reason where neither is writable (then run
 * the soak as root, or in a container whose cgroup is delegated).
 */
export function createMemoryCgroup(limitMiB: number, name = `ai-ticket-bench-${process.pid}`): MemoryCgroup {
  const limit = String(limitMiB * MiB);
  if (readIfPresent(join(V2_ROOT, 'cgroup.controllers'))?.split(/\s+/).includes('memory')) {
    const dir = join(V2_ROOT, name);
    mkdirUsable(dir);
    writeFileSync(join(dir, 'memory.max'), limit);
    writeIfPresent(join(dir, 'memory.swap.max'), '0');
    return cgroupIn(dir, limitMiB, { peak: 'memory.peak', events: 'memory.events' });
  }
  if (existsSync(join(V1_ROOT, 'memory.limit_in_bytes'))) {
    const dir = join(V1_ROOT, name);
    mkdirUsable(dir);
    writeFileSync(join(dir, 'memory.limit_in_bytes'), limit);
    writeIfPresent(join(dir, 'memory.memsw.limit_in_bytes'), limit);
    return cgroupIn(dir, limitMiB, { peak: 'memory.max_usage_in_bytes', events: 'memory.oom_control' });
  }
  throw new Error('no memory cgroup controller found (neither cgroup v2 with "memory" nor the v1 memory hierarchy)');
}

/** The group at `dir`; `files` name where this cgroup version keeps the peak charge and the `oom_kill` count. */
function cgroupIn(dir: string, limitMiB: number, files: { peak: string; events: string }): MemoryCgroup {
  return {
    limitMiB,
    procsFile: join(dir, 'cgroup.procs'),
    peakBytes: () => numberIn(join(dir, files.peak)),
    oomKills: () => counterIn(join(dir, files.events), 'oom_kill'),
    remove: () => rmdirSync(dir),
  };
}

function mkdirUsable(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    throw new Error(`cannot create the memory cgroup ${dir} (${(error as Error).message}): run as root, or where the cgroup is delegated`, { cause: error });
  }
}

function readIfPresent(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function writeIfPresent(file: string, value: string): void {
  if (existsSync(file)) writeFileSync(file, value);
}

function numberIn(file: string): number | undefined {
  const text = readIfPresent(file);
  return text === undefined ? undefined : Number(text.trim());
}

/** `oom_kill 2` in a `key value` per line file such as memory.events. */
function counterIn(file: string, key: string): number {
  const line = (readIfPresent(file) ?? '').split('\n').find((candidate) => candidate.startsWith(`${key} `));
  return line ? Number(line.split(' ')[1]) : 0;
}
