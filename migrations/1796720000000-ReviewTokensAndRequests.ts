import { MigrationInterface, QueryRunner } from 'typeorm';

/** SPEC §7: reviewer tokens bound to one review, and information requests to teams. */
export class ReviewTokensAndRequests1796720000000 implements MigrationInterface {
  name = 'ReviewTokensAndRequests1796720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "information_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "number" integer NOT NULL, "review_id" uuid, "team" character varying(80) NOT NULL, "question" text NOT NULL, "node_keys" text array NOT NULL DEFAULT '{}', "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'open', "asked_by" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "answer" text, "answered_by" character varying(200), "answered_at" TIMESTAMP WITH TIME ZONE, "evidence_keys" text array NOT NULL DEFAULT '{}', "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "information_request_state" CHECK ("state" IN ('open', 'answered', 'closed')), CONSTRAINT "PK_22ee58c0e1303385ecf6cda545d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "information_request_review" ON "information_request" ("review_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "information_request_team" ON "information_request" ("report_id", "team", "state") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "information_request_number" ON "information_request" ("report_id", "number") `,
    );
    await queryRunner.query(`ALTER TABLE "access_token" ADD "review_id" uuid`);
    await queryRunner.query(`CREATE INDEX "access_token_review" ON "access_token" ("review_id") `);
    await queryRunner.query(
      `ALTER TABLE "access_token" ADD CONSTRAINT "FK_61fbfb4f1a15022bc68a6452b18" FOREIGN KEY ("review_id") REFERENCES "review"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_request" ADD CONSTRAINT "FK_66267bc7c6ec1157ba6d274e48a" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_request" ADD CONSTRAINT "FK_0560ae2b194416d91e4165a453f" FOREIGN KEY ("review_id") REFERENCES "review"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "information_request" DROP CONSTRAINT "FK_0560ae2b194416d91e4165a453f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "information_request" DROP CONSTRAINT "FK_66267bc7c6ec1157ba6d274e48a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "access_token" DROP CONSTRAINT "FK_61fbfb4f1a15022bc68a6452b18"`,
    );
    await queryRunner.query(`DROP INDEX "public"."access_token_review"`);
    await queryRunner.query(`ALTER TABLE "access_token" DROP COLUMN "review_id"`);
    await queryRunner.query(`DROP INDEX "public"."information_request_number"`);
    await queryRunner.query(`DROP INDEX "public"."information_request_team"`);
    await queryRunner.query(`DROP INDEX "public"."information_request_review"`);
    await queryRunner.query(`DROP TABLE "information_request"`);
  }
}
