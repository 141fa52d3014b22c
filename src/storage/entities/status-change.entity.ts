import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { NodeKind } from '../../core/case-model/case';
import { ReportEntity } from './report.entity';

export const STATUS_SOURCES = ['api', 'webhook', 'import', 'expiry', 'clone'] as const;
export type StatusSource = (typeof STATUS_SOURCES)[number];

/**
 * One change of a mitigation's or evidence item's status. Append-only: rows are inserted in
 * the transaction of the change and never updated. Nodes are named by key (row ids change when a
 * report is replaced), so a node's history survives a replace and outlives the node.
 */
@Entity('status_change')
@Index('status_change_report_seq', ['reportId', 'seq'])
@Index('status_change_node_seq', ['reportId', 'nodeKey', 'seq'])
@Check('status_change_source', `"source" IN ('api', 'webhook', 'import', 'expiry', 'clone')`)
export class StatusChangeEntity {
  /** Total order of changes (timestamps can tie within a transaction). */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq!: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => ReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: ReportEntity;

  @Column({ name: 'node_key', type: 'varchar', length: 80 })
  nodeKey!: string;

  @Column({ name: 'node_kind', type: 'varchar', length: 16 })
  nodeKind!: Extract<NodeKind, 'mitigation' | 'evidence'>;

  /** Null when the node came into being with this status. */
  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: string;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  source!: StatusSource;

  /** Who: a token name or a system (e.g. the Alertmanager receiver); null when anonymous. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  actor!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
