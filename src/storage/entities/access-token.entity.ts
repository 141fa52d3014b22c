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
import { ReportEntity } from './report.entity';
import { ReviewEntity } from './review.entity';

/** A bearer token. Only its SHA-256 is stored: the secret is shown once, when it is created. */
@Entity('access_token')
@Check(
  'access_token_role',
  `"role" IN ('viewer', 'reviewer', 'editor', 'owner', 'hook', 'metrics')`,
)
export class AccessTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Hex SHA-256 of the token. Tokens are 256 random bits, so a fast hash is enough. */
  @Index('access_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: string;

  /** The one report the token is good for; null: every report. Goes with its report. */
  @Column({ name: 'report_id', type: 'uuid', nullable: true })
  reportId!: string | null;

  @ManyToOne(() => ReportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: ReportEntity;

  /**
   * A reviewer token bound to one review of its report: it acts in that review only, and the
   * review's clearance (not `clearance`) decides what it sees. Goes with its review.
   */
  @Index('access_token_review')
  @Column({ name: 'review_id', type: 'uuid', nullable: true })
  reviewId!: string | null;

  @ManyToOne(() => ReviewEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id' })
  review?: ReviewEntity;

  /** A team-scoped editor's team key. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  team!: string | null;

  @Column({ type: 'boolean', default: false })
  clearance!: boolean;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** The name of the token that created this one (null for the first admin token). */
  @Column({ name: 'created_by', type: 'varchar', length: 200, nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
