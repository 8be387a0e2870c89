/** Writes a snapshot's numbers and status panels into the static markup of index.html. */
import type { PanelStatus, Snapshot, StatusPanel } from '../api/snapshot';
import { formatClock, formatCount, formatLatency, formatPercent, formatRate, MISSING, successRate } from '../format/format';
import { byId, child, setText, setValue } from './dom';

/** Text and icon per status, so state never depends on colour alone. */
const STATUS_TEXT: Record<PanelStatus, { label: string; icon: string }> = {
  online: { label: 'Online', icon: '✓' },
  degraded: { label: 'Degraded', icon: '!' },
  offline: { label: 'Offline', icon: '✕' },
  unknown: { label: 'Unknown', icon: '?' },
};

const PANELS = ['backend', 'latency', 'throughput'] as const;

export class SnapshotView {
  private readonly field = (id: string): HTMLElement => byId(id, HTMLElement);
  private readonly values = {
    requests: this.field('total-requests'),
    successes: this.field('total-successes'),
    errors: this.field('total-errors'),
    rate: this.field('success-rate'),
    p50: this.field('latency-p50'),
    p95: this.field('latency-p95'),
    p99: this.field('latency-p99'),
    average: this.field('latency-average'),
    perSecond: this.field('throughput-per-second'),
    perMinute: this.field('throughput-per-minute'),
    depth: this.field('queue-depth'),
    inFlight: this.field('queue-in-flight'),
    snapshotTime: this.field('snapshot-time'),
  };

  render(snapshot: Snapshot | undefined): void {
    const v = this.values;
    if (!snapshot) {
      for (const element of Object.values(v)) setValue(element, MISSING, null);
      return;
    }
    const { totals, latency, throughput, queue } = snapshot;
    setValue(v.requests, formatCount(totals.requests), totals.requests);
    setValue(v.successes, formatCount(totals.successes), totals.successes);
    setValue(v.errors, formatCount(totals.errors), totals.errors);
    const rate = successRate(totals);
    setValue(v.rate, formatPercent(rate), rate === null ? null : Math.round(rate * 10) / 10);
    setValue(v.p50, formatLatency(latency.p50), latency.p50);
    setValue(v.p95, formatLatency(latency.p95), latency.p95);
    setValue(v.p99, formatLatency(latency.p99), latency.p99);
    setValue(v.average, formatLatency(latency.average), latency.average);
    setValue(v.perSecond, formatRate(throughput.perSecond, '/s'), throughput.perSecond);
    setValue(v.perMinute, formatRate(throughput.perMinute, '/min'), throughput.perMinute);
    setValue(v.depth, formatCount(queue.depth), queue.depth);
    setValue(v.inFlight, formatCount(queue.inFlight), queue.inFlight);
    setValue(v.snapshotTime, formatClock(snapshot.time), snapshot.timestamp);
    v.snapshotTime.setAttribute('datetime', snapshot.timestamp);
    for (const name of PANELS) renderPanel(name, snapshot.statusPanels[name]);
  }
}

function renderPanel(name: (typeof PANELS)[number], panel: StatusPanel): void {
  const card = byId(`status-${name}`, HTMLElement);
  const text = STATUS_TEXT[panel.status];
  if (card.dataset.status !== panel.status) card.dataset.status = panel.status;
  setText(child(card, '.status-icon', HTMLElement), text.icon);
  setText(child(card, '.status-text', HTMLElement), text.label);
  setText(child(card, '.status-message', HTMLElement), panel.message || MISSING);
}
