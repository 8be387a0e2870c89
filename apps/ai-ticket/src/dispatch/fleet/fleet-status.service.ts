import { Injectable } from '@nestjs/common';
import type { CircuitState } from '../upstream/circuit-breaker';
import { FleetScheduler } from './fleet-scheduler';
import { UpstreamSlots } from './slots/upstream-slots';
import { UpstreamPool } from './upstream-pool';

/** One upstream as the dashboard shows it. */
export interface UpstreamStatus {
  upstream: string;
  /** This replica's circuit for it, or `leaving` once discovery dropped it (it finishes its events). */
  state: CircuitState | 'leaving';
  slots: number;
  /** Slots taken by every replica sharing the slot store; null when the store cannot say now. */
  slotsInUse: number | null;
  /** Events this replica has there now. */
  inFlight: number;
  /** Completions and busy answers this replica got from it since it started. */
  served: number;
  busy: number;
  lastError: { kind: string; message: string; at: string } | null;
}

export interface FleetSnapshot {
  /** This replica's queue (one FIFO in front of every upstream) and its events at upstreams. */
  queue: { depth: number; inFlight: number };
  upstreams: UpstreamStatus[];
}

/** The fleet as the dashboard and the summary API show it. */
@Injectable()
export class FleetStatus {
  constructor(
    private readonly pool: UpstreamPool,
    private readonly scheduler: FleetScheduler,
    private readonly slots: UpstreamSlots,
  ) {}

  async snapshot(): Promise<FleetSnapshot> {
    const members = this.pool.all.sort((a, b) => a.key.localeCompare(b.key));
    const inUse = await this.slots.inUse(members.map((member) => member.key));
    return {
      queue: { depth: this.scheduler.depth, inFlight: members.reduce((sum, member) => sum + member.inFlight, 0) },
      upstreams: members.map((member) => ({
        upstream: member.key,
        state: member.retiring ? 'leaving' : member.breaker.state,
        slots: member.slots,
        slotsInUse: inUse?.get(member.key) ?? null,
        inFlight: member.inFlight,
        served: member.served,
        busy: member.busyAnswers,
        lastError: member.lastError ? { ...member.lastError, at: new Date(member.lastError.at).toISOString() } : null,
      })),
    };
  }
}
