import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectMetric, makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import type { ServerResponse } from 'node:http';
import type { Gauge } from 'prom-client';
import { SSE_HEADERS } from '../../dispatch/sse/sse-writer';
import { LifecycleService } from '../../health/lifecycle.service';
import { EventHistoryStore } from '../../metrics/history/event-history.store';
import { EventRecorder } from '../../metrics/history/event-recorder.service';
import { MetricsSummaryService } from '../summary/metrics-summary.service';

const STREAM_CLIENTS = 'dashboard_stream_clients';
export const streamMetricProviders = [makeGaugeProvider({ name: STREAM_CLIENTS, help: 'Dashboards connected to the live feed.' })];

/** Live-feed cadence: at most this often after local events, at least this often regardless (other replicas' events). */
export const MIN_INTERVAL_MS = 250;
export const REFRESH_INTERVAL_MS = 5_000;
/** How often the shared store is asked whether any replica recorded events (one-row read). */
export const CHANGE_POLL_MS = 200;
export const PING_INTERVAL_MS = 15_000;
/** What EventSource should wait before reconnecting. */
export const RETRY_ADVICE_MS = 3_000;
/** A client this far behind is not reading; drop it rather than buffer without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * Fans snapshots out to every connected dashboard: after this replica's events (as soon as they are
 * stored), after other replicas' events (noticed by polling the shared store's change marker), and at
 * least every 5 s. One snapshot is computed per broadcast however many clients listen, timers run only
 * while someone listens, and nothing per client but its socket and one
 * `close` listener, so a departed client costs nothing.
 */
@Injectable()
export class SnapshotBroadcaster implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('DashboardFeed');
  private readonly clients = new Set<ServerResponse>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private pendingTimer: NodeJS.Timeout | undefined;
  private changeTimer: NodeJS.Timeout | undefined;
  /** Events counted in the last snapshot sent; the store's marker moving past it means news. */
  private lastSentTotal: number | undefined;
  private lastBroadcastAt = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly summary: MetricsSummaryService,
    private readonly recorder: EventRecorder,
    private readonly store: EventHistoryStore,
    private readonly lifecycle: LifecycleService,
    @InjectMetric(STREAM_CLIENTS) private readonly clientsGauge: Gauge,
  ) {}

  get clientCount(): number {
    return this.clients.size;
  }

  onModuleInit(): void {
    this.unsubscribe = this.recorder.onFlushed(() => this.schedule());
    // Endless streams would hold shutdown open; ended now, clients reconnect to another replica.
    this.lifecycle.onDrain(() => this.closeAll());
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    this.closeAll();
  }

  /** Takes over a response: SSE headers, retry advice, the current snapshot, then live updates. */
  async add(response: ServerResponse, headers: Record<string, string>): Promise<void> {
    response.writeHead(200, { ...headers, ...SSE_HEADERS });
    response.write(`retry: ${RETRY_ADVICE_MS}\n\n`);
    this.clients.add(response);
    this.clientsGauge.set(this.clients.size);
    response.once('close', () => this.remove(response));
    if (this.clients.size === 1) this.startTimers();
    const snapshot = await this.summary.snapshot().catch((error: unknown) => this.failed(error));
    if (snapshot && this.clients.has(response)) {
      this.lastSentTotal ??= snapshot.totals.requests;
      this.write(response, snapshotEvent(snapshot));
    }
  }

  private remove(response: ServerResponse): void {
    if (!this.clients.delete(response)) return;
    this.clientsGauge.set(this.clients.size);
    if (this.clients.size === 0) this.stopTimers();
  }

  /** Coalesces bursts of local events into at most one broadcast per MIN_INTERVAL_MS. */
  private schedule(): void {
    if (this.clients.size === 0 || this.pendingTimer) return;
    const delay = Math.max(0, this.lastBroadcastAt + MIN_INTERVAL_MS - Date.now());
    this.pendingTimer = setTimeout(() => {
      this.pendingTimer = undefined;
      void this.broadcast();
    }, delay);
  }

  private async broadcast(): Promise<void> {
    if (this.clients.size === 0) return;
    this.lastBroadcastAt = Date.now();
    const snapshot = await this.summary.snapshot().catch((error: unknown) => this.failed(error));
    if (!snapshot) return;
    this.lastSentTotal = snapshot.totals.requests;
    const event = snapshotEvent(snapshot);
    for (const client of this.clients) this.write(client, event);
  }

  private write(client: ServerResponse, chunk: string): void {
    if (client.writableLength > MAX_BUFFERED_BYTES) {
      client.destroy();
      return;
    }
    client.write(chunk);
  }

  /** Other replicas' events reach this replica only through the shared store: watch its change marker. */
  private async pollForChanges(): Promise<void> {
    const marker = await this.store.changeMarker().catch(() => undefined);
    if (marker !== undefined && this.lastSentTotal !== undefined && marker !== this.lastSentTotal) this.schedule();
  }

  private startTimers(): void {
    this.refreshTimer = setInterval(() => void this.broadcast(), REFRESH_INTERVAL_MS);
    this.changeTimer = setInterval(() => void this.pollForChanges(), CHANGE_POLL_MS);
    this.pingTimer = setInterval(() => this.clients.forEach((client) => this.write(client, ': ping\n\n')), PING_INTERVAL_MS);
  }

  private stopTimers(): void {
    clearInterval(this.refreshTimer);
    clearInterval(this.pingTimer);
    clearInterval(this.changeTimer);
    clearTimeout(this.pendingTimer);
    this.refreshTimer = this.pingTimer = this.pendingTimer = this.changeTimer = undefined;
    this.lastSentTotal = undefined;
  }

  private closeAll(): void {
    for (const client of [...this.clients]) client.end();
    this.stopTimers();
  }

  private failed(error: unknown): undefined {
    this.logger.warn({ msg: 'Could not compute a dashboard snapshot', reason: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

function snapshotEvent(snapshot: { timestamp: string; totals: { requests: number } }): string {
  return `event: snapshot\nid: ${Date.parse(snapshot.timestamp)}\ndata: ${JSON.stringify(snapshot)}\n\n`;
}
