import type { UpstreamTargetConfig } from './app-config.types';

const SLOTS_FRAGMENT = /^slots=(\d{1,4})$/;
export const MAX_SLOTS_PER_UPSTREAM = 1024;

/** Why one entry of `KOBOLDCPP_API_URL` is unusable (never quoting the entry: it may hold credentials). */
export type UpstreamEntryProblem = 'empty' | 'not an http(s) URL' | 'bad #slots=N suffix' | 'duplicate';

/**
 * Splits `KOBOLDCPP_API_URL` into upstream targets: comma-separated base URLs, each optionally ending in
 * `#slots=N` (a fragment is never sent to a server, so it cannot clash with a real path). Trailing
 * slashes are dropped; URLs that differ only by them are the same upstream.
 */
export function parseUpstreamTargets(list: string, defaultSlots: number): UpstreamTargetConfig[] {
  const problems = upstreamListProblems(list);
  if (problems.length > 0) throw new Error(`KOBOLDCPP_API_URL: ${problems.join(', ')}`);
  return entries(list).map((entry) => toTarget(entry, defaultSlots));
}

/** Every problem of the list, by entry position (1-based); empty when the list is fine. */
export function upstreamListProblems(list: string): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  entries(list).forEach((entry, index) => {
    const problem = entryProblem(entry, seen);
    if (problem) problems.push(`entry ${index + 1}: ${problem}`);
  });
  return problems;
}

function entries(list: string): string[] {
  return list.split(',').map((entry) => entry.trim());
}

function entryProblem(entry: string, seen: Set<string>): UpstreamEntryProblem | undefined {
  if (entry === '') return 'empty';
  const [base, fragment] = splitFragment(entry);
  if (fragment !== undefined) {
    const slots = SLOTS_FRAGMENT.exec(fragment);
    if (!slots || Number(slots[1]) < 1 || Number(slots[1]) > MAX_SLOTS_PER_UPSTREAM) return 'bad #slots=N suffix';
  }
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return 'not an http(s) URL';
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || url.search !== '') return 'not an http(s) URL';
  const key = normalise(base);
  if (seen.has(key)) return 'duplicate';
  seen.add(key);
  return undefined;
}

function toTarget(entry: string, defaultSlots: number): UpstreamTargetConfig {
  const [base, fragment] = splitFragment(entry);
  const slots = fragment === undefined ? defaultSlots : Number(SLOTS_FRAGMENT.exec(fragment)?.[1]);
  return { url: normalise(base), slots };
}

function splitFragment(entry: string): [string, string | undefined] {
  const at = entry.indexOf('#');
  return at === -1 ? [entry, undefined] : [entry.slice(0, at), entry.slice(at + 1)];
}

function normalise(base: string): string {
  return base.replace(/\/+$/, '');
}
