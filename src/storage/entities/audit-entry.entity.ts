import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One mutation, as it was asked: who (the token's name and id), what (the operation, its report
 * and its arguments, long strings summarised) and when, with its outcome. Append-only; not tied to
 * the report by a foreign key, so it outlives a deleted report.
 */
@Entity('audit_entry')
@Index('audit_entry_report', ['reportKey', 'seq'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  actor!: string | null;

  @Column({ name: 'token_id', type: 'uuid', nullable: true })
  tokenId!: string | null;

  @Column({ type: 'varchar', length: 80 })
  operation!: string;

  @Column({ name: 'report_key', type: 'varchar', length: 80, nullable: true })
  reportKey!: string | null;

  @Column({ type: 'jsonb' })
  arguments!: Record<string, unknown>;

  /** `ok`, or the error code the caller got (FORBIDDEN, BAD_USER_INPUT, …); UNFINISHED until then. */
  @Column({ type: 'varchar', length: 32 })
  outcome!: string;
}
