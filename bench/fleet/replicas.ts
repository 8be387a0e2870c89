import { randomBytes } from 'node:crypto';
import { perVariantFile } from '../load-suite';
import { startService, type RunningServer } from '../servers';
import type { BenchSettings } from '../settings';
import { waitForSlotSubscribers } from './redis-slots';

/** Where the replicas count upstream slots: each in its own process, or shared leases in Redis. */
export type SlotsMode = 'local' | 'redis';

export interface ReplicaGroupOptions {
  /** Names the processes and their log files, e.g. `handover-redis`. */
  readonly label: string;
  readonly replicas: number;
  readonly upstreamUrls: readonly string[];
  readonly slots: SlotsMode;
  /** `UPSTREAM_CONCURRENCY`: generations each replica may run at once on one upstream. */
  readonly concurrency: number;
}

export interface ReplicaGroup {
  readonly label: string;
  readonly slots: SlotsMode;
  readonly servers: readonly RunningServer[];
  /** Stops every replica gracefully; says which did not drain and exit 0. */
  stop(): Promise<string[]>;
}

/** What every fleet replica runs with on top of the bench's usual service tuning. */
export const FLEET_SERVICE_ENV = {
  LOG_LEVEL: 'warn',
  // The limiter is not what is measured here: off, as in the load suite's "off" variant.
  RATE_LIMIT_REQUESTS: '0',
} as const;

/**
 * Starts `replicas` services in front of the same upstreams. With Redis slots they share one fresh
 * `REDIS_KEY_PREFIX` (no lease or announcement from an earlier run can count), and the group is ready
 * only once every replica has subscribed to the release announcements.
 */
export async function startReplicas(options: ReplicaGroupOptions, settings: BenchSettings): Promise<ReplicaGroup> {
  const keyPrefix = `bench-fleet-${randomBytes(4).toString('hex')}:`;
  const slotsEnv: Record<string, string> =
    options.slots === 'redis' ? { UPSTREAM_SLOTS: 'redis', REDIS_URL: settings.redisUrl, REDIS_KEY_PREFIX: keyPrefix } : { UPSTREAM_SLOTS: 'local' };
  const servers = await Promise.all(
    Array.from({ length: options.replicas }, (_, i) => {
      const name = `${options.label}-${i + 1}`;
      return startService({
        upstreamUrl: options.upstreamUrls.join(','),
        logLevel: FLEET_SERVICE_ENV.LOG_LEVEL,
        nodeArgs: settings.serviceNodeArgs,
        logFile: settings.serviceLogFile ? perVariantFile(settings.serviceLogFile, name) : undefined,
        name: `service ${name}`,
        env: { ...settings.serviceEnv, ...FLEET_SERVICE_ENV, UPSTREAM_CONCURRENCY: String(options.concurrency), ...slotsEnv },
      });
    }),
  );
  const group: ReplicaGroup = { label: options.label, slots: options.slots, servers, stop: () => stopGroup(servers) };
  if (options.slots === 'redis') {
    try {
      await waitForSlotSubscribers(settings.redisUrl, keyPrefix, options.replicas);
    } catch (error) {
      await group.stop();
      throw error;
    }
  }
  return group;
}

async function stopGroup(servers: readonly RunningServer[]): Promise<string[]> {
  const problems: string[] = [];
  for (const { child } of servers) {
    const code = await child.stop();
    if (child.killedAfterGrace) problems.push(`${child.name} was still draining after SIGTERM and was killed`);
    else if (code !== 0) problems.push(`${child.name} exited with code ${code} after SIGTERM`);
  }
  return problems;
}
