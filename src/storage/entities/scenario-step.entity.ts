import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { StepAction } from '../../core/case-model/case';
import { CaseNodeEntity } from './case-node.entity';
import { ReportEntity } from './report.entity';
import { ISO_INSTANT, SECONDS } from './column-transformers';

/**
 * One step of a scenario's response chain (SPEC §8), identified by its scenario, chain and place
 * in the chain, so that what is said about a step later (its team's confirmation) can live on or
 * next to this row. The mitigation and the team are keys, as the case file names them: the
 * case's validation keeps them naming a mitigation and a declared team, and renames carry over.
 */
@Entity('scenario_step')
@Index('scenario_step_report', ['reportId'])
@Check(
  'scenario_step_action',
  `"action" IN ('detects', 'notifies', 'escalates', 'responds', 'contains')`,
)
@Check('scenario_step_latency', `"latency" >= 0`)
@Check('scenario_step_place', `"chain_index" >= 0 AND "step_index" >= 0`)
@Check('scenario_step_confirmed', `("confirmed_by" IS NULL) = ("confirmed_at" IS NULL)`)
export class ScenarioStepEntity {
  @PrimaryColumn({ name: 'scenario_id', type: 'uuid' })
  scenarioId!: string;

  @PrimaryColumn({ name: 'chain_index', type: 'integer' })
  chainIndex!: number;

  @PrimaryColumn({ name: 'step_index', type: 'integer' })
  stepIndex!: number;

  @ManyToOne(() => CaseNodeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scenario_id' })
  scenario?: CaseNodeEntity;

  /** The report's id again, so that a case loads its steps in one query. */
  @Column({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => ReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: ReportEntity;

  @Column({ name: 'mitigation_key', type: 'varchar', length: 80 })
  mitigationKey!: string;

  /** The team that acts; null: the mitigation's team. */
  @Column({ name: 'team_key', type: 'varchar', length: 80, nullable: true })
  teamKey!: string | null;

  @Column({ type: 'varchar', length: 16 })
  action!: StepAction;

  /** Seconds from the previous step (or from the behaviour, for the first). */
  @Column({ type: 'bigint', transformer: SECONDS })
  latency!: number;

  @Column({ type: 'boolean', default: false })
  automatic!: boolean;

  @Column({ type: 'boolean', default: false })
  paged!: boolean;

  /** Who on the acting team confirmed the step (SPEC §8); null: unconfirmed. */
  @Column({ name: 'confirmed_by', type: 'varchar', length: 200, nullable: true })
  confirmedBy!: string | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true, transformer: ISO_INSTANT })
  confirmedAt!: string | null;

  @Column({ name: 'confirmation_note', type: 'text', nullable: true })
  confirmationNote!: string | null;
}
