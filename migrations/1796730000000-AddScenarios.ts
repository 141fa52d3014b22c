import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SPEC §8: scenarios are case nodes of kind `scenario` (their pathway and time to harm), and
 * their response chains' steps are rows of `scenario_step`.
 */
export class AddScenarios1796730000000 implements MigrationInterface {
  name = 'AddScenarios1796730000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "scenario_step" ("scenario_id" uuid NOT NULL, "chain_index" integer NOT NULL, "step_index" integer NOT NULL, "report_id" uuid NOT NULL, "mitigation_key" character varying(80) NOT NULL, "team_key" character varying(80), "action" character varying(16) NOT NULL, "latency" bigint NOT NULL, "automatic" boolean NOT NULL DEFAULT false, "paged" boolean NOT NULL DEFAULT false, CONSTRAINT "scenario_step_place" CHECK ("chain_index" >= 0 AND "step_index" >= 0), CONSTRAINT "scenario_step_latency" CHECK ("latency" >= 0), CONSTRAINT "scenario_step_action" CHECK ("action" IN ('detects', 'notifies', 'escalates', 'responds', 'contains')), CONSTRAINT "PK_73030c3bf387d6b8423586eb37e" PRIMARY KEY ("scenario_id", "chain_index", "step_index"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "scenario_step_report" ON "scenario_step" ("report_id") `,
    );
    // TypeORM compares CHECK constraints by name, so the widened kind list is written by hand.
    await queryRunner.query(`ALTER TABLE "case_node" DROP CONSTRAINT "case_node_kind"`);
    await queryRunner.query(
      `ALTER TABLE "case_node" ADD CONSTRAINT "case_node_kind" CHECK ("kind" IN ('pathway', 'claim', 'mitigation', 'evidence', 'scenario'))`,
    );
    await queryRunner.query(`ALTER TABLE "case_node" ADD "pathway_key" character varying(80)`);
    await queryRunner.query(`ALTER TABLE "case_node" ADD "time_to_harm" bigint`);
    await queryRunner.query(
      `ALTER TABLE "case_node" ADD CONSTRAINT "case_node_time_to_harm" CHECK ("time_to_harm" IS NULL OR "time_to_harm" >= 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_node" ADD CONSTRAINT "case_node_scenario" CHECK (("kind" = 'scenario') = ("pathway_key" IS NOT NULL AND "time_to_harm" IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "scenario_step" ADD CONSTRAINT "FK_5ac29af622524e440ac5cc71a40" FOREIGN KEY ("scenario_id") REFERENCES "case_node"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scenario_step" ADD CONSTRAINT "FK_e18d5fa455c020e93e389cff696" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "scenario_step" DROP CONSTRAINT "FK_e18d5fa455c020e93e389cff696"`,
    );
    await queryRunner.query(
      `ALTER TABLE "scenario_step" DROP CONSTRAINT "FK_5ac29af622524e440ac5cc71a40"`,
    );
    await queryRunner.query(`ALTER TABLE "case_node" DROP CONSTRAINT "case_node_scenario"`);
    await queryRunner.query(`ALTER TABLE "case_node" DROP CONSTRAINT "case_node_time_to_harm"`);
    await queryRunner.query(`ALTER TABLE "case_node" DROP COLUMN "time_to_harm"`);
    await queryRunner.query(`ALTER TABLE "case_node" DROP COLUMN "pathway_key"`);
    // Scenarios cannot be kept without their table: reverting drops them (their links go with them).
    await queryRunner.query(`DELETE FROM "case_node" WHERE "kind" = 'scenario'`);
    await queryRunner.query(`ALTER TABLE "case_node" DROP CONSTRAINT "case_node_kind"`);
    await queryRunner.query(
      `ALTER TABLE "case_node" ADD CONSTRAINT "case_node_kind" CHECK ("kind" IN ('pathway', 'claim', 'mitigation', 'evidence'))`,
    );
    await queryRunner.query(`DROP INDEX "public"."scenario_step_report"`);
    await queryRunner.query(`DROP TABLE "scenario_step"`);
  }
}
