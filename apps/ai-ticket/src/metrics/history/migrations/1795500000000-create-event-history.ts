import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Frozen copy of the latency buckets at the time of this migration (a later change needs a new one). */
const BUCKET_COLUMNS = ['le_5', 'le_10', 'le_25', 'le_50', 'le_100', 'le_250', 'le_500', 'le_1000', 'le_2500', 'le_5000', 'le_10000', 'le_30000', 'le_60000', 'le_inf'];

const count = (name: string) => ({ name, type: 'integer', isNullable: false, default: 0 });

/**
 * The event-history tables, written with TypeORM's schema builder so the same migration runs on
 * SQLite and PostgreSQL. `createTable(…, true)` skips a table (and its indices) that already exists:
 * several processes may start together on one database.
 */
export class CreateEventHistory1795500000000 implements MigrationInterface {
  name = 'CreateEventHistory1795500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'history_event',
        columns: [
          { name: 'id', type: 'text', isPrimary: true },
          // bigint: epoch ms overflow PostgreSQL's 32-bit integer.
          { name: 'finished_at', type: 'bigint', isNullable: false },
          { name: 'latency_ms', type: 'double precision', isNullable: false },
          { name: 'outcome', type: 'varchar', length: '16', isNullable: false },
          { name: 'error_code', type: 'text', isNullable: true },
          { name: 'message', type: 'text', isNullable: true },
          { name: 'prompt', type: 'text', isNullable: true },
          { name: 'stream', type: 'boolean', isNullable: false },
        ],
        indices: [
          // Pruning deletes by time; recent errors read the newest errors.
          { name: 'idx_history_event_finished_at', columnNames: ['finished_at'] },
          { name: 'idx_history_event_outcome_finished_at', columnNames: ['outcome', 'finished_at'] },
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'history_minute',
        columns: [
          { name: 'minute_start', type: 'bigint', isPrimary: true },
          count('requests'),
          count('successes'),
          count('errors'),
          { name: 'latency_sum_ms', type: 'double precision', isNullable: false, default: 0 },
          ...BUCKET_COLUMNS.map(count),
        ],
      }),
      true,
    );
    await queryRunner.createTable(
      new Table({
        name: 'history_totals',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'requests', type: 'bigint', isNullable: false, default: 0 },
          { name: 'successes', type: 'bigint', isNullable: false, default: 0 },
          { name: 'errors', type: 'bigint', isNullable: false, default: 0 },
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['history_totals', 'history_minute', 'history_event']) await queryRunner.dropTable(table, true);
  }
}
