import { MigrationInterface, QueryRunner } from 'typeorm';

/** SPEC §7: the sharing log of a review (append-only). */
export class AddReviewShares1796710000000 implements MigrationInterface {
  name = 'AddReviewShares1796710000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "review_share" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "review_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "location" character varying(2000) NOT NULL, "shared_at" TIMESTAMP WITH TIME ZONE NOT NULL, "shared_by" character varying(200), "node_keys" text array NOT NULL DEFAULT '{}', "clearance" character varying(16) NOT NULL, CONSTRAINT "review_share_clearance" CHECK ("clearance" IN ('full', 'redacted')), CONSTRAINT "PK_5a149e182b61cfff8d4da6f1684" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "review_share_review" ON "review_share" ("review_id", "shared_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "review_share" ADD CONSTRAINT "FK_4edd77d4c960514cce7d37b821c" FOREIGN KEY ("review_id") REFERENCES "review"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "review_share" DROP CONSTRAINT "FK_4edd77d4c960514cce7d37b821c"`,
    );
    await queryRunner.query(`DROP INDEX "public"."review_share_review"`);
    await queryRunner.query(`DROP TABLE "review_share"`);
  }
}
