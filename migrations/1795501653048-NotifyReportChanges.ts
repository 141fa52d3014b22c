import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to a report row is announced on the `loadbearing_report` channel, whoever makes
 * it (an instance, the command-line tool, an operator's SQL): `<id>:<version>`, or `<id>` when it
 * is deleted. Instances cache report rows while they listen (see CaseVersions).
 */
export class NotifyReportChanges1795501653048 implements MigrationInterface {
  name = 'NotifyReportChanges1795501653048';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "loadbearing_report_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('loadbearing_report', OLD.id::text);
        ELSE
          PERFORM pg_notify('loadbearing_report', NEW.id::text || ':' || NEW.version);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "report_changed" AFTER INSERT OR UPDATE OR DELETE ON "report" ` +
        `FOR EACH ROW EXECUTE FUNCTION "loadbearing_report_changed"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "report_changed" ON "report"`);
    await queryRunner.query(`DROP FUNCTION "loadbearing_report_changed"()`);
  }
}
