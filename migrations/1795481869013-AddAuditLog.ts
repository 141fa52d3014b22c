import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAuditLog1795481869013 implements MigrationInterface {
  name = 'AddAuditLog1795481869013';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("seq" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" character varying(200), "token_id" uuid, "operation" character varying(80) NOT NULL, "report_key" character varying(80), "arguments" jsonb NOT NULL, "outcome" character varying(32) NOT NULL, CONSTRAINT "PK_bb4ea39cbd1686232d5fdda3a01" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_entry_report" ON "audit_entry" ("report_key", "seq") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."audit_entry_report"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
  }
}
