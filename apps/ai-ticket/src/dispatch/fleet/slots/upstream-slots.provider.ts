import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { createRedisClient } from '@ai-ticket/storage';
import { FleetMetrics } from '../fleet-metrics.service';
import { LocalUpstreamSlots } from './local-upstream-slots';
import { RedisUpstreamSlots } from './redis-upstream-slots';
import { UpstreamSlots } from './upstream-slots';

/** The one place the slot store is chosen, from validated configuration. */
async function createUpstreamSlots(config: ConfigService<AppConfig, true>, metrics: FleetMetrics): Promise<UpstreamSlots> {
  const slots = config.get('upstream.slots', { infer: true });
  switch (slots.backend) {
    case 'local':
      return new LocalUpstreamSlots();
    case 'redis': {
      const { url, keyPrefix } = config.get('redis', { infer: true });
      const [redis, subscriber] = await Promise.all([createRedisClient(url), createRedisClient(url)]);
      // Start even if Redis is down: the clients keep reconnecting, and the fail mode applies meanwhile.
      await Promise.all([redis.connect().catch(() => undefined), subscriber.connect().catch(() => undefined)]);
      return new RedisUpstreamSlots({
        redis,
        subscriber,
        keyPrefix,
        leaseMs: slots.leaseMs,
        fallback: slots.failMode === 'local' ? new LocalUpstreamSlots() : undefined,
        onStoreFailure: () => metrics.slotStoreFailed(),
        onLeaseLost: () => metrics.slotLeaseLost(),
      });
    }
    default:
      throw new Error(`Unsupported upstream slots backend "${String(slots.backend)}"`);
  }
}

export const upstreamSlotsProvider: Provider = { provide: UpstreamSlots, inject: [ConfigService, FleetMetrics], useFactory: createUpstreamSlots };
