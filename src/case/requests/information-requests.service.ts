import { Injectable } from '@nestjs/common';
import { indexNodes, requireVisibleNode, visibleScenario } from '../../core/case-model/index-nodes';
import { refusedRequestMove } from '../../core/requests/information-request';
import { DomainError, DomainErrorCode } from '../../core/shared/domain-error';
import type { InformationRequestEntity } from '../../storage/entities/information-request.entity';
import type { ReportEntity } from '../../storage/entities/report.entity';
import {
  RequestsRepository,
  type RequestFilter,
} from '../../storage/repositories/requests.repository';
import type { Principal } from '../auth/policy';
import { StatusEventBus } from '../events/status-event-bus';
import { ReviewService } from '../reviews/review.service';

export interface NewRequest {
  readonly team: string;
  readonly question: string;
  /** Nodes and scenarios it is about. */
  readonly nodes: readonly string[];
  readonly dueAt: Date;
  /** Asked only if the team has no open request about this node yet (see createAll). */
  readonly unlessOpenAbout?: string;
}

export interface RequestAnswer {
  readonly answer: string;
  /** Evidence items of the report the answer produced. */
  readonly evidence: readonly string[];
}

/** Who acts: the token's name and role, what it may see, and the review it is bound to. */
export type Requester = Pick<Principal, 'name' | 'role' | 'clearance' | 'review'>;

const TAKES = 'information requests or answers';

/**
 * SPEC §7: information requests to a report's teams, with due dates; answers with the evidence
 * they produced. Who may ask and answer is the policy's; this checks what they name.
 */
@Injectable()
export class InformationRequestsService {
  constructor(
    private readonly reviews: ReviewService,
    private readonly requests: RequestsRepository,
    private readonly bus: StatusEventBus,
  ) {}

  /**
   * A review-bound token sees its review's requests only; `filter.review` (a key) narrows to
   * one review. An unknown review lists nothing.
   */
  async list(
    report: ReportEntity,
    filter: Omit<RequestFilter, 'reviewId'> & { review?: string },
    page: { offset: number; limit?: number },
    by: Pick<Principal, 'review'>,
  ): Promise<InformationRequestEntity[]> {
    if (by.review !== null && filter.review !== undefined && filter.review !== by.review) {
      return [];
    }
    const reviewKey = by.review ?? filter.review;
    const review = reviewKey ? await this.reviews.findReview(report.id, reviewKey) : undefined;
    if (review === null) return [];
    return this.requests.list(report.id, { ...filter, reviewId: review?.id }, page);
  }

  /**
   * Asks a team of the report: of a review (which must be open), or for the information
   * gathering when `reviewKey` is null. A review-bound token asks for its review.
   */
  async create(
    reportKey: string,
    reviewKey: string | null,
    input: NewRequest,
    by: Requester,
  ): Promise<InformationRequestEntity> {
    const [saved] = await this.createAll(reportKey, reviewKey, [input], by);
    return saved;
  }

  /**
   * As create, for several requests at once, all or none, numbered in order. One with
   * `unlessOpenAbout` is left out when its team has an open request about that node: checked
   * under the numbering lock, so asking twice (even at once) asks once.
   */
  async createAll(
    reportKey: string,
    reviewKey: string | null,
    inputs: readonly NewRequest[],
    by: Requester,
  ): Promise<InformationRequestEntity[]> {
    const { report, case: c } = await this.reviews.writable(reportKey, TAKES);
    const nodes = indexNodes(c);
    // Each input's team is checked in the transaction below, under the report's row.
    for (const input of inputs) {
      for (const node of input.nodes) {
        if (visibleScenario(c, nodes, node, by.clearance)) continue;
        requireVisibleNode(nodes, node, by.clearance, reportKey);
      }
      if (input.dueAt.getTime() <= Date.now()) {
        throw new DomainError(DomainErrorCode.INVALID_INPUT, 'dueAt must be in the future');
      }
    }
    const key = reviewKey ?? by.review;
    const review = key ? await this.reviews.existingReview(report, key) : null;
    return this.requests.transaction(async (tx) => {
      // Under the report's row: a team deleted (or renamed) since the case was read takes no
      // request, and one deleted from now on sees this one (TeamsService.delete). Every team a
      // mitigation names is stored as declared (declareReferencedTeams on every write).
      const current = await tx.teamKeys(report.id);
      const gone = inputs.find((input) => !current.has(input.team));
      if (gone) {
        throw new DomainError(
          DomainErrorCode.TEAM_NOT_FOUND,
          `report '${reportKey}' has no team '${gone.team}'`,
        );
      }
      // Locked, so that a review closing meanwhile takes no new request.
      if (review && (await tx.reviewStateForUpdate(review.id)) === 'closed') {
        throw new DomainError(
          DomainErrorCode.REPORT_FROZEN,
          `review '${review.key}' is closed: it asks no more`,
        );
      }
      await tx.lockNumbering(report.id);
      const saved: InformationRequestEntity[] = [];
      for (const input of inputs) {
        const about = input.unlessOpenAbout;
        if (about !== undefined && (await tx.hasOpenAbout(report.id, input.team, about))) continue;
        const row = await tx.insert({
          reportId: report.id,
          reviewId: review?.id ?? null,
          team: input.team,
          question: input.question,
          nodeKeys: [...new Set(input.nodes)],
          dueAt: input.dueAt,
          askedBy: by.name,
        });
        saved.push({ ...row, review: review ?? undefined });
      }
      return saved;
    });
  }

  /** The team's answer (the policy checked that it is the caller's team's request). */
  async answer(
    reportKey: string,
    number: number,
    input: RequestAnswer,
    by: Requester,
  ): Promise<InformationRequestEntity> {
    const { report, case: c } = await this.reviews.writable(reportKey, TAKES);
    const nodes = indexNodes(c);
    for (const key of input.evidence) {
      const { kind } = requireVisibleNode(nodes, key, by.clearance, reportKey, 'evidence');
      if (kind !== 'evidence') {
        throw new DomainError(
          DomainErrorCode.WRONG_NODE_KIND,
          `'${key}' of report '${reportKey}' is a ${kind}, not evidence`,
        );
      }
    }
    const answered = await this.move(report, number, 'answer', null, (request) => ({
      ...request,
      state: 'answered',
      answer: input.answer,
      answeredBy: by.name,
      answeredAt: new Date(),
      evidenceKeys: [...new Set(input.evidence)],
    }));
    await this.bus.publishReview({
      reportId: report.id,
      reportKey: report.key,
      kind: 'requestAnswered',
      id: answered.id,
    });
    return answered;
  }

  /**
   * The asking side closes a request: the report's authors any; a reviewer a review's (a
   * review-bound one its review's only). To a reviewer, a request it may not close is one that
   * does not exist.
   */
  async close(reportKey: string, number: number, by: Requester): Promise<InformationRequestEntity> {
    const { report } = await this.reviews.writable(reportKey, TAKES);
    const own = by.review === null ? null : await this.reviews.findReview(report.id, by.review);
    const mayClose = (request: InformationRequestEntity) =>
      by.role !== 'reviewer' ||
      (request.reviewId !== null && (own === null || request.reviewId === own.id));
    return this.move(report, number, 'close', mayClose, (request) => ({
      ...request,
      state: 'closed',
      closedAt: new Date(),
    }));
  }

  async byId(id: string): Promise<InformationRequestEntity> {
    const request = await this.requests.byId(id);
    if (!request) {
      throw new DomainError(DomainErrorCode.NODE_NOT_FOUND, `no information request ${id}`);
    }
    return request;
  }

  /** `mayAct` false reads as no such request: nothing of another's request shows. */
  private async move(
    report: ReportEntity,
    number: number,
    move: 'answer' | 'close',
    mayAct: ((request: InformationRequestEntity) => boolean) | null,
    apply: (request: InformationRequestEntity) => InformationRequestEntity,
  ): Promise<InformationRequestEntity> {
    return this.requests.transaction(async (tx) => {
      const request = await tx.findForUpdate(report.id, number);
      if (!request || (mayAct && !mayAct(request))) {
        throw new DomainError(
          DomainErrorCode.NODE_NOT_FOUND,
          `report '${report.key}' has no information request ${number}`,
        );
      }
      const refused = refusedRequestMove(request.state, move);
      if (refused) {
        throw new DomainError(
          DomainErrorCode.INVALID_INPUT,
          `information request ${number} cannot be ${move === 'answer' ? 'answered' : 'closed'}: ${refused}`,
        );
      }
      return tx.save(apply(request));
    });
  }
}
