import type { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import type { DispatchMetrics } from '../dispatch-metrics.service';
import type { FleetMetrics } from './fleet-metrics.service';
import { FleetScheduler } from './fleet-scheduler';
import { LocalUpstreamSlots } from './slots/local-upstream-slots';
import type { UpstreamSlots } from './slots/upstream-slots';
import type { UpstreamTarget } from './upstream';
import { UpstreamPool } from './upstream-pool';

export interface FleetSettings {
  queueSize: number;
  queueTimeoutMs: number;
  circuitThreshold: number;
  circuitCooldownMs: number;
}

const DEFAULTS: FleetSettings = { queueSize: 2, queueTimeoutMs: 1_000, circuitThreshold: 1, circuitCooldownMs: 10_000 };

/** Calls recorded by the metrics stand-ins. */
export interface RecordedMetrics {
  joined: string[];
  left: string[];
  queueDepth: number[];
}

/** A pool and scheduler wired as in the app, over local slots (or the given store), with recording metrics. */
export function buildFleet(targets: readonly UpstreamTarget[], settings: Partial<FleetSettings> = {}, slots: UpstreamSlots = new LocalUpstreamSlots()) {
  const values = { ...DEFAULTS, ...settings };
  const recorded: RecordedMetrics = { joined: [], left: [], queueDepth: [] };
  const config = {
    get: (key: string) => (key === 'upstream' ? { ...values } : key === 'upstream.queueSize' ? values.queueSize : values.queueTimeoutMs),
  } as unknown as ConfigService<AppConfig, true>;
  const fleetMetrics = {
    joined: (upstream: string) => recorded.joined.push(upstream),
    left: (upstream: string) => recorded.left.push(upstream),
    inFlightAt: () => undefined,
    circuit: () => undefined,
  } as unknown as FleetMetrics;
  const dispatchMetrics = { queue: (depth: number) => recorded.queueDepth.push(depth) } as unknown as DispatchMetrics;
  const pool = new UpstreamPool(fleetMetrics, config);
  pool.replace(targets);
  const scheduler = new FleetScheduler(pool, slots, dispatchMetrics, config);
  return { pool, scheduler, slots, recorded, upstream: (url: string) => pool.all.find((member) => member.key === url)! };
}

/** Lets every already-resolved promise callback run. */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

/** Observes a promise without awaiting it, so a test can check whether it has settled yet. */
export function track<T>(promise: Promise<T>): { settled: boolean; value?: T; error?: unknown } {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}
