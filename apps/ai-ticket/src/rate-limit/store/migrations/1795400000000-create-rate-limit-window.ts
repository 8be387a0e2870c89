import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `IF NOT EXISTS` keeps it idempotent: several processes may start on one file at once. */
export class CreateRateLimitWindow1795400000000 implements MigrationInterface {
  name = 'CreateRateLimitWindow1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE IF NOT EXISTS "rate_limit_window" ("key" text PRIMARY KEY NOT NULL, "hits" integer NOT NULL, "window_ends_at" integer NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX IF NOT EXISTS "idx_rate_limit_window_ends_at" ON "rate_limit_window" ("window_ends_at")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS "rate_limit_window"');
  }
}
