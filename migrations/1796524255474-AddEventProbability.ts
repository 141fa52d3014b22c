import { MigrationInterface, QueryRunner } from 'typeorm';

/** A mitigation's or evidence item's failure probability (SPEC §3.6), 0..1, optional. */
export class AddEventProbability1796524255474 implements MigrationInterface {
  name = 'AddEventProbability1796524255474';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_node" ADD "probability" double precision`);
    await queryRunner.query(
      `ALTER TABLE "case_node" ADD CONSTRAINT "case_node_probability" CHECK ("probability" IS NULL OR ("probability" >= 0 AND "probability" <= 1))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_node" DROP CONSTRAINT "case_node_probability"`);
    await queryRunner.query(`ALTER TABLE "case_node" DROP COLUMN "probability"`);
  }
}
