import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@ai-ticket/config';
import { EventHistoryStore } from './event-history.store';
import { MemoryEventHistoryStore } from './memory-event-history.store';

/** The one place the history backend is chosen, from validated configuration. */
async function createEventHistoryStore(config: ConfigService<AppConfig, true>): Promise<EventHistoryStore> {
  const history = config.get('history', { infer: true });
  switch (history.backend) {
    case 'memory':
      return new MemoryEventHistoryStore();
    case 'sqlite':
      return (await typeOrmHistory()).openSqliteEventHistory(history, config.get('sqlite', { infer: true }));
    case 'postgres':
      // Validation requires DATABASE_URL for this backend; the type cannot know it.
      if (!history.databaseUrl) throw new Error('The postgres history backend needs DATABASE_URL');
      return (await typeOrmHistory()).openPostgresEventHistory(history.databaseUrl);
    default:
      throw new Error(`Unsupported history backend "${String(history.backend)}"`);
  }
}

/** The database stores, imported only when chosen: their entities would load TypeORM into every service. */
function typeOrmHistory(): Promise<typeof import('./typeorm-event-history.factory')> {
  return import('./typeorm-event-history.factory');
}

/**
 * Provides the one `EventHistoryStore` of the application. Database adapters close their connections
 * at application shutdown (`onApplicationShutdown`), after the event recorder's last flush: Nest runs
 * the hooks of importing modules before those of the modules they import.
 */
@Module({
  providers: [{ provide: EventHistoryStore, inject: [ConfigService], useFactory: createEventHistoryStore }],
  exports: [EventHistoryStore],
})
export class EventHistoryStoreModule {}
