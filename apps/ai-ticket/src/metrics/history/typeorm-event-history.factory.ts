import type { HistoryConfig, SqliteConfig } from '@ai-ticket/config';
import { openPostgresDataSource, openSqliteDataSource } from '@ai-ticket/storage';
import { HistoryEventEntity } from './entities/history-event.entity';
import { HistoryMinuteEntity } from './entities/history-minute.entity';
import { HistoryTotalsEntity } from './entities/history-totals.entity';
import { HistoryUsageEntity } from './entities/history-usage.entity';
import { CreateEventHistory1795500000000 } from './migrations/1795500000000-create-event-history';
import { CreateHistoryUsage1796500000001 } from './migrations/1796500000001-create-history-usage';
import { TypeormEventHistoryStore } from './typeorm-event-history.store';

export const HISTORY_ENTITIES = [HistoryEventEntity, HistoryMinuteEntity, HistoryTotalsEntity, HistoryUsageEntity];
export const HISTORY_MIGRATIONS = [CreateEventHistory1795500000000, CreateHistoryUsage1796500000001];

/** The history in the SQLite file `AI_TICKET_METRICS_DB`, with the journal mode and busy timeout every SQLite store uses. */
export async function openSqliteEventHistory(history: Pick<HistoryConfig, 'sqlitePath'>, sqlite: Pick<SqliteConfig, 'journalMode' | 'busyTimeoutMs'>): Promise<TypeormEventHistoryStore> {
  const dataSource = await openSqliteDataSource({
    path: history.sqlitePath,
    journalMode: sqlite.journalMode,
    busyTimeoutMs: sqlite.busyTimeoutMs,
    entities: HISTORY_ENTITIES,
    migrations: HISTORY_MIGRATIONS,
  });
  return new TypeormEventHistoryStore(dataSource);
}

/** The history in PostgreSQL (`DATABASE_URL`), shared by every replica; `schema` keeps test runs apart. */
export async function openPostgresEventHistory(url: string, options: { schema?: string } = {}): Promise<TypeormEventHistoryStore> {
  const dataSource = await openPostgresDataSource({ url, schema: options.schema, entities: HISTORY_ENTITIES, migrations: HISTORY_MIGRATIONS });
  return new TypeormEventHistoryStore(dataSource);
}
