import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * case_link's primary key starts with `type`, so nothing indexed `from_id`: deleting a report's
 * nodes (a replace import) checked the ON DELETE CASCADE of every node by scanning case_link,
 * some 8 s for 28,000 nodes.
 */
export class IndexCaseLinkFrom1796750000000 implements MigrationInterface {
  name = 'IndexCaseLinkFrom1796750000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "case_link_from" ON "case_link" ("from_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."case_link_from"`);
  }
}
