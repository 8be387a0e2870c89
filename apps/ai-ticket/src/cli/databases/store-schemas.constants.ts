import type { MixedList } from 'typeorm';
import { HISTORY_ENTITIES, HISTORY_MIGRATIONS } from '../../metrics/history/typeorm-event-history.factory';
import { RATE_LIMIT_ENTITIES, RATE_LIMIT_MIGRATIONS } from '../../rate-limit/store/rate-limit-schema.constants';
import type { StoreName } from './database-targets.factory';

export interface StoreSchema {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own parameter types
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own parameter types
  migrations: MixedList<Function>;
}

/** The very entities and migrations each store opens its database with. */
export const STORE_SCHEMAS: Record<StoreName, StoreSchema> = {
  'rate-limit': { entities: RATE_LIMIT_ENTITIES, migrations: RATE_LIMIT_MIGRATIONS },
  'event-history': { entities: HISTORY_ENTITIES, migrations: HISTORY_MIGRATIONS },
};
