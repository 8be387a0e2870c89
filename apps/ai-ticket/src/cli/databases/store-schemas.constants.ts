import type { MixedList } from 'typeorm';
import { HISTORY_ENTITIES, HISTORY_MIGRATIONS } from '../../metrics/history/typeorm-event-history.factory';
import { CreateRateLimitWindow1795400000000 } from '../../rate-limit/store/migrations/1795400000000-create-rate-limit-window';
import { RateLimitWindowEntity } from '../../rate-limit/store/rate-limit-window.entity';
import type { StoreName } from './database-targets.factory';

export interface StoreSchema {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own parameter types
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own parameter types
  migrations: MixedList<Function>;
}

/** The very entities and migrations each store opens its database with. */
export const STORE_SCHEMAS: Record<StoreName, StoreSchema> = {
  'rate-limit': { entities: [RateLimitWindowEntity], migrations: [CreateRateLimitWindow1795400000000] },
  'event-history': { entities: HISTORY_ENTITIES, migrations: HISTORY_MIGRATIONS },
};
