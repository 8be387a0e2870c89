import type { UpstreamStatus } from '../../dispatch/fleet/fleet-status.service';
import type { HistorySummary } from '../../metrics/history/event-history.store';
import type { MetricsSnapshot, StatusPanel } from './metrics-snapshot.types';

/** p95 above this is slow for an interactive generation; above the second, something is wrong. */
export const LATENCY_DEGRADED_MS = 10_000;
export const LATENCY_OFFLINE_MS = 60_000;

export interface LocalState {
  upstreams: readonly Pick<UpstreamStatus, 'state'>[];
  queueDepth: number;
  queueCapacity: number;
}

/** The three traffic lights of the dashboard, each with a sentence that says why. */
export function statusPanels(summary: HistorySummary, local: LocalState): MetricsSnapshot['statusPanels'] {
  return { backend: backendPanel(local.upstreams), latency: latencyPanel(summary), throughput: throughputPanel(summary, local) };
}

function backendPanel(upstreams: LocalState['upstreams']): StatusPanel {
  const serving = upstreams.filter((upstream) => upstream.state !== 'leaving');
  if (serving.length === 0) return { status: 'offline', message: 'No upstream known: check KOBOLDCPP_API_URL and discovery' };
  const open = serving.filter((upstream) => upstream.state === 'open').length;
  const probing = serving.filter((upstream) => upstream.state === 'half-open').length;
  if (serving.length === 1) {
    if (open === 1) return { status: 'offline', message: 'Upstream failing: requests paused while it recovers' };
    if (probing === 1) return { status: 'degraded', message: 'Upstream recovering: probing with one request' };
    return { status: 'online', message: 'Upstream answering normally' };
  }
  if (open === serving.length) return { status: 'offline', message: `All ${serving.length} upstreams failing: requests paused while they recover` };
  if (open + probing > 0) return { status: 'degraded', message: `${open + probing} of ${serving.length} upstreams failing or recovering; the others take the events` };
  return { status: 'online', message: `${serving.length} upstreams answering normally` };
}

function latencyPanel({ latency, totals }: HistorySummary): StatusPanel {
  if (totals.requests === 0) return { status: 'online', message: 'No events yet' };
  const message = `p95 ${formatMs(latency.p95)}`;
  if (latency.p95 > LATENCY_OFFLINE_MS) return { status: 'offline', message: `${message}: far too slow` };
  if (latency.p95 > LATENCY_DEGRADED_MS) return { status: 'degraded', message: `${message}: slow` };
  return { status: 'online', message };
}

function throughputPanel({ throughput }: HistorySummary, { queueDepth, queueCapacity }: LocalState): StatusPanel {
  const rate = `${throughput.perSecond.toFixed(1)} events/s`;
  if (queueCapacity > 0 && queueDepth >= queueCapacity) return { status: 'offline', message: `${rate}; queue full, new events refused` };
  if (queueDepth > 0) return { status: 'degraded', message: `${rate}; ${queueDepth} waiting for the upstream` };
  return { status: 'online', message: rate };
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
