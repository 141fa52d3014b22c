import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  defeaterApplies,
  type Defeater,
  type FindingsMode,
} from '../../core/review/apply-defeaters';
import { FINDING_STATES } from '../../core/review/finding';
import {
  FindingEntity,
  FindingReplyEntity,
  ReviewEntity,
  ReviewShareEntity,
} from '../entities/review.entity';

type NewReviewRow = Omit<ReviewEntity, 'id' | 'createdAt' | 'report'>;
type NewFindingRow = Pick<
  FindingEntity,
  'nodeKey' | 'linkFrom' | 'linkTo' | 'kind' | 'defeats' | 'body' | 'author'
>;
type NewReplyRow = Omit<FindingReplyEntity, 'id' | 'createdAt' | 'finding' | 'parent'>;

/** The writes of one review transaction (ReviewsRepository.transaction). */
export class ReviewWrites {
  constructor(private readonly em: EntityManager) {}

  /** `lock`: for update, so that findings are numbered one after another. */
  findReview(reportId: string, key: string, lock = false): Promise<ReviewEntity | null> {
    const query = this.em
      .getRepository(ReviewEntity)
      .createQueryBuilder('r')
      .where('r.report_id = :reportId AND r.key = :key', { reportId, key });
    return (lock ? query.setLock('pessimistic_write') : query).getOne();
  }

  insertReview(review: NewReviewRow): Promise<ReviewEntity> {
    const repo = this.em.getRepository(ReviewEntity);
    return repo.save(repo.create(review));
  }

  async closeReview(review: ReviewEntity): Promise<ReviewEntity> {
    const closedAt = new Date();
    await this.em
      .getRepository(ReviewEntity)
      .update({ id: review.id }, { state: 'closed', closedAt });
    return { ...review, state: 'closed', closedAt };
  }

  /** Numbers the finding after the review's last (the review row must be locked). */
  async insertFinding(review: ReviewEntity, finding: NewFindingRow): Promise<FindingEntity> {
    const number = review.findingCount + 1;
    await this.em.getRepository(ReviewEntity).update({ id: review.id }, { findingCount: number });
    const repo = this.em.getRepository(FindingEntity);
    return repo.save(
      repo.create({
        ...finding,
        reviewId: review.id,
        number,
        state: 'open',
        updatedAt: new Date(),
      }),
    );
  }

  findFinding(reviewId: string, number: number, lock = false): Promise<FindingEntity | null> {
    const query = this.em
      .getRepository(FindingEntity)
      .createQueryBuilder('f')
      .where('f.review_id = :reviewId AND f.number = :number', { reviewId, number });
    return (lock ? query.setLock('pessimistic_write') : query).getOne();
  }

  async saveFindingState(finding: FindingEntity): Promise<void> {
    await this.em
      .getRepository(FindingEntity)
      .update({ id: finding.id }, { state: finding.state, updatedAt: finding.updatedAt });
  }

  insertReply(reply: NewReplyRow): Promise<FindingReplyEntity> {
    const repo = this.em.getRepository(FindingReplyEntity);
    return repo.save(repo.create(reply));
  }

  insertShare(share: Omit<ReviewShareEntity, 'id' | 'review'>): Promise<ReviewShareEntity> {
    const repo = this.em.getRepository(ReviewShareEntity);
    return repo.save(repo.create(share));
  }

  findReply(findingId: string, id: string): Promise<FindingReplyEntity | null> {
    return this.em.getRepository(FindingReplyEntity).findOne({ where: { findingId, id } });
  }
}

/** Reviews, their findings and the findings' threads (SPEC §7). */
@Injectable()
export class ReviewsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A write and what it checks, in one transaction: all or nothing. */
  transaction<T>(work: (writes: ReviewWrites) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((em) => work(new ReviewWrites(em)));
  }

  /** A report's review, by key. */
  findReview(reportId: string, key: string): Promise<ReviewEntity | null> {
    return this.dataSource.getRepository(ReviewEntity).findOne({ where: { reportId, key } });
  }

  /** A report's reviews, by key. */
  list(reportId: string): Promise<ReviewEntity[]> {
    return this.dataSource
      .getRepository(ReviewEntity)
      .find({ where: { reportId }, order: { key: 'ASC' } });
  }

  /** A review's findings, by number; with `state`, only those in it. */
  findings(
    reviewId: string,
    page: { offset: number; limit?: number },
    state?: FindingEntity['state'],
  ): Promise<FindingEntity[]> {
    return this.dataSource.getRepository(FindingEntity).find({
      where: state ? { reviewId, state } : { reviewId },
      order: { number: 'ASC' },
      skip: page.offset,
      take: page.limit,
    });
  }

  /** The defeaters of the report's reviews (or of one, by key) that apply under `mode` (SPEC §3.8). */
  async defeatersOf(reportId: string, mode: FindingsMode, reviewKey?: string): Promise<Defeater[]> {
    const states = FINDING_STATES.filter((state) => defeaterApplies(state, mode));
    const rows = await this.dataSource.query<
      {
        defeats: Defeater['defeats'];
        node_key: string | null;
        link_from: string | null;
        link_to: string | null;
      }[]
    >(
      `SELECT f.defeats, f.node_key, f.link_from, f.link_to FROM finding f JOIN review r ON r.id = f.review_id
       WHERE r.report_id = $1 AND f.kind = 'defeater' AND f.state = ANY($2)
       ${reviewKey ? 'AND r.key = $3' : ''} ORDER BY r.key, f.number`,
      reviewKey ? [reportId, states, reviewKey] : [reportId, states],
    );
    return rows.map((r): Defeater =>
      r.defeats === 'undercutting'
        ? { defeats: 'undercutting', link: { from: r.link_from!, to: r.link_to! } }
        : { defeats: r.defeats, node: r.node_key! },
    );
  }

  /**
   * Findings of the report's open reviews (or of one, by key) still open or addressed, by review
   * key and number; each with its review.
   */
  openFindings(reportId: string, reviewKey?: string): Promise<FindingEntity[]> {
    const query = this.dataSource
      .getRepository(FindingEntity)
      .createQueryBuilder('f')
      .innerJoinAndSelect('f.review', 'r')
      .where("r.report_id = :reportId AND r.state = 'open' AND f.state IN ('open', 'addressed')", {
        reportId,
      });
    if (reviewKey) query.andWhere('r.key = :reviewKey', { reviewKey });
    return query.orderBy('r.key', 'ASC').addOrderBy('f.number', 'ASC').getMany();
  }

  /** Findings per report (key), review (key) and state: the findings gauge. */
  async findingCounts(): Promise<
    { report: string; review: string; state: FindingEntity['state']; count: number }[]
  > {
    const rows = await this.dataSource.query<
      { report: string; review: string; state: FindingEntity['state']; count: string }[]
    >(
      `SELECT p.key AS report, r.key AS review, f.state, count(*) AS count
         FROM finding f JOIN review r ON r.id = f.review_id JOIN report p ON p.id = r.report_id
        GROUP BY p.key, r.key, f.state ORDER BY p.key, r.key, f.state`,
    );
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  /** With its review. */
  findingById(id: string): Promise<FindingEntity | null> {
    return this.dataSource
      .getRepository(FindingEntity)
      .findOne({ where: { id }, relations: { review: true } });
  }

  /** What was shared with a review's reviewer, oldest first. */
  shares(reviewId: string): Promise<ReviewShareEntity[]> {
    return this.dataSource
      .getRepository(ReviewShareEntity)
      .find({ where: { reviewId }, order: { sharedAt: 'ASC', id: 'ASC' } });
  }

  /** A finding's thread, oldest first. */
  replies(findingId: string): Promise<FindingReplyEntity[]> {
    return this.dataSource
      .getRepository(FindingReplyEntity)
      .find({ where: { findingId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
