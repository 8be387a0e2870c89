import { readFileSync } from 'node:fs';

// Linux reports /proc times in USER_HZ, which is 100 on every mainstream architecture.
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, or undefined where /proc is unavailable. */
function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; the fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Busy share of one core per process over a window, in percent (200 = both cores of this machine). */
export type CpuShares = Readonly<Record<string, number | undefined>>;

/**
 * Starts measuring the CPU of the named processes (the bench itself included). On a 2-core machine
 * this is what says who the bottleneck is: a process near 100 % is saturating its one JS thread.
 */
export function startCpuWindow(pids: Readonly<Record<string, number>>): () => CpuShares {
  const startedAt = performance.now();
  const ownStart = process.cpuUsage();
  const starts = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSecondsOf(pid)]));
  return () => {
    const seconds = (performance.now() - startedAt) / 1000;
    const own = process.cpuUsage(ownStart);
    const shares: Record<string, number | undefined> = { bench: ((own.user + own.system) / 1e6 / seconds) * 100 };
    for (const [name, pid] of Object.entries(pids)) {
      const start = starts[name];
      const end = cpuSecondsOf(pid);
      shares[name] = start === undefined || end === undefined ? undefined : ((end - start) / seconds) * 100;
    }
    return shares;
  };
}
