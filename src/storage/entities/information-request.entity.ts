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
import type { RequestState } from '../../core/requests/information-request';
import { ReportEntity } from './report.entity';
import { ReviewEntity } from './review.entity';

/**
 * SPEC §7: a question to a team, optionally about nodes, due by a date; answered by the team,
 * with the evidence the answer produced. Serves a review, or the information gathering of §8.
 */
@Entity('information_request')
@Check('information_request_state', `"state" IN ('open', 'answered', 'closed')`)
@Index('information_request_number', ['reportId', 'number'], { unique: true })
@Index('information_request_team', ['reportId', 'team', 'state'])
@Index('information_request_review', ['reviewId'])
export class InformationRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => ReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: ReportEntity;

  /** 1, 2, … within its report. */
  @Column({ type: 'integer' })
  number!: number;

  /** The review it serves; null for the information gathering of §8. */
  @Column({ name: 'review_id', type: 'uuid', nullable: true })
  reviewId!: string | null;

  @ManyToOne(() => ReviewEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id' })
  review?: ReviewEntity;

  /** The team asked, by key (as a team-scoped token names it). */
  @Column({ type: 'varchar', length: 80 })
  team!: string;

  @Column({ type: 'text' })
  question!: string;

  /** The nodes it is about. */
  @Column({ name: 'node_keys', type: 'text', array: true, default: '{}' })
  nodeKeys!: string[];

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  state!: RequestState;

  /** Who asked (the token's name). */
  @Column({ name: 'asked_by', type: 'varchar', length: 200, nullable: true })
  askedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  @Column({ name: 'answered_by', type: 'varchar', length: 200, nullable: true })
  answeredBy!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  /** The evidence items the answer produced, by key. */
  @Column({ name: 'evidence_keys', type: 'text', array: true, default: '{}' })
  evidenceKeys!: string[];

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
