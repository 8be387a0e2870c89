import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresDataSource, openSqliteDataSource } from '@ai-ticket/storage';
import { historyStoreContract, postgresCandidatesForTests, postgresUrlForTestsSync, type HistoryStoreUnderTest } from '@ai-ticket/testing';
import type { DataSource } from 'typeorm';
import { HistoryEventEntity } from './entities/history-event.entity';
import { MemoryEventHistoryStore } from './memory-event-history.store';
import { HISTORY_ENTITIES, HISTORY_MIGRATIONS, openPostgresEventHistory, openSqliteEventHistory } from './typeorm-event-history.factory';
import type { TypeormEventHistoryStore } from './typeorm-event-history.store';

async function memory(): Promise<HistoryStoreUnderTest> {
  const store = new MemoryEventHistoryStore();
  return { store, storedPrompt: async (id) => store.storedPrompt(id), dispose: async () => undefined };
}

/**
 * A database store plus an inspection connection of its own (to read what was stored behind the
 * store's back). `open` opens another store on the same database each time it is called.
 */
async function database(open: () => Promise<TypeormEventHistoryStore>, inspector: DataSource, cleanUp: () => Promise<void>): Promise<HistoryStoreUnderTest> {
  let store = await open();
  const peers: TypeormEventHistoryStore[] = [];
  return {
    get store() {
      return store;
    },
    storedPrompt: async (id) => {
      const row = await inspector.createQueryBuilder(HistoryEventEntity, 'e').select('e.prompt', 'prompt').where('e.id = :id', { id }).getRawOne<{ prompt: string | null }>();
      return row ? row.prompt : undefined;
    },
    openPeer: async () => {
      const peer = await open();
      peers.push(peer);
      return { store: peer, close: () => peer.close() };
    },
    reopen: async () => {
      await store.close();
      store = await open();
      return store;
    },
    dispose: async () => {
      await Promise.all([store, ...peers].map((s) => s.close()));
      await cleanUp();
      await inspector.destroy();
    },
  };
}

async function sqlite(journalMode: 'wal' | 'delete'): Promise<HistoryStoreUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'ai-ticket-history-'));
  const sqlitePath = join(dir, 'history.sqlite');
  const settings = { journalMode, busyTimeoutMs: 5000 };
  const open = () => openSqliteEventHistory({ sqlitePath }, settings);
  const inspector = await openSqliteDataSource({ path: sqlitePath, ...settings, entities: HISTORY_ENTITIES, migrations: HISTORY_MIGRATIONS });
  return database(open, inspector, async () => rmSync(dir, { recursive: true, force: true }));
}

const postgresUrl = postgresUrlForTestsSync();
let schemaSeed = 0;

/** Each test gets a schema of its own, dropped afterwards, so runs (and tests) never see each other's rows. */
async function postgres(): Promise<HistoryStoreUnderTest> {
  const url = postgresUrl as string;
  const schema = `history_test_${process.pid}_${Date.now().toString(36)}_${(schemaSeed += 1)}`;
  const open = () => openPostgresEventHistory(url, { schema });
  const inspector = await openPostgresDataSource({ url, schema, poolSize: 1, entities: HISTORY_ENTITIES, migrations: HISTORY_MIGRATIONS });
  return database(open, inspector, async () => void (await inspector.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)));
}

describe.each([
  ['memory', memory, false],
  ['sqlite (WAL)', () => sqlite('wal'), true],
  ['sqlite (rollback journal)', () => sqlite('delete'), true],
])('%s event-history store', (_name, open, persistent) => {
  historyStoreContract(open, { persistent });
});

if (!postgresUrl) {
  const tried = postgresCandidatesForTests().map((url) => url.replace(/\/\/[^@]*@/, '//'));
  console.warn(`Skipping the PostgreSQL event-history store contract: no PostgreSQL answers at ${tried.join(' or ')} (set DATABASE_URL to use another).`);
}

// Skipped only when no PostgreSQL answers (reason printed above); CI machines run one on 127.0.0.1:5432.
(postgresUrl ? describe : describe.skip)('postgres event-history store', () => {
  historyStoreContract(postgres, { persistent: true });
});
