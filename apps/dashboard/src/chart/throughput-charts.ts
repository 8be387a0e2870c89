/** The two throughput charts: events per minute from the sparkline, events per second over received snapshots. */
import type { Snapshot } from '../api/snapshot';
import { byId } from '../ui/dom';
import { perSecondData, sparklineData } from './series';
import { TimeChart } from './time-chart';

export class ThroughputCharts {
  private readonly perMinute = new TimeChart({
    container: byId('chart-minute', HTMLElement),
    description: byId('chart-minute-desc', HTMLElement),
    kind: 'bars',
    seconds: false,
    label: 'Events per minute',
    unit: 'events',
  });

  private readonly perSecond = new TimeChart({
    container: byId('chart-second', HTMLElement),
    description: byId('chart-second-desc', HTMLElement),
    kind: 'line',
    seconds: true,
    label: 'Events per second',
    unit: 'events/s',
  });

  private readonly minuteSpan = byId('chart-minute-span', HTMLElement);

  /** `series`: kept snapshots up to the displayed one, so scrubbing history also rewinds the charts. */
  render(snapshot: Snapshot | undefined, series: readonly Snapshot[]): void {
    this.perMinute.setData(snapshot ? sparklineData(snapshot) : [[], []]);
    this.minuteSpan.textContent = String(snapshot?.sparkline.length || 24);
    this.perSecond.setData(perSecondData(series));
  }

  rebuild(): void {
    this.perMinute.rebuild();
    this.perSecond.rebuild();
  }
}
