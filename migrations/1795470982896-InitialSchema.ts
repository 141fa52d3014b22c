import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795470982896 implements MigrationInterface {
  name = 'InitialSchema1795470982896';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "report" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" character varying(80) NOT NULL, "title" character varying(300) NOT NULL, "model" character varying(200), "previous_key" character varying(80), "description" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_847bf7c5c6edd7f0c4f9792f933" UNIQUE ("key"), CONSTRAINT "PK_99e4d0bea58cba73c57f935a546" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "team" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "key" character varying(80) NOT NULL, "name" character varying(200), "position" integer NOT NULL, CONSTRAINT "PK_f57d8293406df4af348402e4b74" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "team_report_key" ON "team" ("report_id", "key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_node" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "key" character varying(80) NOT NULL, "position" integer NOT NULL, "text" text NOT NULL, "description" text, "category" character varying(32), "requires_mode" character varying(8), "requires_at_least" integer, "assumed" boolean NOT NULL DEFAULT false, "status" character varying(16), "team_id" uuid, "effort" double precision, CONSTRAINT "case_node_effort" CHECK ("effort" IS NULL OR "effort" >= 0), CONSTRAINT "case_node_at_least" CHECK (("requires_mode" = 'atLeast') = ("requires_at_least" IS NOT NULL)), CONSTRAINT "case_node_requires" CHECK ("requires_mode" IS NULL OR "requires_mode" IN ('all', 'any', 'atLeast')), CONSTRAINT "case_node_kind" CHECK ("kind" IN ('pathway', 'claim', 'mitigation', 'evidence')), CONSTRAINT "PK_1dd48c87080c1a35da4ed2b1cd6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "case_node_report_kind_position" ON "case_node" ("report_id", "kind", "position") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "case_node_report_key" ON "case_node" ("report_id", "key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_link" ("type" character varying(16) NOT NULL, "from_id" uuid NOT NULL, "to_id" uuid NOT NULL, "report_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "case_link_not_self" CHECK ("from_id" <> "to_id"), CONSTRAINT "case_link_type" CHECK ("type" IN ('supports', 'dependsOn')), CONSTRAINT "PK_e64398b2774ccf2966e90e60a22" PRIMARY KEY ("type", "from_id", "to_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "case_link_report" ON "case_link" ("report_id") `);
    await queryRunner.query(`CREATE INDEX "case_link_to" ON "case_link" ("to_id") `);
    await queryRunner.query(
      `ALTER TABLE "team" ADD CONSTRAINT "FK_d175263f4e1cc8953b649727ce1" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_node" ADD CONSTRAINT "FK_c42c3aa4241f50c6df425503724" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_node" ADD CONSTRAINT "FK_cc2938b92a6c0ab6765e52344f0" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_link" ADD CONSTRAINT "FK_a09b8b6201b41e040c90a015e33" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_link" ADD CONSTRAINT "FK_405fc6196e13e64d249d4374f90" FOREIGN KEY ("from_id") REFERENCES "case_node"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_link" ADD CONSTRAINT "FK_16f175d043586d2acc7c8db53b8" FOREIGN KEY ("to_id") REFERENCES "case_node"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "case_link" DROP CONSTRAINT "FK_16f175d043586d2acc7c8db53b8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_link" DROP CONSTRAINT "FK_405fc6196e13e64d249d4374f90"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_link" DROP CONSTRAINT "FK_a09b8b6201b41e040c90a015e33"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_node" DROP CONSTRAINT "FK_cc2938b92a6c0ab6765e52344f0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_node" DROP CONSTRAINT "FK_c42c3aa4241f50c6df425503724"`,
    );
    await queryRunner.query(`ALTER TABLE "team" DROP CONSTRAINT "FK_d175263f4e1cc8953b649727ce1"`);
    await queryRunner.query(`DROP INDEX "public"."case_link_to"`);
    await queryRunner.query(`DROP INDEX "public"."case_link_report"`);
    await queryRunner.query(`DROP TABLE "case_link"`);
    await queryRunner.query(`DROP INDEX "public"."case_node_report_key"`);
    await queryRunner.query(`DROP INDEX "public"."case_node_report_kind_position"`);
    await queryRunner.query(`DROP TABLE "case_node"`);
    await queryRunner.query(`DROP INDEX "public"."team_report_key"`);
    await queryRunner.query(`DROP TABLE "team"`);
    await queryRunner.query(`DROP TABLE "report"`);
  }
}
