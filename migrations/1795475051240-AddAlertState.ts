import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddAlertState1795475051240 implements MigrationInterface {
  name = 'AddAlertState1795475051240';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "alert_state" ("report_id" uuid NOT NULL, "fingerprint" character varying(200) NOT NULL, "mitigation_key" character varying(80) NOT NULL, "previous_status" character varying(16) NOT NULL, "applied_status" character varying(16) NOT NULL, "alert_name" character varying(200), "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_281b50a8911be50dd49c83be3c5" PRIMARY KEY ("report_id", "fingerprint"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "alert_state_mitigation" ON "alert_state" ("report_id", "mitigation_key") `,
    );
    await queryRunner.query(
      `ALTER TABLE "alert_state" ADD CONSTRAINT "FK_9ce743b6831a775ffce74dbd008" FOREIGN KEY ("report_id") REFERENCES "report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "alert_state" DROP CONSTRAINT "FK_9ce743b6831a775ffce74dbd008"`,
    );
    await queryRunner.query(`DROP INDEX "public"."alert_state_mitigation"`);
    await queryRunner.query(`DROP TABLE "alert_state"`);
  }
}
