import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRestrictedNodes1795483443746 implements MigrationInterface {
  name = 'AddRestrictedNodes1795483443746';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "case_node" ADD "restricted" boolean NOT NULL DEFAULT false`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_node" DROP COLUMN "restricted"`);
  }
}
