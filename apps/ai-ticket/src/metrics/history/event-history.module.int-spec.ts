// Implicit conversion in the env validation reads the emitted design types; main.ts loads this polyfill the same way.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfigModule, buildAppConfig, type AppConfig } from '@ai-ticket/config';
import { EventHistoryModule } from './event-history.module';
import { EventHistoryStore } from './event-history.store';
import { EventRecorder } from './event-recorder.service';
import { MemoryEventHistoryStore } from './memory-event-history.store';
import { openSqliteEventHistory } from './typeorm-event-history.factory';
import { TypeormEventHistoryStore } from './typeorm-event-history.store';

const compile = (config: AppConfig) => Test.createTestingModule({ imports: [AppConfigModule.forRoot({ config }), EventHistoryModule] }).compile();

describe(EventHistoryModule.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ai-ticket-history-module-'));
    jest.spyOn(Logger.prototype, 'log').mockImplementation();
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it.each([
    ['memory', { HISTORY_BACKEND: 'memory' }, MemoryEventHistoryStore],
    ['sqlite', { HISTORY_BACKEND: 'sqlite' }, TypeormEventHistoryStore],
  ])('should provide the %s store from HISTORY_BACKEND', async (_backend, env, adapter) => {
    const app = await compile(buildAppConfig({ ...env, AI_TICKET_METRICS_DB: join(dir, 'history.sqlite') }));

    expect(app.get(EventHistoryStore)).toBeInstanceOf(adapter);
    await app.close();
  });

  it('should refuse an unknown backend', async () => {
    const config = buildAppConfig({});
    const bogus = { ...config, history: { ...config.history, backend: 'mongodb' } } as unknown as AppConfig;

    await expect(compile(bogus)).rejects.toThrow('Unsupported history backend "mongodb"');
  });

  it('should write every recorded event before the store closes at shutdown', async () => {
    const config = buildAppConfig({ HISTORY_BACKEND: 'sqlite', AI_TICKET_METRICS_DB: join(dir, 'history.sqlite') });
    const app = await compile(config);
    await app.init();
    const recorder = app.get(EventRecorder);
    const now = Date.now();
    for (let i = 0; i < 1_234; i += 1) recorder.record({ id: `event-${i}`, finishedAt: now, latencyMs: 12, outcome: 'success', stream: false });

    await app.close();

    const reopened = await openSqliteEventHistory(config.history, config.sqlite);
    const summary = await reopened.summary({ now, retentionMs: config.history.retentionMs, sparklineMinutes: 24, recentErrorLimit: 5 });
    await reopened.close();
    expect(summary.totals.requests).toBe(1_234);
  });
});
