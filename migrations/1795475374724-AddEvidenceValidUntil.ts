import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddEvidenceValidUntil1795475374724 implements MigrationInterface {
  name = 'AddEvidenceValidUntil1795475374724';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_node" ADD "valid_until" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_node" DROP COLUMN "valid_until"`);
  }
}
