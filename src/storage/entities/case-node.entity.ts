import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { CaseNodeKind } from '../../core/case-model/case';
import { ISO_INSTANT, SECONDS } from './column-transformers';
import { ReportEntity } from './report.entity';
import { TeamEntity } from './team.entity';

/**
 * One row per pathway, claim, mitigation, evidence item or scenario. The kinds share one table
 * because `supports` lists mix them by key, keys are unique across kinds within a report, and
 * links then need a single foreign-key target. Kind-specific columns are null for the other kinds.
 * A scenario's response steps are rows of scenario_step.
 */
@Entity('case_node')
@Index('case_node_report_key', ['reportId', 'key'], { unique: true })
@Index('case_node_report_kind_position', ['reportId', 'kind', 'position'])
@Check('case_node_kind', `"kind" IN ('pathway', 'claim', 'mitigation', 'evidence', 'scenario')`)
@Check(
  'case_node_scenario',
  `("kind" = 'scenario') = ("pathway_key" IS NOT NULL AND "time_to_harm" IS NOT NULL)`,
)
@Check('case_node_time_to_harm', `"time_to_harm" IS NULL OR "time_to_harm" >= 0`)
@Check('case_node_verify_every', `"verify_every" IS NULL OR "verify_every" > 0`)
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
  kind!: CaseNodeKind;

  @Column({ type: 'varchar', length: 80 })
  key!: string;

  /** Order within its kind, kept so that an export reads like the file imported. */
  @Column({ type: 'integer' })
  position!: number;

  /** Title of a pathway, mitigation, evidence item or scenario; a claim's statement. */
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

  /**
   * Scenarios: the key of the pathway it illustrates (documentation, not an argument link; the
   * case's validation keeps it naming a pathway, and a rename carries over).
   */
  @Column({ name: 'pathway_key', type: 'varchar', length: 80, nullable: true })
  pathwayKey!: string | null;

  /** Scenarios: seconds until the harm can no longer be stopped (up to a century: bigint). */
  @Column({ name: 'time_to_harm', type: 'bigint', nullable: true, transformer: SECONDS })
  timeToHarm!: number | null;

  /** Evidence: when it stops counting as valid. An ISO string here, so diffs compare values. */
  @Column({
    name: 'valid_until',
    type: 'timestamptz',
    nullable: true,
    transformer: ISO_INSTANT,
  })
  validUntil!: string | null;

  /** Mitigations: seconds between verifications (SPEC §8); null: no cycle. */
  @Column({ name: 'verify_every', type: 'bigint', nullable: true, transformer: SECONDS })
  verifyEvery!: number | null;

  /** Mitigations: when it was last verified to work. */
  @Column({ name: 'last_verified', type: 'timestamptz', nullable: true, transformer: ISO_INSTANT })
  lastVerified!: string | null;
}
