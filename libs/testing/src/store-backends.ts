import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqliteConfig } from '@ai-ticket/config';
import { createRedisClient } from '@ai-ticket/storage';
import type Redis from 'ioredis';
import { describeWithRedis, redisUrlForTests } from './redis-availability';

/** A store adapter as Nest closes it. */
export interface ClosableStore {
  onModuleDestroy(): void | Promise<void>;
}

export interface OpenedStore<Store> {
  store: Store;
  /** Closes connections and removes files. */
  dispose(): Promise<void>;
}

/** How to open one store on each backend, given what the backend needs. */
export interface StoreBackends<Store extends ClosableStore> {
  memory(): Store;
  sqlite(settings: SqliteConfig): Promise<Store>;
  /** Takes over `client` (connected), and closes it when it is closed. */
  redis(client: Redis): Store;
}

/** A SQLite file of its own in a new temporary directory, with the settings the stores take; `remove` deletes it all. */
export function tempSqliteFile(journalMode: SqliteConfig['journalMode'] = 'wal'): { settings: SqliteConfig; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ai-ticket-store-'));
  return {
    settings: { rateLimitPath: join(dir, 'rate-limit.sqlite'), journalMode, busyTimeoutMs: 5000 },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Runs `contract` against every backend of a store (named `<backend> <subject>`): memory, SQLite with a
 * WAL and with a rollback journal (a new file per test), and the real Redis, skipped with the reason
 * printed only when none answers.
 */
export function describeStoreBackends<Store>(
  subject: string,
  backends: StoreBackends<NoInfer<Store> & ClosableStore>,
  contract: (open: () => Promise<OpenedStore<Store>>) => void,
): void {
  const memory = async (): Promise<OpenedStore<Store>> => {
    const store = backends.memory();
    return { store, dispose: async () => store.onModuleDestroy() };
  };
  const sqlite = async (journalMode: SqliteConfig['journalMode']): Promise<OpenedStore<Store>> => {
    const file = tempSqliteFile(journalMode);
    const store = await backends.sqlite(file.settings);
    return {
      store,
      dispose: async () => {
        await store.onModuleDestroy();
        file.remove();
      },
    };
  };
  const redis = async (): Promise<OpenedStore<Store>> => {
    const client = await createRedisClient(redisUrlForTests());
    await client.connect();
    const store = backends.redis(client);
    return { store, dispose: async () => store.onModuleDestroy() };
  };

  describe.each([
    ['memory', memory],
    ['sqlite (WAL)', () => sqlite('wal')],
    ['sqlite (rollback journal)', () => sqlite('delete')],
  ])(`%s ${subject}`, (_name, open) => {
    contract(open);
  });
  describeWithRedis(`redis ${subject}`, () => {
    contract(redis);
  });
}
