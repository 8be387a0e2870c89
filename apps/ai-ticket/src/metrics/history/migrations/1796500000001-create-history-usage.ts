import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Token usage per client and hour; `createTable(…, true)` skips it when another process made it first. */
export class CreateHistoryUsage1796500000001 implements MigrationInterface {
  name = 'CreateHistoryUsage1796500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'history_usage',
        columns: [
          { name: 'hour_start', type: 'bigint', isPrimary: true },
          { name: 'client', type: 'text', isPrimary: true },
          { name: 'requests', type: 'integer', isNullable: false, default: 0 },
          { name: 'prompt_tokens', type: 'bigint', isNullable: false, default: 0 },
          { name: 'completion_tokens', type: 'bigint', isNullable: false, default: 0 },
          { name: 'estimated', type: 'integer', isNullable: false, default: 0 },
        ],
      }),
      true,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('history_usage', true);
  }
}
