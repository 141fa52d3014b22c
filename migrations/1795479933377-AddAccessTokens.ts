import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAccessTokens1795479933377 implements MigrationInterface {
  name = 'AddAccessTokens1795479933377';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "access_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "token_hash" character(64) NOT NULL, "role" character varying(16) NOT NULL, "report_id" uuid, "team" character varying(80), "clearance" boolean NOT NULL DEFAULT false, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_by" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "access_token_role" CHECK ("role" IN ('viewer', 'reviewer', 'editor', 'owner', 'hook', 'metrics')), CONSTRAINT "PK_f20f028607b2603deabd8182d12" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "access_token_hash" ON "access_token" ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "access_token" ADD CONSTRAINT "FK_8a9be2031f1c5453997d9894260" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "access_token" DROP CONSTRAINT "FK_8a9be2031f1c5453997d9894260"`,
    );
    await queryRunner.query(`DROP INDEX "public"."access_token_hash"`);
    await queryRunner.query(`DROP TABLE "access_token"`);
  }
}
