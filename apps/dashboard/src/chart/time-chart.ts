/**
 * One uPlot time-series chart (bars or a line) that follows its container's width and takes its
 * colours from the theme's CSS custom properties. uPlot draws on canvas, so a text description is
 * kept next to it for screen readers.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatClock } from '../format/format';
import { describeSeries, type XYData } from './series';

export interface TimeChartSpec {
  container: HTMLElement;
  description: HTMLElement;
  kind: 'bars' | 'line';
  /** Whether time labels need seconds (per-second series) or not (per-minute buckets). */
  seconds: boolean;
  /** Series name in the hover legend and the text description. */
  label: string;
  unit: string;
}

const HEIGHT = 180;
/** Tick spacing in seconds: never finer than the labels can show, so no two ticks read the same. */
const SECOND_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600];
const MINUTE_STEPS = [60, 120, 300, 600, 900, 1_800, 3_600, 7_200];
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

const cssVar = (name: string): string => window.getComputedStyle(window.document.documentElement).getPropertyValue(name).trim();

export class TimeChart {
  private plot: uPlot | null = null;
  private data: XYData = [[], []];

  constructor(private readonly spec: TimeChartSpec) {
    // Also fires once the container is first laid out (e.g. when the dashboard appears after sign-in).
    new window.ResizeObserver(() => this.fit()).observe(spec.container);
  }

  setData(data: XYData): void {
    this.data = data;
    this.spec.description.textContent = describeSeries(data, this.spec.label, this.spec.unit);
    if (this.plot) this.plot.setData(data);
    else this.fit();
  }

  /** Re-creates the chart so it picks up new theme colours. */
  rebuild(): void {
    this.plot?.destroy();
    this.plot = null;
    this.fit();
  }

  private fit(): void {
    const width = Math.floor(this.spec.container.clientWidth);
    if (width === 0) return; // hidden (signed out); the observer calls again when it shows
    if (this.plot) this.plot.setSize({ width, height: HEIGHT });
    else this.plot = new uPlot(this.options(width), this.data, this.spec.container);
  }

  private clock(epochSeconds: number): string {
    return formatClock(epochSeconds * 1_000, undefined, this.spec.seconds);
  }

  private options(width: number): uPlot.Options {
    const colour = cssVar(this.spec.kind === 'bars' ? '--chart-bar' : '--chart-line');
    const axis = { stroke: cssVar('--text-muted'), font: FONT, grid: { stroke: cssVar('--chart-grid'), width: 1 }, ticks: { stroke: cssVar('--chart-grid'), width: 1 } };
    return {
      width,
      height: HEIGHT,
      cursor: { drag: { x: false, y: false } },
      legend: { show: true, live: true },
      scales: {
        x: { time: true },
        // Start at zero and leave headroom, so a flat 0 line and small changes are read honestly.
        y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.15))] },
      },
      // uPlot's default time labels are 12-hour ("12:10am"); the rest of the page uses a 24-hour clock.
      axes: [{ ...axis, incrs: this.spec.seconds ? SECOND_STEPS : MINUTE_STEPS, values: (_u, splits) => splits.map((s) => this.clock(s)) }, { ...axis, size: 52 }],
      series: [
        { label: 'Time', value: (_u, v) => (v === null || v === undefined ? '—' : this.clock(v)) },
        {
          label: this.spec.label,
          stroke: colour,
          width: this.spec.kind === 'bars' ? 0 : 2,
          fill: this.spec.kind === 'bars' ? colour : cssVar('--chart-fill'),
          paths: this.spec.kind === 'bars' ? uPlot.paths.bars?.({ size: [0.7, 32], gap: 1 }) : undefined,
          points: { show: this.spec.kind === 'line' && this.data[0].length < 30 },
          value: (_u, v) => (v === null || v === undefined ? '—' : `${Math.round(v * 100) / 100} ${this.spec.unit}`),
        },
      ],
    };
  }
}
