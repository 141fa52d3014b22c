import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ReportState } from '../../core/case-model/case';

@Entity('report')
@Check('report_state', `"state" IN ('draft', 'published', 'archived')`)
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 80, unique: true })
  key!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  model!: string | null;

  /** Key of the report this one iterates on; a key, not a foreign key, as it may live elsewhere. */
  @Column({ name: 'previous_key', type: 'varchar', length: 80, nullable: true })
  previousKey!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** Bumped on every change to the report's content; analyses are cached per version. */
  /** SPEC §6: a draft is edited; a published report's argument is frozen; archived takes nothing. */
  @Column({ type: 'varchar', length: 16, default: 'draft' })
  state!: ReportState;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
