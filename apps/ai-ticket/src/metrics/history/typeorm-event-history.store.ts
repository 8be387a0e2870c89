import type { OnApplicationShutdown } from '@nestjs/common';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { HistoryEventEntity } from './entities/history-event.entity';
import { HistoryMinuteEntity, MINUTE_BUCKET_COLUMNS } from './entities/history-minute.entity';
import { HistoryTotalsEntity } from './entities/history-totals.entity';
import { HistoryUsageEntity } from './entities/history-usage.entity';
import { aggregateUsage, usageByClient, type ClientUsage, type HourUsage, type UsageQuery } from './client-usage.util';
import { minuteStartOf } from './event-history.constants';
import { EventHistoryStore, type FinishedEvent, type HistorySummary, type SummaryQuery } from './event-history.store';
import { buildSummary, summaryRange, toRecentError } from './history-summary.util';
import { toEventRow, toMinuteAggregate, toTotals, type Row } from './history-row.util';
import { aggregateBatch, assertValidBatch, type HistoryTotals, type MinuteAggregate } from './minute-aggregate.util';

/** Rows per INSERT: 8 parameters per event (18 per minute) stays far below SQLite's and PostgreSQL's limits. */
const ROWS_PER_INSERT = 500;
const MINUTE_COLUMNS = ['minute_start', 'requests', 'successes', 'errors', 'latency_sum_ms', ...MINUTE_BUCKET_COLUMNS];
const TOTALS_ID = 1;

/**
 * The history in SQLite or PostgreSQL: the same entities, migrations and SQL for both. A batch is one
 * transaction: its events, then its minutes (one upsert each, oldest first so that concurrent writers
 * lock rows in the same order and cannot deadlock), then the totals, a single hot row locked last.
 */
export class TypeormEventHistoryStore extends EventHistoryStore implements OnApplicationShutdown {
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly minuteTable: string;
  private readonly totalsTable: string;
  private readonly usageTable: string;
  /** A summary reads three tables and must see them at one instant: SQLite's read transaction does; PostgreSQL's READ COMMITTED would not. */
  private readonly snapshot: 'REPEATABLE READ' | undefined;
  private readonly sqlite: boolean;

  constructor(private readonly dataSource: DataSource) {
    super();
    this.minuteTable = this.tableOf(HistoryMinuteEntity);
    this.totalsTable = this.tableOf(HistoryTotalsEntity);
    this.usageTable = this.tableOf(HistoryUsageEntity);
    this.snapshot = dataSource.options.type === 'postgres' ? 'REPEATABLE READ' : undefined;
    this.sqlite = dataSource.options.type === 'sqlite';
  }

  async record(events: readonly FinishedEvent[]): Promise<void> {
    if (events.length === 0) return;
    assertValidBatch(events);
    await this.exclusive(() =>
      this.dataSource.transaction(async (manager) => {
        if (this.sqlite) {
          // Take SQLite's write lock before reading: two deferred transactions that both read and then
          // write deadlock (SQLITE_BUSY at once; the busy timeout does not apply to lock upgrades).
          await manager.query(`UPDATE ${this.totalsTable} SET requests = requests WHERE 1 = 0`);
        }
        // Events already stored are skipped: a batch retried after a commit whose reply was lost counts once.
        const fresh = await this.notYetStored(manager, events);
        if (fresh.length === 0) return;
        const { minutes, totals } = aggregateBatch(fresh);
        for (let i = 0; i < fresh.length; i += ROWS_PER_INSERT) {
          const rows = fresh.slice(i, i + ROWS_PER_INSERT).map(toEventRow);
          await manager.createQueryBuilder().insert().into(HistoryEventEntity).values(rows).updateEntity(false).execute();
        }
        for (let i = 0; i < minutes.length; i += ROWS_PER_INSERT) await this.addMinutes(manager, minutes.slice(i, i + ROWS_PER_INSERT));
        for (const hour of aggregateUsage(fresh)) await this.addUsage(manager, hour);
        await this.addTotals(manager, totals);
      }),
    );
  }

  private async notYetStored(manager: EntityManager, events: readonly FinishedEvent[]): Promise<readonly FinishedEvent[]> {
    const stored = new Set<string>();
    for (let i = 0; i < events.length; i += ROWS_PER_INSERT) {
      const ids = events.slice(i, i + ROWS_PER_INSERT).map((event) => event.id);
      const rows = await manager.createQueryBuilder(HistoryEventEntity, 'e').select('e.id', 'id').where('e.id IN (:...ids)', { ids }).getRawMany<{ id: string }>();
      rows.forEach((row) => stored.add(row.id));
    }
    return stored.size === 0 ? events : events.filter((event) => !stored.has(event.id));
  }

  async changeMarker(): Promise<number> {
    const rows = await this.dataSource.query(`SELECT requests FROM ${this.totalsTable} WHERE id = ${TOTALS_ID}`);
    return Number((rows as Array<{ requests: number | string }>)[0]?.requests ?? 0);
  }

  summary(query: SummaryQuery): Promise<HistorySummary> {
    const { fromMinute, toMinute, windowStart } = summaryRange(query);
    const read = async (manager: EntityManager) => {
      const minutes = await this.query(manager, `SELECT * FROM ${this.minuteTable} WHERE minute_start >= :fromMinute AND minute_start <= :toMinute`, {
        fromMinute,
        toMinute,
      });
      const [totals] = await this.query(manager, `SELECT requests, successes, errors FROM ${this.totalsTable} WHERE id = :id`, { id: TOTALS_ID });
      const errors = await manager
        .createQueryBuilder(HistoryEventEntity, 'e')
        .where('e.outcome = :outcome', { outcome: 'error' })
        .andWhere('e.finishedAt >= :windowStart', { windowStart })
        .orderBy('e.finishedAt', 'DESC')
        .addOrderBy('e.id', 'DESC')
        .limit(query.recentErrorLimit)
        .getMany();
      return buildSummary(query, minutes.map(toMinuteAggregate), toTotals(totals), errors.map((e) => toRecentError({ ...e, errorCode: e.errorCode ?? undefined, message: e.message ?? undefined })));
    };
    return this.exclusive(() => (this.snapshot ? this.dataSource.transaction(this.snapshot, read) : this.dataSource.transaction(read)));
  }

  async usage({ from, to }: UsageQuery): Promise<ClientUsage[]> {
    const rows = await this.exclusive(() =>
      this.query(this.dataSource.manager, `SELECT * FROM ${this.usageTable} WHERE hour_start >= :from AND hour_start < :to`, { from, to }),
    );
    return usageByClient(
      rows.map((row) => ({
        hourStart: Number(row.hour_start),
        client: String(row.client),
        requests: Number(row.requests),
        promptTokens: Number(row.prompt_tokens),
        completionTokens: Number(row.completion_tokens),
        estimated: Number(row.estimated),
      })),
    );
  }

  /** The caller keeps the sparkline's minutes: `EventRecorder` passes `now - max(retention, 24 min)`. */
  prune(before: number): Promise<number> {
    return this.exclusive(() =>
      this.dataSource.transaction(async (manager) => {
        const events = await manager.createQueryBuilder().delete().from(HistoryEventEntity).where('finished_at < :before', { before }).execute();
        // A minute goes only once all of it is older than `before`.
        await manager.createQueryBuilder().delete().from(HistoryMinuteEntity).where('minute_start < :first', { first: minuteStartOf(before) }).execute();
        return events.affected ?? 0;
      }),
    );
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** Waits for the operations already queued, then closes the connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /** Not `onModuleDestroy`: the event recorder's last flush runs at application shutdown, after every module is destroyed. */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /**
   * One operation at a time per store. SQLite gives a data source a single connection, on which
   * TypeORM would nest a second transaction as a savepoint of the first instead of waiting for it.
   */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The event history store is closed'));
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** `table.x + excluded.x` makes the increment atomic: concurrent writers of one minute never lose counts. */
  private addMinutes(manager: EntityManager, minutes: readonly MinuteAggregate[]): Promise<unknown> {
    const parameters: Record<string, number> = {};
    const rows = minutes.map((minute, r) => {
      const values = [minute.minuteStart, minute.requests, minute.successes, minute.errors, minute.latencySumMs, ...minute.buckets];
      return `(${values.map((value, c) => ((parameters[`m${r}_${c}`] = value), `:m${r}_${c}`)).join(', ')})`;
    });
    const added = MINUTE_COLUMNS.slice(1).map((column) => `${column} = m.${column} + excluded.${column}`);
    const sql = `INSERT INTO ${this.minuteTable} AS m (${MINUTE_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}
      ON CONFLICT (minute_start) DO UPDATE SET ${added.join(', ')}`;
    return this.query(manager, sql, parameters);
  }

  /** Atomic like the minutes: replicas adding to one client's hour never lose each other's tokens. */
  private addUsage(manager: EntityManager, hour: HourUsage): Promise<unknown> {
    const sql = `INSERT INTO ${this.usageTable} AS u (hour_start, client, requests, prompt_tokens, completion_tokens, estimated)
      VALUES (:hourStart, :client, :requests, :promptTokens, :completionTokens, :estimated)
      ON CONFLICT (hour_start, client) DO UPDATE SET requests = u.requests + excluded.requests, prompt_tokens = u.prompt_tokens + excluded.prompt_tokens,
        completion_tokens = u.completion_tokens + excluded.completion_tokens, estimated = u.estimated + excluded.estimated`;
    return this.query(manager, sql, { ...hour });
  }

  private addTotals(manager: EntityManager, totals: HistoryTotals): Promise<unknown> {
    const sql = `INSERT INTO ${this.totalsTable} AS t (id, requests, successes, errors) VALUES (:id, :requests, :successes, :errors)
      ON CONFLICT (id) DO UPDATE SET requests = t.requests + excluded.requests, successes = t.successes + excluded.successes, errors = t.errors + excluded.errors`;
    return this.query(manager, sql, { id: TOTALS_ID, ...totals });
  }

  /** Raw SQL with `:named` parameters, turned into the driver's own placeholders. */
  private query(manager: EntityManager, sql: string, parameters: Record<string, number | string>): Promise<Row[]> {
    const [native, values] = this.dataSource.driver.escapeQueryWithParameters(sql, parameters, {});
    return manager.query(native, values);
  }

  /** The quoted table name, schema included when the data source has one (PostgreSQL tests use their own). */
  private tableOf(entity: EntityTarget<ObjectLiteral>): string {
    const metadata = this.dataSource.getMetadata(entity);
    return [metadata.schema, metadata.tableName].filter(Boolean).map((part) => this.dataSource.driver.escape(part as string)).join('.');
  }
}
