import { ManagedChild } from '../child-process';
import { FAKE_HOST } from '../paths';
import { HOST } from '../servers';
import type { FakeStats, GenerationSpan } from './fake-host';

const START_TIMEOUT_MS = 20_000;
const STATS_TIMEOUT_MS = 5_000;

/** A fake-host process (bench/memory/fake-host.ts) and its stats port. */
export interface FakeHost {
  readonly child: ManagedChild;
  readonly url: string;
  stats(): Promise<FakeStats>;
  /** The generations that ended since the last reset (the newest 10,000), oldest first. */
  generations(): Promise<GenerationSpan[]>;
  /** Zeroes the counters and the generation log. */
  reset(): Promise<void>;
}

/** Starts the bench's fake host with the fake-upstream CLI's flags, e.g. `['--slots', '1']`. */
export async function startFakeHost(name: string, flags: readonly string[]): Promise<FakeHost> {
  const args = [FAKE_HOST, '--host', HOST, '--port', '0', ...flags];
  const child = ManagedChild.spawn(name, args, { PATH: process.env.PATH }, 'pipe');
  const [, url, statsUrl] = await child.waitForLine(/fake-upstream listening on (\S+) stats on (\S+)/, START_TIMEOUT_MS);
  const call = async <T>(path: string, method = 'GET'): Promise<T> => {
    const response = await fetch(`${statsUrl}${path}`, { method, signal: AbortSignal.timeout(STATS_TIMEOUT_MS) });
    if (response.status !== 200) throw new Error(`${name}: ${method} ${path} answered HTTP ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    child,
    url,
    stats: () => call<FakeStats>('/'),
    generations: () => call<GenerationSpan[]>('/generations'),
    reset: async () => {
      await call<unknown>('/reset', 'POST');
    },
  };
}
