import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresUrlForTestsSync } from '@ai-ticket/testing';
import { Client } from 'pg';
import { jsonLines, runCli } from './support/cli-runner';
import { freePort } from './support/free-port';
import { querySqlite } from './support/sqlite-query';

const RATE_LIMIT_MIGRATIONS = ['CreateRateLimitWindow1795400000000', 'CreateTokenBudgetWindow1796500000000'];
const HISTORY_MIGRATIONS = ['CreateEventHistory1795500000000', 'CreateHistoryUsage1796500000001'];

describe('ai-ticket migrate', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ai-ticket-cli-migrate-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('on SQLite', () => {
    const env = () => ({ RATE_LIMIT_BACKEND: 'sqlite', RATE_LIMIT_SQLITE_PATH: join(dir, 'new/rate-limit.sqlite'), AI_TICKET_METRICS_DB: join(dir, 'new/metrics.sqlite') });

    it('should create both fresh databases with their tables and exit 0', async () => {
      const result = await runCli(['migrate', '--json'], { env: env() });

      expect(result.code).toBe(0);
      expect(jsonLines(result.stdout)).toEqual([
        {
          databases: [
            { store: 'rate-limit', backend: 'sqlite', location: join(dir, 'new/rate-limit.sqlite'), migrations: RATE_LIMIT_MIGRATIONS },
            { store: 'event-history', backend: 'sqlite', location: join(dir, 'new/metrics.sqlite'), migrations: HISTORY_MIGRATIONS },
          ],
        },
      ]);
      const tables = async (file: string) => (await querySqlite<{ name: string }>(join(dir, 'new', file), "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).map((row) => row.name);
      expect(await tables('rate-limit.sqlite')).toEqual(['migrations', 'rate_limit_window', 'token_budget_window']);
      expect(await tables('metrics.sqlite')).toEqual(['history_event', 'history_minute', 'history_totals', 'history_usage', 'migrations']);
    });

    it('should find them up to date the second time', async () => {
      const result = await runCli(['migrate'], { env: env() });

      expect(result.code).toBe(0);
      expect(result.stdout).toBe(
        `rate-limit     sqlite    ${join(dir, 'new/rate-limit.sqlite')}  up to date: ${RATE_LIMIT_MIGRATIONS.join(', ')}\n` +
          `event-history  sqlite    ${join(dir, 'new/metrics.sqlite')}  up to date: ${HISTORY_MIGRATIONS.join(', ')}\n`,
      );
      const [applied] = await querySqlite<{ n: number }>(join(dir, 'new/metrics.sqlite'), 'SELECT count(*) AS n FROM migrations');
      expect(applied.n).toBe(HISTORY_MIGRATIONS.length);
    });

    it('should exit 1 with migration_failed when the file cannot be created', async () => {
      const blocked = join(dir, 'new/metrics.sqlite/rate-limit.sqlite'); // its "directory" is a file

      const result = await runCli(['migrate'], { env: { RATE_LIMIT_BACKEND: 'sqlite', RATE_LIMIT_SQLITE_PATH: blocked } });

      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`error: migration_failed: rate-limit (sqlite, ${blocked}): EEXIST: file already exists, mkdir '${join(dir, 'new/metrics.sqlite')}'\n`);
    });
  });

  it('should say there is nothing to migrate for memory and Redis stores', async () => {
    const json = await runCli(['migrate', '--json'], { env: { RATE_LIMIT_BACKEND: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' } });
    const human = await runCli(['migrate'], {});

    expect(json.code).toBe(0);
    expect(jsonLines(json.stdout)).toEqual([
      {
        databases: [
          { store: 'rate-limit', backend: 'redis', migrations: [] },
          { store: 'event-history', backend: 'memory', migrations: [] },
        ],
      },
    ]);
    expect(human.code).toBe(0);
    expect(human.stdout).toBe('rate-limit     memory    no database, nothing to migrate\nevent-history  memory    no database, nothing to migrate\n');
  });

  it('should exit 1 with migration_failed, and no password in the output, when PostgreSQL does not answer', async () => {
    const url = `postgres://ai:very-secret-password@127.0.0.1:${await freePort()}/ai`;

    const result = await runCli(['migrate'], { env: { DATABASE_URL: url } });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: migration_failed: event-history \(postgres, postgres:\/\/127\.0\.0\.1:\d+\/ai\): .*ECONNREFUSED/);
    expect(result.stderr).not.toContain('very-secret-password');
  });

  const postgresUrl = postgresUrlForTestsSync();
  if (!postgresUrl) process.stderr.write('cli-migrate: no PostgreSQL answers at DATABASE_URL or 127.0.0.1:5432, so the PostgreSQL cases are skipped\n');
  (postgresUrl ? describe : describe.skip)('on PostgreSQL', () => {
    const database = `ai_ticket_cli_migrate_${process.pid}_${Date.now()}`;
    let admin: Client;
    let url: string;
    /** As the CLI prints it: no user or password. */
    let shownUrl: string;

    beforeAll(async () => {
      admin = new Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      const parsed = new URL(postgresUrl as string);
      parsed.pathname = `/${database}`;
      url = parsed.toString();
      parsed.username = '';
      parsed.password = '';
      shownUrl = parsed.toString();
    });
    afterAll(async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    });

    it('should create the event history in a fresh database, once, even when run twice at the same time', async () => {
      const [first, second] = await Promise.all([runCli(['migrate', '--json'], { env: { DATABASE_URL: url } }), runCli(['migrate', '--json'], { env: { DATABASE_URL: url } })]);

      for (const result of [first, second]) {
        expect(result.code).toBe(0);
        expect(jsonLines(result.stdout)).toEqual([
          {
            databases: [
              { store: 'rate-limit', backend: 'memory', migrations: [] },
              { store: 'event-history', backend: 'postgres', location: shownUrl, migrations: HISTORY_MIGRATIONS },
            ],
          },
        ]);
      }
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
        const applied = await client.query<{ n: string }>('SELECT count(*) AS n FROM migrations');
        expect(tables.rows.map((row) => row.table_name)).toEqual(['history_event', 'history_minute', 'history_totals', 'history_usage', 'migrations']);
        expect(Number(applied.rows[0].n)).toBe(HISTORY_MIGRATIONS.length);
      } finally {
        await client.end();
      }
    }, 30_000);
  });
});
