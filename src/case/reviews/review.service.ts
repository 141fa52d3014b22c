import { Injectable } from '@nestjs/common';
import type { Case, NodeKind } from '../../core/case-model/case';
import { stateOf } from '../../core/case-model/report-state';
import { DEFAULT_MAX_ORDER } from '../../core/analysis';
import { indexNodes, requireVisibleNode, visibleNode } from '../../core/case-model/index-nodes';
import {
  defeaterTargetIssue,
  findingKindIssue,
  refusedTransition,
  type Defeats,
  type FindingKind,
  type FindingState,
  type ReviewClearance,
  type ReviewKind,
  type ReviewSide,
} from '../../core/review/finding';
import { computeReviewImpact, type ReviewImpact } from '../../core/review/review-impact';
import { formatReviewMarkdown } from '../../core/review/review-markdown';
import { DomainError, DomainErrorCode } from '../../core/shared/domain-error';
import type {
  FindingEntity,
  FindingReplyEntity,
  ReviewEntity,
  ReviewShareEntity,
} from '../../storage/entities/review.entity';
import type { ReportEntity } from '../../storage/entities/report.entity';
import {
  ReviewsRepository,
  type ReviewWrites,
} from '../../storage/repositories/reviews.repository';
import type { Principal } from '../auth/policy';
import { CaseService } from '../cases/case.service';
import { StatusEventBus } from '../events/status-event-bus';

export interface NewReview {
  readonly key: string;
  readonly title: string;
  readonly reviewer: string;
  readonly kind: ReviewKind;
  readonly clearance: ReviewClearance;
}

/** A finding's target: one node, or the support link `from` → `to` (`to` names `from` in supports). */
export type FindingTarget =
  { readonly node: string } | { readonly link: { readonly from: string; readonly to: string } };

export interface NewShare {
  readonly title: string;
  readonly location: string;
  /** When it was shared; default now. */
  readonly sharedAt: Date | null;
  readonly nodes: readonly string[];
  readonly clearance: ReviewClearance;
}

export interface NewFinding {
  readonly target: FindingTarget;
  readonly kind: FindingKind;
  readonly defeats: Defeats | null;
  readonly body: string;
}

/** Who writes: the token's name, and what it may see and do. */
export type Reviewer = Pick<Principal, 'name' | 'role' | 'clearance'>;

/** SPEC §7: reviews of a report, findings on its nodes and links, their threads and states. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly cases: CaseService,
    private readonly reviews: ReviewsRepository,
    private readonly bus: StatusEventBus,
  ) {}

  list(reportId: string): Promise<ReviewEntity[]> {
    return this.reviews.list(reportId);
  }

  findings(
    reviewId: string,
    page: { offset: number; limit?: number },
    state?: FindingState,
  ): Promise<FindingEntity[]> {
    return this.reviews.findings(reviewId, page, state);
  }

  replies(findingId: string): Promise<FindingReplyEntity[]> {
    return this.reviews.replies(findingId);
  }

  async findingById(id: string): Promise<FindingEntity> {
    const finding = await this.reviews.findingById(id);
    if (!finding) throw new DomainError(DomainErrorCode.NODE_NOT_FOUND, `no finding ${id}`);
    return finding;
  }

  /**
   * SPEC §7: what the review's open (or addressed) and accepted defeaters break or weaken, from
   * the analysis with no findings. `defeaters`: how many applied.
   */
  async reviewImpact(
    reportKey: string,
    reviewKey: string,
    maxOrder: number,
  ): Promise<{ reportId: string; defeaters: number; impact: ReviewImpact }> {
    const { report, case: c } = await this.cases.loadSnapshot(reportKey);
    const review = await this.existingReview(report, reviewKey);
    const { defeaters, impact } = await this.impactOf(report, c, review, maxOrder);
    return { reportId: report.id, defeaters, impact };
  }

  /**
   * SPEC §7 `exportReview`: the companion document a reviewer publishes, as Markdown, redacted
   * for a caller without clearance.
   */
  async exportReview(reportKey: string, reviewKey: string, clearance: boolean): Promise<string> {
    const { case: c, report } = await this.cases.loadSnapshot(reportKey);
    const review = await this.existingReview(report, reviewKey);
    const { impact } = await this.impactOf(report, c, review, DEFAULT_MAX_ORDER);
    const findings = await this.reviews.findings(review.id, { offset: 0 });
    return formatReviewMarkdown({
      case: c,
      impact,
      clearance,
      review: {
        ...review,
        findings: await Promise.all(
          findings.map(async (f) => ({
            ...f,
            node: f.nodeKey,
            link: f.nodeKey === null ? { from: f.linkFrom!, to: f.linkTo! } : null,
            replies: await this.reviews.replies(f.id),
          })),
        ),
      },
    });
  }

  private async impactOf(
    report: ReportEntity,
    c: Case,
    review: ReviewEntity,
    maxOrder: number,
  ): Promise<{ defeaters: number; impact: ReviewImpact }> {
    const defeaters = await this.reviews.defeatersOf(report.id, 'openAndAccepted', review.key);
    return { defeaters: defeaters.length, impact: computeReviewImpact(c, defeaters, maxOrder) };
  }

  findReview(reportId: string, key: string): Promise<ReviewEntity | null> {
    return this.reviews.findReview(reportId, key);
  }

  /** The report's review, or NODE_NOT_FOUND. */
  async existingReview(report: ReportEntity, reviewKey: string): Promise<ReviewEntity> {
    const review = await this.reviews.findReview(report.id, reviewKey);
    if (!review) {
      throw new DomainError(
        DomainErrorCode.NODE_NOT_FOUND,
        `report '${report.key}' has no review '${reviewKey}'`,
      );
    }
    return review;
  }

  openFindings(reportId: string, reviewKey?: string): Promise<FindingEntity[]> {
    return this.reviews.openFindings(reportId, reviewKey);
  }

  shares(reviewId: string): Promise<ReviewShareEntity[]> {
    return this.reviews.shares(reviewId);
  }

  /**
   * Records what was shared with the review's reviewer (append-only): the nodes it supports
   * must exist (and, for a caller without clearance, not be restricted: the same error).
   */
  async recordShared(
    reportKey: string,
    reviewKey: string,
    input: NewShare,
    by: Reviewer,
  ): Promise<ReviewShareEntity> {
    const { report, case: c } = await this.writable(reportKey);
    const nodes = indexNodes(c);
    for (const key of input.nodes) requireVisibleNode(nodes, key, by.clearance, reportKey);
    return this.reviews.transaction(async (tx) => {
      const review = await this.openReview(tx, report, reviewKey);
      return tx.insertShare({
        reviewId: review.id,
        title: input.title,
        location: input.location,
        sharedAt: input.sharedAt ?? new Date(),
        sharedBy: by.name,
        nodeKeys: [...new Set(input.nodes)],
        clearance: input.clearance,
      });
    });
  }

  async createReview(reportKey: string, input: NewReview): Promise<ReviewEntity> {
    const { report } = await this.writable(reportKey);
    return this.reviews.transaction(async (tx) => {
      if (await tx.findReview(report.id, input.key)) {
        throw new DomainError(
          DomainErrorCode.KEY_EXISTS,
          `report '${reportKey}' already has a review '${input.key}'`,
        );
      }
      return tx.insertReview({
        ...input,
        reportId: report.id,
        state: 'open',
        closedAt: null,
        findingCount: 0,
      });
    });
  }

  async closeReview(reportKey: string, reviewKey: string): Promise<ReviewEntity> {
    const { report } = await this.writable(reportKey);
    return this.reviews.transaction(async (tx) => {
      const review = await this.openReview(tx, report, reviewKey);
      return tx.closeReview(review);
    });
  }

  /**
   * A finding on a node or a support link that exists. A node a caller without clearance may
   * not read is, for that caller, a node that does not exist: the error is the same.
   */
  async addFinding(
    reportKey: string,
    reviewKey: string,
    input: NewFinding,
    by: Reviewer,
  ): Promise<FindingEntity> {
    const { report, case: c } = await this.writable(reportKey);
    const kindIssue = findingKindIssue(input.kind, input.defeats);
    if (kindIssue) throw new DomainError(DomainErrorCode.INVALID_INPUT, kindIssue);
    const target = targetOf(c, input.target, by.clearance, reportKey);
    const targetIssue = input.defeats && defeaterTargetIssue(input.defeats, target);
    if (targetIssue) throw new DomainError(DomainErrorCode.INVALID_INPUT, targetIssue);
    const finding = await this.reviews.transaction(async (tx) => {
      const review = await this.openReview(tx, report, reviewKey, true);
      const where =
        'node' in input.target
          ? { nodeKey: input.target.node, linkFrom: null, linkTo: null }
          : { nodeKey: null, linkFrom: input.target.link.from, linkTo: input.target.link.to };
      return tx.insertFinding(review, {
        ...where,
        kind: input.kind,
        defeats: input.defeats,
        body: input.body,
        author: by.name,
      });
    });
    await this.bus.publishReview({
      reportId: report.id,
      reportKey: report.key,
      kind: 'findingAdded',
      id: finding.id,
    });
    return finding;
  }

  /**
   * Moves a finding (SPEC §7): reviewers take the reviewer's side, editors and owners the
   * authors'. The note, when given, goes into the thread with the state it moved to.
   */
  async transitionFinding(
    reportKey: string,
    reviewKey: string,
    number: number,
    to: FindingState,
    note: string | null,
    by: Reviewer,
  ): Promise<FindingEntity> {
    const { report } = await this.writable(reportKey);
    const side: ReviewSide = by.role === 'reviewer' ? 'reviewer' : 'authors';
    return this.reviews.transaction(async (tx) => {
      const review = await this.openReview(tx, report, reviewKey);
      const finding = await this.finding(tx, review, number, true);
      const refused = refusedTransition(finding.state, to, side);
      if (refused) {
        const wrongSide = refused.startsWith('only the ');
        throw new DomainError(
          wrongSide ? DomainErrorCode.FORBIDDEN : DomainErrorCode.INVALID_INPUT,
          `finding ${number} of review '${reviewKey}': ${refused}`,
        );
      }
      finding.state = to;
      finding.updatedAt = new Date();
      await tx.saveFindingState(finding);
      if (note !== null) {
        await tx.insertReply({
          findingId: finding.id,
          parentId: null,
          author: by.name,
          movedTo: to,
          body: note,
        });
      }
      return finding;
    });
  }

  async replyToFinding(
    reportKey: string,
    reviewKey: string,
    number: number,
    body: string,
    parent: string | null,
    by: Reviewer,
  ): Promise<FindingReplyEntity> {
    const { report } = await this.writable(reportKey);
    return this.reviews.transaction(async (tx) => {
      const review = await this.openReview(tx, report, reviewKey);
      const finding = await this.finding(tx, review, number);
      if (parent !== null && !(await tx.findReply(finding.id, parent))) {
        throw new DomainError(
          DomainErrorCode.NODE_NOT_FOUND,
          `finding ${number} of review '${reviewKey}' has no reply '${parent}'`,
        );
      }
      return tx.insertReply({
        findingId: finding.id,
        parentId: parent,
        author: by.name,
        movedTo: null,
        body,
      });
    });
  }

  /** The report and its current case; an archived report takes no `what` (reviews, findings, …). */
  async writable(
    reportKey: string,
    what = 'reviews or findings',
  ): Promise<{ report: ReportEntity; case: Case }> {
    const snapshot = await this.cases.loadSnapshot(reportKey);
    if (stateOf(snapshot.case) === 'archived') {
      throw new DomainError(
        DomainErrorCode.REPORT_FROZEN,
        `report '${reportKey}' is archived: it takes no ${what}`,
      );
    }
    return snapshot;
  }

  private async openReview(
    tx: ReviewWrites,
    report: ReportEntity,
    reviewKey: string,
    lock = false,
  ): Promise<ReviewEntity> {
    const review = await tx.findReview(report.id, reviewKey, lock);
    if (!review) {
      throw new DomainError(
        DomainErrorCode.NODE_NOT_FOUND,
        `report '${report.key}' has no review '${reviewKey}'`,
      );
    }
    if (review.state === 'closed') {
      throw new DomainError(
        DomainErrorCode.REPORT_FROZEN,
        `review '${reviewKey}' is closed: it takes no more findings, replies or moves`,
      );
    }
    return review;
  }

  private async finding(
    tx: ReviewWrites,
    review: ReviewEntity,
    number: number,
    lock = false,
  ): Promise<FindingEntity> {
    const finding = await tx.findFinding(review.id, number, lock);
    if (!finding) {
      throw new DomainError(
        DomainErrorCode.NODE_NOT_FOUND,
        `review '${review.key}' has no finding ${number}`,
      );
    }
    return finding;
  }
}

/**
 * The target's kind (and key), or NODE_NOT_FOUND; a restricted node is, to a caller without
 * clearance, a node that does not exist: the same error.
 */
function targetOf(
  c: Case,
  target: FindingTarget,
  clearance: boolean,
  reportKey: string,
): { kind: 'link' } | { kind: NodeKind; key: string } {
  const nodes = indexNodes(c);
  const visible = (key: string) => visibleNode(nodes, key, clearance);
  if ('node' in target) {
    const found = requireVisibleNode(nodes, target.node, clearance, reportKey);
    return { kind: found.kind, key: target.node };
  }
  const { from, to } = target.link;
  const parent = visible(to);
  const supports =
    parent?.kind === 'pathway' || parent?.kind === 'claim' ? parent.node.supports : [];
  if (!supports.includes(from) || !visible(from)) {
    throw new DomainError(
      DomainErrorCode.LINK_NOT_FOUND,
      `report '${reportKey}' has no support link from '${from}' to '${to}'`,
    );
  }
  return { kind: 'link' };
}
