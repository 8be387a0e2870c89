import type { CpuShares } from './cpu';
import type { BenchResults } from './results';
import type { LoadSummary } from './scenarios';
import type { StreamingResult } from './streaming';

/** One line of the results table, already formatted: the same rows feed stdout and the Markdown. */
export interface TableRow {
  readonly scenario: string;
  readonly target: string;
  readonly rate: string;
  readonly p50: string;
  readonly p99: string;
  readonly notes: string;
}

export const HEADERS: TableRow = { scenario: 'Scenario', target: 'Target', rate: 'req/s', p50: 'p50 ms', p99: 'p99 ms', notes: 'Notes' };

export function tableRows(results: BenchResults): TableRow[] {
  return [
    ...results.throughput.map((row) => loadRow('Throughput', row)),
    ...results.latency.map((row) => loadRow('Latency', row)),
    ...results.streaming.map(streamRow),
  ];
}

function loadRow(scenario: string, row: LoadSummary): TableRow {
  const runs = row.runRates.map((rate) => rate.toFixed(0)).join(' / ');
  return {
    scenario: `${scenario}, ${row.connections} conn`,
    target: row.target,
    rate: row.requestsPerSecond.toFixed(0),
    p50: row.p50Ms.toFixed(3),
    p99: row.p99Ms.toFixed(3),
    notes: `runs ${runs} req/s; CPU ${cpuText(row.cpu)}`,
  };
}

function streamRow(row: StreamingResult): TableRow {
  return {
    scenario: 'Stream first token, 1 conn',
    target: row.target,
    rate: '-',
    p50: row.firstTokenP50Ms.toFixed(3),
    p99: row.firstTokenP99Ms.toFixed(3),
    notes: `${row.requests} streams; chunks received ${row.chunksReceived} / tokens sent ${row.tokensSent} per stream`,
  };
}

/** CPU shares as "bench 98%, service 97%, fake 41%" (of one core each). */
function cpuText(cpu: CpuShares): string {
  return Object.entries(cpu)
    .map(([name, share]) => `${name} ${share === undefined ? '?' : share.toFixed(0)}%`)
    .join(', ');
}

/** A fixed-width table for the terminal. */
export function textTable(rows: readonly TableRow[]): string {
  const all = [HEADERS, ...rows];
  const keys = Object.keys(HEADERS) as (keyof TableRow)[];
  const widths = keys.map((key) => Math.max(...all.map((row) => row[key].length)));
  const numeric = new Set<keyof TableRow>(['rate', 'p50', 'p99']);
  const line = (row: TableRow): string =>
    keys
      .map((key, i) => (numeric.has(key) ? row[key].padStart(widths[i]) : row[key].padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(HEADERS), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function markdownTable(rows: readonly TableRow[]): string {
  const keys = Object.keys(HEADERS) as (keyof TableRow)[];
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const align = keys.map((key) => (['rate', 'p50', 'p99'].includes(key) ? '---:' : '---'));
  return [line(keys.map((key) => HEADERS[key])), line(align), ...rows.map((row) => line(keys.map((key) => row[key])))].join('\n');
}
