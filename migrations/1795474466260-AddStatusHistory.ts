import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddStatusHistory1795474466260 implements MigrationInterface {
  name = 'AddStatusHistory1795474466260';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "status_change" ("seq" BIGSERIAL NOT NULL, "report_id" uuid NOT NULL, "node_key" character varying(80) NOT NULL, "node_kind" character varying(16) NOT NULL, "from_status" character varying(16), "to_status" character varying(16) NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "source" character varying(16) NOT NULL, "actor" character varying(200), "note" text, CONSTRAINT "status_change_source" CHECK ("source" IN ('api', 'webhook', 'import', 'expiry')), CONSTRAINT "PK_652efbfc5b94f1cb113415c2953" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "status_change_node_seq" ON "status_change" ("report_id", "node_key", "seq") `,
    );
    await queryRunner.query(
      `CREATE INDEX "status_change_report_seq" ON "status_change" ("report_id", "seq") `,
    );
    await queryRunner.query(
      `ALTER TABLE "status_change" ADD CONSTRAINT "FK_dab75e5630ee4e008781e823eaf" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "status_change" DROP CONSTRAINT "FK_dab75e5630ee4e008781e823eaf"`,
    );
    await queryRunner.query(`DROP INDEX "public"."status_change_report_seq"`);
    await queryRunner.query(`DROP INDEX "public"."status_change_node_seq"`);
    await queryRunner.query(`DROP TABLE "status_change"`);
  }
}
