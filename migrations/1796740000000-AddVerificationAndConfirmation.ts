import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SPEC §8: a mitigation's verification cycle and when it was last verified (case_node), and a
 * response step's confirmation by its team: who, when, what they said (scenario_step).
 */
export class AddVerificationAndConfirmation1796740000000 implements MigrationInterface {
  name = 'AddVerificationAndConfirmation1796740000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_node" ADD "verify_every" bigint`);
    await queryRunner.query(`ALTER TABLE "case_node" ADD "last_verified" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "scenario_step" ADD "confirmed_by" character varying(200)`,
    );
    await queryRunner.query(
      `ALTER TABLE "scenario_step" ADD "confirmed_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "scenario_step" ADD "confirmation_note" text`);
    await queryRunner.query(
      `ALTER TABLE "case_node" ADD CONSTRAINT "case_node_verify_every" CHECK ("verify_every" IS NULL OR "verify_every" > 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "scenario_step" ADD CONSTRAINT "scenario_step_confirmed" CHECK (("confirmed_by" IS NULL) = ("confirmed_at" IS NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "scenario_step" DROP CONSTRAINT "scenario_step_confirmed"`,
    );
    await queryRunner.query(`ALTER TABLE "case_node" DROP CONSTRAINT "case_node_verify_every"`);
    await queryRunner.query(`ALTER TABLE "scenario_step" DROP COLUMN "confirmation_note"`);
    await queryRunner.query(`ALTER TABLE "scenario_step" DROP COLUMN "confirmed_at"`);
    await queryRunner.query(`ALTER TABLE "scenario_step" DROP COLUMN "confirmed_by"`);
    await queryRunner.query(`ALTER TABLE "case_node" DROP COLUMN "last_verified"`);
    await queryRunner.query(`ALTER TABLE "case_node" DROP COLUMN "verify_every"`);
  }
}
