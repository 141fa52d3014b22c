import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ReportEntity } from './report.entity';
import { CaseNodeEntity } from './case-node.entity';

export type LinkType = 'supports' | 'dependsOn';

/**
 * A `supports` link (pathway or claim → the claim, mitigation or evidence it rests on) or a
 * `dependsOn` link (mitigation → mitigation). `from` is the node whose list names `to`.
 */
@Entity('case_link')
@Index('case_link_from', ['fromId'])
@Index('case_link_to', ['toId'])
@Index('case_link_report', ['reportId'])
@Check('case_link_type', `"type" IN ('supports', 'dependsOn')`)
@Check('case_link_not_self', `"from_id" <> "to_id"`)
export class CaseLinkEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  type!: LinkType;

  @PrimaryColumn({ name: 'from_id', type: 'uuid' })
  fromId!: string;

  @PrimaryColumn({ name: 'to_id', type: 'uuid' })
  toId!: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => ReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: ReportEntity;

  @ManyToOne(() => CaseNodeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'from_id' })
  from?: CaseNodeEntity;

  @ManyToOne(() => CaseNodeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'to_id' })
  to?: CaseNodeEntity;

  /** Order within the `from` node's list. */
  @Column({ type: 'integer' })
  position!: number;
}
