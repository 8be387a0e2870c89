import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeUpstream } from '@ai-ticket/testing';
import { jsonLines, runCli } from './support/cli-runner';
import { EventLoad } from './support/event-load';
import { RunningService } from './support/running-service';
import { historyCounts, querySqlite } from './support/sqlite-query';

const TOKENS = Array.from({ length: 6 }, (_, i) => `backup-client-${i}-0123456789abcdef`);
const AUTH = { AI_TICKET_AUTH_TOKEN: TOKENS.map((token, i) => `c${i}=${token}`).join(',') };

/** The variables that place both SQLite stores in `dir`, for the service and the CLI alike. */
const sqliteIn = (dir: string, journal: 'wal' | 'delete' = 'wal') => ({
  RATE_LIMIT_BACKEND: 'sqlite',
  RATE_LIMIT_SQLITE_PATH: join(dir, 'rate-limit.sqlite'),
  AI_TICKET_METRICS_DB: join(dir, 'metrics.sqlite'),
  SQLITE_JOURNAL_MODE: journal,
});

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const settle = () => new Promise((resolve) => setTimeout(resolve, 600)); // > the history's 250 ms flush

interface Manifest {
  path: string;
  databases: Array<{ store: string; file: string; sha256: string; tables: Record<string, number>; totals?: { requests: number } }>;
}

describe('ai-ticket backup and restore', () => {
  let upstream: FakeUpstream;
  let dir: string;

  beforeAll(async () => {
    upstream = await FakeUpstream.start();
    dir = mkdtempSync(join(tmpdir(), 'ai-ticket-cli-backup-'));
  });
  afterAll(async () => {
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const startService = (dataDir: string, journal: 'wal' | 'delete' = 'wal') =>
    RunningService.start({ KOBOLDCPP_API_URL: upstream.url, UPSTREAM_CONCURRENCY: '8', UPSTREAM_QUEUE_SIZE: '1000', RATE_LIMIT_REQUESTS: '100000', ...AUTH, ...sqliteIn(dataDir, journal) });

  describe('with a running service (WAL)', () => {
    let live: string;
    let service: RunningService;
    let manifest: Manifest;

    beforeAll(async () => {
      live = join(dir, 'live');
      service = await startService(live);
    }, 30_000);
    afterAll(() => service.stop());

    it('should back up both databases while the service is writing, each copy one consistent snapshot', async () => {
      const load = EventLoad.start(service.url, TOKENS, 6);
      await load.waitFor(150);

      const result = await runCli(['backup', '--to', join(dir, 'backup-1'), '--json'], { env: sqliteIn(live) });
      const answeredDuringBackup = load.answered;
      const statuses = await load.stop();
      await settle();

      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      [manifest] = jsonLines(result.stdout) as Manifest[];
      expect(manifest).toEqual({
        format: 'ai-ticket-sqlite-backup/1',
        createdAt: expect.any(String),
        path: join(dir, 'backup-1'),
        databases: [
          {
            store: 'rate-limit',
            file: 'rate-limit.sqlite',
            source: join(live, 'rate-limit.sqlite'),
            bytes: expect.any(Number),
            sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
            tables: { migrations: 2, rate_limit_window: TOKENS.length, token_budget_window: 0 },
            migrations: ['CreateRateLimitWindow1795400000000', 'CreateTokenBudgetWindow1796500000000'],
          },
          {
            store: 'event-history',
            file: 'metrics.sqlite',
            source: join(live, 'metrics.sqlite'),
            bytes: expect.any(Number),
            sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
            tables: { history_event: expect.any(Number), history_minute: expect.any(Number), history_totals: 1, history_usage: expect.any(Number), migrations: 2 },
            migrations: ['CreateEventHistory1795500000000', 'CreateHistoryUsage1796500000001'],
            totals: { requests: expect.any(Number), successes: expect.any(Number), errors: 0 },
          },
        ],
      });
      expect(statuses).toEqual({ 200: load.answered });
      // One file per database plus the manifest: no -wal, no leftover staging directory.
      expect(readdirSync(join(dir, 'backup-1')).sort()).toEqual(['manifest.json', 'metrics.sqlite', 'rate-limit.sqlite']);
      expect(readdirSync(dir).filter((name) => name.includes('partial'))).toEqual([]);
      for (const database of manifest.databases) expect(sha256(join(dir, 'backup-1', database.file))).toBe(database.sha256);
      // Consistent: every batch the copy holds is whole (events, minute sums and totals agree) ...
      const copied = await historyCounts(join(dir, 'backup-1', 'metrics.sqlite'));
      expect(copied.minutes).toBe(copied.totals);
      expect(copied.events).toBe(copied.totals);
      expect(copied.totals).toBe(manifest.databases[1].totals?.requests);
      expect(copied.totals).toBeGreaterThanOrEqual(100);
      // ... and it was taken while the service kept writing.
      expect(copied.totals).toBeLessThanOrEqual(answeredDuringBackup);
      expect((await historyCounts(join(live, 'metrics.sqlite'))).totals).toBeGreaterThan(copied.totals);
    }, 30_000);

    it('should refuse to restore over the running service’s databases (exit 4) and change nothing', async () => {
      const before = readdirSync(live).sort();
      const inode = statSync(join(live, 'metrics.sqlite')).ino;

      const human = await runCli(['restore', '--from', join(dir, 'backup-1')], { env: sqliteIn(live) });
      const json = await runCli(['restore', '--from', join(dir, 'backup-1'), '--json'], { env: sqliteIn(live) });

      expect(human.code).toBe(4);
      expect(human.stderr).toMatch(new RegExp(`^error: database_in_use: ${join(live, 'rate-limit.sqlite')} is in use \\(open in process ${service.process.child.pid}\\); stop the service first\\. Nothing was changed`));
      expect(json.code).toBe(4);
      expect(jsonLines(json.stdout)).toEqual([{ error: 'database_in_use', message: expect.stringContaining('is in use'), path: join(live, 'rate-limit.sqlite') }]);
      expect(readdirSync(live).sort()).toEqual(before);
      expect(statSync(join(live, 'metrics.sqlite')).ino).toBe(inode);
      expect((await runCli(['health'], { env: { AI_TICKET_URL: service.url } })).code).toBe(0);
    });

    it('should restore into a stopped location, where a service then reports the backed-up totals', async () => {
      const target = join(dir, 'restored');

      const result = await runCli(['restore', '--from', join(dir, 'backup-1'), '--json'], { env: sqliteIn(target) });

      expect(result.code).toBe(0);
      const backedUp = manifest.databases;
      expect(jsonLines(result.stdout)).toEqual([
        {
          restored: [
            { store: 'rate-limit', path: join(target, 'rate-limit.sqlite'), tables: backedUp[0].tables, migrations: ['CreateRateLimitWindow1795400000000', 'CreateTokenBudgetWindow1796500000000'] },
            { store: 'event-history', path: join(target, 'metrics.sqlite'), tables: backedUp[1].tables, migrations: ['CreateEventHistory1795500000000', 'CreateHistoryUsage1796500000001'], totals: backedUp[1].totals },
          ],
        },
      ]);
      const [windows] = await querySqlite<{ n: number }>(join(target, 'rate-limit.sqlite'), 'SELECT count(*) AS n FROM rate_limit_window');
      expect(windows.n).toBe(TOKENS.length);
      expect((await historyCounts(join(target, 'metrics.sqlite'))).totals).toBe(backedUp[1].totals?.requests);

      const restored = await startService(target);
      try {
        const summary = await fetch(`${restored.url}/api/metrics/summary`, { headers: { authorization: `Bearer ${TOKENS[0]}` } }).then((res) => res.json() as Promise<{ totals: { requests: number } }>);
        expect(summary.totals.requests).toBe(backedUp[1].totals?.requests);
      } finally {
        expect(await restored.stop()).toBe(0);
      }
    }, 30_000);
  });

  it('should restore over a crashed service’s databases, keeping the replaced files whole', async () => {
    const crashed = join(dir, 'crashed');
    const service = await startService(crashed);
    const load = EventLoad.start(service.url, TOKENS, 2);
    await load.waitFor(40);
    await load.stop();
    await settle();
    await service.stop('SIGKILL');
    expect(existsSync(join(crashed, 'metrics.sqlite-wal'))).toBe(true);

    const result = await runCli(['restore', '--from', join(dir, 'backup-1')], { env: sqliteIn(crashed) });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^restored 2 database\(s\) from .*backup-1\n {2}rate-limit +.*rate-limit\.sqlite \(previous file kept as .*rate-limit\.sqlite\.before-restore-\d{8}T\d{6}Z\)\n/);
    const files = readdirSync(crashed).sort();
    expect(files.filter((name) => /-(wal|shm|journal)$/.test(name))).toEqual([]);
    const previous = files.find((name) => name.startsWith('metrics.sqlite.before-restore-')) as string;
    // The crash's uncheckpointed WAL was folded into the kept file before it was moved aside.
    expect((await historyCounts(join(crashed, previous))).totals).toBe(load.answered);
    expect(sha256(join(crashed, 'metrics.sqlite'))).toBe(sha256(join(dir, 'backup-1', 'metrics.sqlite')));
  }, 30_000);

  it('should back up and refuse to restore in use with the rollback journal too', async () => {
    const data = join(dir, 'rollback');
    const service = await startService(data, 'delete');
    try {
      const load = EventLoad.start(service.url, TOKENS, 4);
      await load.waitFor(60);
      const backup = await runCli(['backup', '--to', join(dir, 'backup-rollback')], { env: sqliteIn(data, 'delete') });
      await load.stop();
      const refused = await runCli(['restore', '--from', join(dir, 'backup-rollback')], { env: sqliteIn(data, 'delete') });

      expect(backup.code).toBe(0);
      expect(backup.stdout).toMatch(/^backed up 2 database\(s\) to .*backup-rollback\n {2}rate-limit +rate-limit\.sqlite +\d+ bytes {2}rows: migrations 2, rate_limit_window 4, token_budget_window 0\n {2}event-history {2}metrics\.sqlite +\d+ bytes {2}rows: history_event \d+, history_minute \d+, history_totals 1, history_usage \d+, migrations 2\n$/);
      const copied = await historyCounts(join(dir, 'backup-rollback', 'metrics.sqlite'));
      expect(copied.events).toBe(copied.totals);
      expect(copied.minutes).toBe(copied.totals);
      // An idle rollback-journal connection holds no lock; the open file handle gives it away.
      expect(refused.code).toBe(4);
      expect(refused.stderr).toMatch(/database_in_use: .* is in use \(open in process \d+\)/);
    } finally {
      await service.stop();
    }
    const restored = await runCli(['restore', '--from', join(dir, 'backup-rollback')], { env: sqliteIn(data, 'delete') });
    expect(restored.code).toBe(0);
  }, 30_000);

  it('should refuse a backup that does not match its manifest (exit 1) and change nothing', async () => {
    const damaged = join(dir, 'backup-damaged');
    cpSync(join(dir, 'backup-1'), damaged, { recursive: true });
    const file = join(damaged, 'metrics.sqlite');
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] ^= 0xff;
    writeFileSync(file, bytes);
    const target = join(dir, 'never-written');

    const result = await runCli(['restore', '--from', damaged, '--json'], { env: sqliteIn(target) });
    const notABackup = await runCli(['restore', '--from', dir], { env: sqliteIn(target) });

    expect(result.code).toBe(1);
    expect(jsonLines(result.stdout)).toEqual([{ error: 'invalid_backup', message: `${file} does not match its checksum in the manifest (damaged or changed)` }]);
    expect(notABackup.code).toBe(1);
    expect(notABackup.stderr).toMatch(/^error: invalid_backup: .* is not an ai-ticket backup \(no manifest\.json\)/);
    expect(existsSync(target)).toBe(false);
  });

  it('should refuse to restore both stores into one file', async () => {
    const same = join(dir, 'same/one.sqlite');

    const result = await runCli(['restore', '--from', join(dir, 'backup-1')], { env: { RATE_LIMIT_SQLITE_PATH: same, AI_TICKET_METRICS_DB: same } });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: restore_failed: RATE_LIMIT_SQLITE_PATH and AI_TICKET_METRICS_DB name the same file/);
    expect(existsSync(same)).toBe(false);
  });

  it('should refuse to back up into a directory that holds files, or when no SQLite database is configured', async () => {
    const occupied = join(dir, 'occupied');
    mkdirSync(occupied);
    copyFileSync(join(dir, 'backup-1', 'manifest.json'), join(occupied, 'manifest.json'));
    const live = join(dir, 'live');

    const taken = await runCli(['backup', '--to', occupied], { env: sqliteIn(live) });
    const nothing = await runCli(['backup', '--to', join(dir, 'backup-none'), '--json'], { env: { RATE_LIMIT_BACKEND: 'memory' } });
    const missing = await runCli(['backup', '--to', join(dir, 'backup-missing')], { env: sqliteIn(join(dir, 'no-such-dir')) });

    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/^error: backup_failed: .*occupied already exists and is not an empty directory/);
    expect(nothing.code).toBe(1);
    expect(jsonLines(nothing.stdout)).toEqual([{ error: 'backup_failed', message: expect.stringContaining('nothing to back up') }]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/the rate-limit database .* does not exist/);
    expect(existsSync(join(dir, 'backup-none'))).toBe(false);
  });

  it('should exit 2 naming an invalid variable, never its value', async () => {
    const result = await runCli(['backup', '--to', join(dir, 'backup-bad')], { env: { RATE_LIMIT_BACKEND: 'sqlite', SQLITE_JOURNAL_MODE: 'secret-looking-value' } });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: invalid_configuration: .*SQLITE_JOURNAL_MODE/s);
    expect(result.stderr).not.toContain('secret-looking-value');
  });
});
