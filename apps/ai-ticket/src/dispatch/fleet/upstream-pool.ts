import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { FleetMetrics } from './fleet-metrics.service';
import { Upstream, type UpstreamSettings, type UpstreamTarget } from './upstream';
import { upstreamLabel } from './upstream-address.util';

/**
 * The backends this replica knows, as discovery last reported them. A backend that leaves takes no new
 * work but keeps its connections until its in-flight generations end; then it is closed and its
 * metric series removed. A backend that comes back before that is simply kept.
 */
@Injectable()
export class UpstreamPool implements OnModuleDestroy {
  private readonly logger = new Logger('UpstreamFleet');
  private readonly members = new Map<string, Upstream>();
  private readonly settings: UpstreamSettings;
  private readonly listeners: (() => void)[] = [];
  /** The members that take new work, rebuilt on every change (read on every event). */
  private current: readonly Upstream[] = [];

  constructor(
    private readonly metrics: FleetMetrics,
    config: ConfigService<AppConfig, true>,
  ) {
    const upstream = config.get('upstream', { infer: true });
    this.settings = {
      apiKey: upstream.apiKey,
      circuitThreshold: upstream.circuitThreshold,
      circuitCooldownMs: upstream.circuitCooldownMs,
      onCircuitChange: (member, state) => {
        metrics.circuit(member.key, state);
        // A circuit that closes may unblock waiting events (one that turns half-open is noticed by their re-checks).
        if (state === 'closed') this.notify();
      },
    };
  }

  /** Backends that take new work now or later (not retiring), whatever their circuit says. */
  get active(): readonly Upstream[] {
    return this.current;
  }

  /** Every backend, retiring ones included (dashboard). */
  get all(): Upstream[] {
    return [...this.members.values()];
  }

  /** Makes `targets` the fleet: adds newcomers, retires backends no longer listed. */
  replace(targets: readonly UpstreamTarget[]): void {
    const wanted = new Map(targets.map((target) => [upstreamLabel(target.url), target]));
    let changed = false;
    for (const [key, target] of wanted) {
      const member = this.members.get(key);
      if (member?.retiring) {
        member.retiring = false;
        changed = true;
      } else if (!member) {
        this.members.set(key, new Upstream(target, this.settings));
        this.metrics.joined(key, target.slots);
        this.logger.log({ msg: 'Upstream joined', upstream: key, slots: target.slots });
        changed = true;
      }
    }
    for (const member of this.members.values()) {
      if (wanted.has(member.key) || member.retiring) continue;
      member.retiring = true;
      this.logger.log({ msg: 'Upstream left; it finishes its in-flight events', upstream: member.key, inFlight: member.inFlight });
      this.disposeIfIdle(member);
      changed = true;
    }
    if (changed) this.changed();
  }

  /** Called whenever the set of members or their eligibility changes. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** An event starts at `member`. */
  occupy(member: Upstream): void {
    member.inFlight += 1;
    this.metrics.inFlightAt(member.key, member.inFlight);
  }

  /** An event ends at `member`. */
  vacate(member: Upstream): void {
    member.inFlight -= 1;
    if (!this.disposeIfIdle(member)) this.metrics.inFlightAt(member.key, member.inFlight);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.members.values()].map((member) => member.http.destroy()));
  }

  private disposeIfIdle(member: Upstream): boolean {
    if (!member.retiring || member.inFlight > 0 || this.members.get(member.key) !== member) return false;
    this.members.delete(member.key);
    this.metrics.left(member.key);
    void member.http.close().catch(() => undefined);
    return true;
  }

  private changed(): void {
    this.current = [...this.members.values()].filter((member) => !member.retiring);
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
