import { MigrationInterface, QueryRunner } from 'typeorm';

/** SPEC §6: report state, evidence scope, lineage (previous_keys) on every node, clone history. */
export class AddReportIteration1796600000000 implements MigrationInterface {
  name = 'AddReportIteration1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "report" ADD "state" character varying(16) NOT NULL DEFAULT 'draft'`,
    );
    await queryRunner.query(
      `ALTER TABLE "report" ADD CONSTRAINT "report_state" CHECK ("state" IN ('draft', 'published', 'archived'))`,
    );
    await queryRunner.query(`ALTER TABLE "case_node" ADD "scope" character varying(16)`);
    await queryRunner.query(
      `ALTER TABLE "case_node" ADD CONSTRAINT "case_node_scope" CHECK ("scope" IS NULL OR "scope" IN ('model', 'standing'))`,
    );
    // Evidence stored before scopes existed is about its model, the default.
    await queryRunner.query(`UPDATE "case_node" SET "scope" = 'model' WHERE "kind" = 'evidence'`);
    await queryRunner.query(
      `ALTER TABLE "case_node" ADD "previous_keys" text array NOT NULL DEFAULT '{}'`,
    );
    await queryRunner.query(`ALTER TABLE "status_change" DROP CONSTRAINT "status_change_source"`);
    await queryRunner.query(
      `ALTER TABLE "status_change" ADD CONSTRAINT "status_change_source" CHECK ("source" IN ('api', 'webhook', 'import', 'expiry', 'clone'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // A clone's first statuses were its start, as an import's are.
    await queryRunner.query(
      `UPDATE "status_change" SET "source" = 'import' WHERE "source" = 'clone'`,
    );
    await queryRunner.query(`ALTER TABLE "status_change" DROP CONSTRAINT "status_change_source"`);
    await queryRunner.query(
      `ALTER TABLE "status_change" ADD CONSTRAINT "status_change_source" CHECK ("source" IN ('api', 'webhook', 'import', 'expiry'))`,
    );
    await queryRunner.query(`ALTER TABLE "case_node" DROP COLUMN "previous_keys"`);
    await queryRunner.query(`ALTER TABLE "case_node" DROP CONSTRAINT "case_node_scope"`);
    await queryRunner.query(`ALTER TABLE "case_node" DROP COLUMN "scope"`);
    await queryRunner.query(`ALTER TABLE "report" DROP CONSTRAINT "report_state"`);
    await queryRunner.query(`ALTER TABLE "report" DROP COLUMN "state"`);
  }
}
