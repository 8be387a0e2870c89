import { Module } from '@nestjs/common';
import { EventHistoryStoreModule } from './event-history-store.module';
import { EventRecorder } from './event-recorder.service';

/**
 * The event history: `EventRecorder` to record finished events, and the `EventHistoryStore` to read
 * summaries from. Importing the store module is also what orders shutdown right: Nest runs this
 * module's hooks (the recorder's last flush) before those of the modules it imports (closing the store).
 */
@Module({
  imports: [EventHistoryStoreModule],
  providers: [EventRecorder],
  exports: [EventRecorder, EventHistoryStoreModule],
})
export class EventHistoryModule {}
