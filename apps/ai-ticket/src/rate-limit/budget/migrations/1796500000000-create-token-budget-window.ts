import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `IF NOT EXISTS` keeps it idempotent: several processes may start on one file at once. */
export class CreateTokenBudgetWindow1796500000000 implements MigrationInterface {
  name = 'CreateTokenBudgetWindow1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE IF NOT EXISTS "token_budget_window" ("key" text PRIMARY KEY NOT NULL, "used" integer NOT NULL, "reserved" integer NOT NULL, "admitted" integer NOT NULL, "ends_at" integer NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX IF NOT EXISTS "idx_token_budget_window_ends_at" ON "token_budget_window" ("ends_at")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS "token_budget_window"');
  }
}
