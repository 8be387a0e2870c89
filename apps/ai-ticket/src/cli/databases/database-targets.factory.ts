import { resolve } from 'node:path';
import type { AppConfig } from '@ai-ticket/config';

/** The two stores with a database: the rate-limit windows and the event history. */
export type StoreName = 'rate-limit' | 'event-history';

export type DatabaseTarget =
  | { store: StoreName; backend: 'sqlite'; path: string }
  | { store: StoreName; backend: 'postgres'; url: string }
  /** Kept elsewhere (memory, Redis): nothing to migrate or back up. */
  | { store: StoreName; backend: 'memory' | 'redis' };

/**
 * The CLI's one mapping from the validated configuration to the databases the service opens, the same
 * choice the stores' modules make (rate-limit-store.module.ts, event-history-store.module.ts).
 * SQLite paths are absolute, resolved from the working directory as the service resolves them.
 */
export function databaseTargets(config: AppConfig): DatabaseTarget[] {
  return [rateLimitTarget(config), historyTarget(config)];
}

function rateLimitTarget(config: AppConfig): DatabaseTarget {
  const backend = config.rateLimit.backend;
  switch (backend) {
    case 'sqlite':
      return { store: 'rate-limit', backend, path: resolve(config.sqlite.rateLimitPath) };
    case 'memory':
    case 'redis':
      return { store: 'rate-limit', backend };
    default:
      throw new Error(`Unsupported rate-limit backend "${String(backend)}"`);
  }
}

function historyTarget(config: AppConfig): DatabaseTarget {
  const backend = config.history.backend;
  switch (backend) {
    case 'sqlite':
      return { store: 'event-history', backend, path: resolve(config.history.sqlitePath) };
    case 'postgres':
      if (!config.history.databaseUrl) throw new Error('The postgres history backend needs DATABASE_URL');
      return { store: 'event-history', backend, url: config.history.databaseUrl };
    case 'memory':
      return { store: 'event-history', backend };
    default:
      throw new Error(`Unsupported history backend "${String(backend)}"`);
  }
}

/** Where each store's SQLite file is configured to be, whichever backend is selected (what `restore` writes to). */
export function sqlitePathOf(config: AppConfig, store: StoreName): string {
  return resolve(store === 'rate-limit' ? config.sqlite.rateLimitPath : config.history.sqlitePath);
}
