import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { ReportEntity } from './report.entity';

/**
 * A firing alert that changed a mitigation's status, and what to restore when it resolves. One
 * row per (report, alert fingerprint): a repeated delivery finds its row and changes nothing.
 */
@Entity('alert_state')
@Index('alert_state_mitigation', ['reportId', 'mitigationKey'])
export class AlertStateEntity {
  @PrimaryColumn({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => ReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: ReportEntity;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  fingerprint!: string;

  @Column({ name: 'mitigation_key', type: 'varchar', length: 80 })
  mitigationKey!: string;

  /** The status before the first alert on this mitigation fired. */
  @Column({ name: 'previous_status', type: 'varchar', length: 16 })
  previousStatus!: string;

  @Column({ name: 'applied_status', type: 'varchar', length: 16 })
  appliedStatus!: string;

  @Column({ name: 'alert_name', type: 'varchar', length: 200, nullable: true })
  alertName!: string | null;

  @CreateDateColumn({ name: 'fired_at', type: 'timestamptz' })
  firedAt!: Date;
}
