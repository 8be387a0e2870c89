import { readdirSync, statSync, type Stats } from 'node:fs';

/**
 * Processes that have any of `paths` open, found through /proc/<pid>/fd (Linux). Files are matched by
 * device and inode, so a path seen through another mount (a container's) still matches. Processes this
 * user may not inspect are skipped, so an empty answer proves nothing on its own; without /proc
 * (macOS) it is always empty.
 */
export function processesHoldingOpen(paths: readonly string[]): number[] {
  const wanted = new Set<string>();
  for (const path of paths) {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats) wanted.add(`${stats.dev}:${stats.ino}`);
  }
  if (wanted.size === 0) return [];
  const holders: number[] = [];
  for (const pid of listOrEmpty('/proc').filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)) {
    const fdDir = `/proc/${pid}/fd`;
    const holds = listOrEmpty(fdDir).some((fd) => {
      const stats = statOrUndefined(`${fdDir}/${fd}`);
      return stats !== undefined && wanted.has(`${stats.dev}:${stats.ino}`);
    });
    if (holds) holders.push(Number(pid));
  }
  return holders;
}

/** Descriptors vanish and some cannot be followed (EACCES even for root under some sandboxes). */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function listOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
