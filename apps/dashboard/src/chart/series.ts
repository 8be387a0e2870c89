/**
 * Chart data from snapshots, in uPlot's aligned format ([x values, y values], x in epoch seconds).
 * Kept apart from the uPlot glue so the time arithmetic can be tested without a canvas.
 */
import type { Snapshot } from '../api/snapshot';

export type XYData = [xs: number[], ys: number[]];

const MINUTE_S = 60;

/**
 * The sparkline (events per minute, oldest first, last = the snapshot's current minute) placed on a
 * time axis: each bucket at the start of its minute.
 */
export function sparklineData(snapshot: Pick<Snapshot, 'time' | 'sparkline'>): XYData {
  const currentMinute = Math.floor(snapshot.time / 1_000 / MINUTE_S) * MINUTE_S;
  const count = snapshot.sparkline.length;
  const xs = snapshot.sparkline.map((_, i) => currentMinute - (count - 1 - i) * MINUTE_S);
  return [xs, [...snapshot.sparkline]];
}

/**
 * Events per second as received in successive snapshots. Snapshots with the same timestamp (a poll and
 * a stream event for the same moment) keep only the later one, and out-of-order arrivals are dropped:
 * uPlot needs strictly increasing x values.
 */
export function perSecondData(snapshots: readonly Pick<Snapshot, 'time' | 'throughput'>[]): XYData {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const snapshot of snapshots) {
    const x = snapshot.time / 1_000;
    const lastX = xs.at(-1);
    if (lastX !== undefined && x < lastX) continue;
    if (lastX !== undefined && x === lastX) {
      ys[ys.length - 1] = snapshot.throughput.perSecond;
      continue;
    }
    xs.push(x);
    ys.push(snapshot.throughput.perSecond);
  }
  return [xs, ys];
}

/** A one-sentence text alternative for a chart (canvas content is invisible to screen readers). */
export function describeSeries([, ys]: XYData, what: string, unit: string): string {
  if (ys.length === 0) return `${what}: no data yet.`;
  const latest = ys[ys.length - 1];
  const peak = Math.max(...ys);
  return `${what}: latest ${round(latest)} ${unit}, peak ${round(peak)} ${unit} over ${ys.length} points.`;
}

const round = (value: number): number => Math.round(value * 100) / 100;
