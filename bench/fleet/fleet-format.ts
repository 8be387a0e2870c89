import type { CpuShares } from '../cpu';
import type { GapStats } from './handover-gaps';

/** A Markdown table; `numeric` columns are right-aligned. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map((_, i) => (numeric.includes(i) ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

export const ms = (value: number, digits = 2): string => (Number.isNaN(value) ? '-' : value.toFixed(digits));

/** Count, p50, p90, p99 and max of a gap distribution, as table cells. */
export function gapCells(gaps: GapStats): string[] {
  return [String(gaps.count), ms(gaps.p50), ms(gaps.p90), ms(gaps.p99), ms(gaps.max)];
}

/** `{ "200": 812 }` as "200 × 812". */
export function statusText(statuses: Readonly<Record<string, number>>): string {
  const entries = Object.entries(statuses);
  return entries.length === 0 ? 'none' : entries.map(([status, count]) => `${status} × ${count.toLocaleString('en-US')}`).join(', ');
}

/** CPU shares as "bench 12%, replica 1 30%" (of one core each). */
export function cpuText(cpu: CpuShares): string {
  return Object.entries(cpu)
    .map(([name, share]) => `${name} ${share === undefined ? '?' : share.toFixed(0)}%`)
    .join(', ');
}

export function ratio(value: number, base: number, digits = 2): string {
  return `${(value / base).toFixed(digits)}×`;
}

export function signed(value: number, digits = 3): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}
