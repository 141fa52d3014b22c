import { MigrationInterface, QueryRunner } from 'typeorm';

/** SPEC §7: reviews of a report, their findings on nodes and links, and the findings' threads. */
export class AddReviews1796700000000 implements MigrationInterface {
  name = 'AddReviews1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "key" character varying(80) NOT NULL, "title" character varying(300) NOT NULL, "reviewer" character varying(200) NOT NULL, "kind" character varying(16) NOT NULL, "clearance" character varying(16) NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'open', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "finding_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_2e4299a343a81574217255c00ca" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "review_report_key" ON "review" ("report_id", "key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "finding" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "review_id" uuid NOT NULL, "number" integer NOT NULL, "node_key" character varying(80), "link_from" character varying(80), "link_to" character varying(80), "kind" character varying(16) NOT NULL, "defeats" character varying(16), "body" text NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'open', "author" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a904dfcf401ccfbaa60bb6eec29" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "finding_review_number" ON "finding" ("review_id", "number") `,
    );
    await queryRunner.query(
      `CREATE TABLE "finding_reply" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "finding_id" uuid NOT NULL, "parent_id" uuid, "author" character varying(200), "moved_to" character varying(16), "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fe2a7f1a6e285d870c43948fb19" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "finding_reply_finding" ON "finding_reply" ("finding_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "review" ADD CONSTRAINT "review_values" CHECK ("kind" IN ('internal', 'external') AND "clearance" IN ('full', 'redacted') AND "state" IN ('open', 'closed'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding" ADD CONSTRAINT "finding_values" CHECK ("kind" IN ('question', 'comment', 'defeater') AND "state" IN ('open', 'addressed', 'resolved', 'accepted', 'withdrawn') AND ("defeats" IS NULL) = ("kind" <> 'defeater') AND ("defeats" IS NULL OR "defeats" IN ('rebutting', 'undermining', 'undercutting')))`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding" ADD CONSTRAINT "finding_target" CHECK (("node_key" IS NULL) = ("link_from" IS NOT NULL AND "link_to" IS NOT NULL) AND ("link_from" IS NULL) = ("link_to" IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "review" ADD CONSTRAINT "FK_f313476ee27a2c314c816242291" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding" ADD CONSTRAINT "FK_401937fc687a7359ff1899a0cfb" FOREIGN KEY ("review_id") REFERENCES "review"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding_reply" ADD CONSTRAINT "FK_b2450eceb7cedc863736b3ed88a" FOREIGN KEY ("finding_id") REFERENCES "finding"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding_reply" ADD CONSTRAINT "FK_80b3f63b99d4993ee18dd232ba3" FOREIGN KEY ("parent_id") REFERENCES "finding_reply"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "finding" DROP CONSTRAINT "finding_target"`);
    await queryRunner.query(`ALTER TABLE "finding" DROP CONSTRAINT "finding_values"`);
    await queryRunner.query(`ALTER TABLE "review" DROP CONSTRAINT "review_values"`);
    await queryRunner.query(
      `ALTER TABLE "finding_reply" DROP CONSTRAINT "FK_80b3f63b99d4993ee18dd232ba3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding_reply" DROP CONSTRAINT "FK_b2450eceb7cedc863736b3ed88a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding" DROP CONSTRAINT "FK_401937fc687a7359ff1899a0cfb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "review" DROP CONSTRAINT "FK_f313476ee27a2c314c816242291"`,
    );
    await queryRunner.query(`DROP INDEX "public"."finding_reply_finding"`);
    await queryRunner.query(`DROP TABLE "finding_reply"`);
    await queryRunner.query(`DROP INDEX "public"."finding_review_number"`);
    await queryRunner.query(`DROP TABLE "finding"`);
    await queryRunner.query(`DROP INDEX "public"."review_report_key"`);
    await queryRunner.query(`DROP TABLE "review"`);
  }
}
