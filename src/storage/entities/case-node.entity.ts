import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { NodeKind } from '../../core/case-model/case';
import { ReportEntity } from './report.entity';
import { TeamEntity } from './team.entity';

/**
 * One row per pathway, claim, mitigation or evidence item. The four kinds share one table because
 * `supports` lists mix them by key, keys are unique across kinds within a report, and links then
 * need a single foreign-key target. Kind-specific columns are null for the other kinds.
 */
@Entity('case_node')
@Index('case_node_report_key', ['reportId', 'key'], { unique: true })
@Index('case_node_report_kind_position', ['reportId', 'kind', 'position'])
@Check('case_node_kind', `"kind" IN ('pathway', 'claim', 'mitigation', 'evidence')`)
@Check(
  'case_node_requires',
  `"requires_mode" IS NULL OR "requires_mode" IN ('all', 'any', 'atLeast')`,
)
@Check('case_node_at_least', `("requires_mode" = 'atLeast') = ("requires_at_least" IS NOT NULL)`)
@Check('case_node_effort', `"effort" IS NULL OR "effort" >= 0`)
@Check('case_node_scope', `"scope" IS NULL OR "scope" IN ('model', 'standing')`)
@Check(
  'case_node_probability',
  `"probability" IS NULL OR ("probability" >= 0 AND "probability" <= 1)`,
)
export class CaseNodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => ReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: ReportEntity;

  @Column({ type: 'varchar', length: 16 })
  kind!: NodeKind;

  @Column({ type: 'varchar', length: 80 })
  key!: string;

  /** Order within its kind, kept so that an export reads like the file imported. */
  @Column({ type: 'integer' })
  position!: number;

  /** Title of a pathway, mitigation or evidence item; a claim's statement. */
  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** Only tokens with clearance read its text (see src/api/graphql/common/redaction.ts). */
  @Column({ type: 'boolean', default: false })
  restricted!: boolean;

  /** Claim kind or mitigation kind. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  category!: string | null;

  /** Pathways and claims: how many supports must hold. */
  @Column({ name: 'requires_mode', type: 'varchar', length: 8, nullable: true })
  requiresMode!: 'all' | 'any' | 'atLeast' | null;

  @Column({ name: 'requires_at_least', type: 'integer', nullable: true })
  requiresAtLeast!: number | null;

  @Column({ type: 'boolean', default: false })
  assumed!: boolean;

  /** Mitigation or evidence status. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  status!: string | null;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId!: string | null;

  @ManyToOne(() => TeamEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team?: TeamEntity;

  /** Mitigations: the cost to put in place; evidence: the cost to redo. */
  @Column({ type: 'double precision', nullable: true })
  effort!: number | null;

  /** Mitigations and evidence: the chance the basic event occurs (SPEC §3.6). */
  @Column({ type: 'double precision', nullable: true })
  probability!: number | null;

  /** Evidence: `model` (goes stale in a clone) or `standing`; null for the other kinds. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  scope!: 'model' | 'standing' | null;

  /** Lineage (SPEC §6): keys of the previous report's nodes this one replaces. */
  @Column({ name: 'previous_keys', type: 'text', array: true, default: () => "'{}'" })
  previousKeys!: string[];

  /** Evidence: when it stops counting as valid. An ISO string here, so diffs compare values. */
  @Column({
    name: 'valid_until',
    type: 'timestamptz',
    nullable: true,
    transformer: {
      to: (v: string | null) => v,
      from: (v: Date | null) => v?.toISOString() ?? null,
    },
  })
  validUntil!: string | null;
}
