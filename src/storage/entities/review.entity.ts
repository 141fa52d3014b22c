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
import type {
  Defeats,
  FindingKind,
  FindingState,
  ReviewClearance,
  ReviewKind,
  ReviewState,
} from '../../core/review/finding';
import { ReportEntity } from './report.entity';

/** A review of one report (SPEC §7): an internal stress test or an external reviewer's. */
@Entity('review')
@Check(
  'review_values',
  `"kind" IN ('internal', 'external') AND "clearance" IN ('full', 'redacted') AND "state" IN ('open', 'closed')`,
)
@Index('review_report_key', ['reportId', 'key'], { unique: true })
export class ReviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => ReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: ReportEntity;

  @Column({ type: 'varchar', length: 80 })
  key!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  /** The reviewing organisation or team. */
  @Column({ type: 'varchar', length: 200 })
  reviewer!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ReviewKind;

  @Column({ type: 'varchar', length: 16 })
  clearance!: ReviewClearance;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  state!: ReviewState;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** Findings numbered so far: the next one is `findingCount + 1`. */
  @Column({ name: 'finding_count', type: 'integer', default: 0 })
  findingCount!: number;
}

/** A question, comment or defeater on one node or one support link of the report. */
@Entity('finding')
@Check(
  'finding_values',
  `"kind" IN ('question', 'comment', 'defeater') AND "state" IN ('open', 'addressed', 'resolved', 'accepted', 'withdrawn') AND ("defeats" IS NULL) = ("kind" <> 'defeater') AND ("defeats" IS NULL OR "defeats" IN ('rebutting', 'undermining', 'undercutting'))`,
)
@Check(
  'finding_target',
  `("node_key" IS NULL) = ("link_from" IS NOT NULL AND "link_to" IS NOT NULL) AND ("link_from" IS NULL) = ("link_to" IS NULL)`,
)
@Index('finding_review_number', ['reviewId', 'number'], { unique: true })
export class FindingEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'review_id', type: 'uuid' })
  reviewId!: string;

  @ManyToOne(() => ReviewEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id' })
  review?: ReviewEntity;

  /** 1, 2, … within its review. */
  @Column({ type: 'integer' })
  number!: number;

  /** The node it is on; null for a finding on a link. */
  @Column({ name: 'node_key', type: 'varchar', length: 80, nullable: true })
  nodeKey!: string | null;

  /** A finding on a support link: `linkTo` (a pathway or claim) names `linkFrom` in supports. */
  @Column({ name: 'link_from', type: 'varchar', length: 80, nullable: true })
  linkFrom!: string | null;

  @Column({ name: 'link_to', type: 'varchar', length: 80, nullable: true })
  linkTo!: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind!: FindingKind;

  @Column({ type: 'varchar', length: 16, nullable: true })
  defeats!: Defeats | null;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  state!: FindingState;

  @Column({ type: 'varchar', length: 200, nullable: true })
  author!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A reply in a finding's thread; `parentId` another reply, or null for one to the finding. */
@Entity('finding_reply')
@Index('finding_reply_finding', ['findingId', 'createdAt'])
export class FindingReplyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'finding_id', type: 'uuid' })
  findingId!: string;

  @ManyToOne(() => FindingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'finding_id' })
  finding?: FindingEntity;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => FindingReplyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id' })
  parent?: FindingReplyEntity;

  @Column({ type: 'varchar', length: 200, nullable: true })
  author!: string | null;

  /** For a reply that moved the finding: the state it moved it to. */
  @Column({ name: 'moved_to', type: 'varchar', length: 16, nullable: true })
  movedTo!: FindingState | null;

  @Column({ type: 'text' })
  body!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One thing shared with a review's reviewer (SPEC §7): append-only. */
@Entity('review_share')
@Index('review_share_review', ['reviewId', 'sharedAt'])
@Check('review_share_clearance', `"clearance" IN ('full', 'redacted')`)
export class ReviewShareEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'review_id', type: 'uuid' })
  reviewId!: string;

  @ManyToOne(() => ReviewEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id' })
  review?: ReviewEntity;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  /** Where it is: a link, a data room path, "handed over in the meeting". */
  @Column({ type: 'varchar', length: 2000 })
  location!: string;

  @Column({ name: 'shared_at', type: 'timestamptz' })
  sharedAt!: Date;

  /** Who recorded it (the token's name). */
  @Column({ name: 'shared_by', type: 'varchar', length: 200, nullable: true })
  sharedBy!: string | null;

  /** The nodes it supports. */
  @Column({ name: 'node_keys', type: 'text', array: true, default: '{}' })
  nodeKeys!: string[];

  /** The clearance it needed: `full` for what only an unredacted review may see. */
  @Column({ type: 'varchar', length: 16 })
  clearance!: ReviewClearance;
}
