import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { DEFAULT_MAX_ORDER } from '../../../core/analysis';
import type { FindingState } from '../../../core/review/finding';
import { DomainError, DomainErrorCode } from '../../../core/shared/domain-error';
import { ReviewService, type FindingTarget } from '../../../case/reviews/review.service';
import type {
  FindingEntity,
  FindingReplyEntity,
  ReviewEntity,
  ReviewShareEntity,
} from '../../../storage/entities/review.entity';
import type { GqlContext } from '../context/context';
import { PageArgs } from '../inputs/pagination.args';
import {
  AddFindingInput,
  CreateReviewInput,
  FindingArgs,
  RecordSharedInput,
} from '../inputs/review.input';
import { viewOf } from '../models/case-view';
import { Readiness } from '../models/iteration.models';
import { Report } from '../models/report.model';
import type { Claim } from '../models/claim.model';
import type { Pathway } from '../models/pathway.model';
import {
  Finding,
  FindingReply,
  FindingStateEnum,
  Review,
  ReviewExportFormatEnum,
  ReviewImpact,
  ReviewShare,
} from '../models/review.models';
import { nodesByKeys } from './nodes-by-keys';
import { hasClearance } from './redaction';

type ReviewModel = Review & { reportId: string };
type FindingModel = Finding & { reportId: string };

const toReview = (r: ReviewEntity): ReviewModel => ({
  id: r.id,
  reportId: r.reportId,
  key: r.key,
  title: r.title,
  reviewer: r.reviewer,
  kind: r.kind,
  clearance: r.clearance,
  state: r.state,
  createdAt: r.createdAt,
  closedAt: r.closedAt,
});

/**
 * Whether a finding's target is restricted in the report's current version: its node, or an end
 * of its link; a node since deleted counts as restricted (its text may have been).
 */
async function targetRestricted(ctx: GqlContext, reportId: string, f: FindingEntity) {
  const view = viewOf((await ctx.reports.get({ id: reportId })).version);
  return view.hidesAny(f.nodeKey !== null ? [f.nodeKey] : [f.linkFrom!, f.linkTo!]);
}

export async function toFinding(
  ctx: GqlContext,
  reportId: string,
  review: string,
  f: FindingEntity,
): Promise<FindingModel> {
  return {
    id: f.id,
    reportId,
    review,
    number: f.number,
    node: f.nodeKey,
    link: f.nodeKey === null ? { from: f.linkFrom!, to: f.linkTo! } : null,
    kind: f.kind,
    defeats: f.defeats,
    body: f.body,
    state: f.state,
    author: f.author,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    restricted: await targetRestricted(ctx, reportId, f),
  };
}

const toReply = (r: FindingReplyEntity, restricted: boolean): FindingReply => ({
  id: r.id,
  parentId: r.parentId,
  author: r.author,
  movedTo: r.movedTo,
  body: r.body,
  createdAt: r.createdAt,
  restricted,
});

/** SPEC §7: reviews, findings and their threads. Their text is redacted in redaction.ts. */
@Resolver(() => Report)
export class ReportReviewsResolver {
  constructor(private readonly service: ReviewService) {}

  @ResolveField(() => [Review], {
    description: "Its reviews, by key (a review's token: that review only).",
  })
  async reviews(@Parent() r: Report, @Context() ctx: GqlContext): Promise<Review[]> {
    const scope = await ctx.auth.reviewScope();
    const reviews = await this.service.list(r.id);
    return reviews.filter((review) => scope === null || review.key === scope).map(toReview);
  }
}

@Resolver(() => Readiness)
export class ReadinessFindingsResolver {
  constructor(private readonly reviews: ReviewService) {}

  @ResolveField(() => [Finding], {
    description: "Findings of the report's open reviews not yet resolved, accepted or withdrawn.",
  })
  async openFindings(@Parent() r: Readiness, @Context() ctx: GqlContext): Promise<Finding[]> {
    const reportId = (await ctx.reports.get(r.report)).report.id;
    const rows = await this.reviews.openFindings(
      reportId,
      (await ctx.auth.reviewScope()) ?? undefined,
    );
    return Promise.all(rows.map((f) => toFinding(ctx, reportId, f.review!.key, f)));
  }
}

@Resolver(() => Review)
export class ReviewFieldsResolver {
  constructor(private readonly reviews: ReviewService) {}

  @ResolveField(() => [Finding], { description: 'By number.' })
  async findings(
    @Parent() review: ReviewModel,
    @Args() page: PageArgs,
    @Args('state', { type: () => FindingStateEnum, nullable: true }) state: FindingState | null,
    @Context() ctx: GqlContext,
  ): Promise<Finding[]> {
    const rows = await this.reviews.findings(review.id, page, state ?? undefined);
    return Promise.all(rows.map((f) => toFinding(ctx, review.reportId, review.key, f)));
  }

  @ResolveField(() => [ReviewShare], {
    description: 'What was shared with the reviewer, oldest first.',
  })
  async shared(@Parent() review: ReviewModel, @Context() ctx: GqlContext): Promise<ReviewShare[]> {
    const rows = await this.reviews.shares(review.id);
    return Promise.all(rows.map((r) => toShare(ctx, review.reportId, r)));
  }
}

/** A share needing full clearance, or supporting a restricted (or since deleted) node, is restricted. */
async function toShare(
  ctx: GqlContext,
  reportId: string,
  r: ReviewShareEntity,
): Promise<ReviewShare> {
  const view = viewOf((await ctx.reports.get({ id: reportId })).version);
  return {
    id: r.id,
    title: r.title,
    location: r.location,
    sharedAt: r.sharedAt,
    sharedBy: r.sharedBy,
    nodes: r.nodeKeys,
    clearance: r.clearance,
    restricted: r.clearance === 'full' || view.hidesAny(r.nodeKeys),
  };
}

@Resolver(() => Finding)
export class FindingFieldsResolver {
  constructor(private readonly reviews: ReviewService) {}

  @ResolveField(() => [FindingReply], { description: 'The thread, oldest first.' })
  async replies(@Parent() finding: FindingModel): Promise<FindingReply[]> {
    return (await this.reviews.replies(finding.id)).map((r) => toReply(r, finding.restricted));
  }
}

@Resolver()
export class ReviewMutationsResolver {
  constructor(private readonly reviews: ReviewService) {}

  @Query(() => String, {
    description:
      'The review as a Markdown document: findings grouped by pathway, with states, replies and impact; redacted without clearance.',
  })
  async exportReview(
    @Args('report') report: string,
    @Args('review') review: string,
    @Args('format', { type: () => ReviewExportFormatEnum, defaultValue: 'markdown' })
    _format: 'markdown',
    @Context() ctx: GqlContext,
  ): Promise<string> {
    return this.reviews.exportReview(report, review, await hasClearance(ctx.auth));
  }

  @Query(() => ReviewImpact, {
    description: "What the review's critique breaks or weakens (SPEC §7).",
  })
  async reviewImpact(
    @Args('report') report: string,
    @Args('review') review: string,
    @Args('maxOrder', {
      type: () => Int,
      defaultValue: DEFAULT_MAX_ORDER,
      description: 'Margins above it are reported as null.',
    })
    maxOrder: number,
    @Context() ctx: GqlContext,
  ): Promise<ReviewImpact> {
    const { reportId, defeaters, impact } = await this.reviews.reviewImpact(
      report,
      review,
      maxOrder,
    );
    const load = (keys: readonly string[]) => nodesByKeys(ctx, reportId, keys);
    const weakenedNodes = await load(impact.weakened.map((w) => w.key));
    return {
      review,
      defeaters,
      brokenPathways: (await load(impact.brokenPathways.map((b) => b.key))) as Pathway[],
      brokenClaims: (await load(impact.brokenClaims.map((b) => b.key))) as Claim[],
      weakened: impact.weakened.map((w, i) => ({ ...w, nodeKind: w.kind, node: weakenedNodes[i] })),
    };
  }

  @Mutation(() => Review, { description: 'Opens a review of the report (owners).' })
  async createReview(
    @Args('report') report: string,
    @Args('input') input: CreateReviewInput,
  ): Promise<Review> {
    return toReview(await this.reviews.createReview(report, input));
  }

  @Mutation(() => Review, { description: 'Closes a review: it takes no more findings or moves.' })
  async closeReview(
    @Args('report') report: string,
    @Args('review') review: string,
  ): Promise<Review> {
    return toReview(await this.reviews.closeReview(report, review));
  }

  @Mutation(() => Finding, {
    description: 'A question, comment or defeater on a node or a support link.',
  })
  async addFinding(
    @Args('report') report: string,
    @Args('review') review: string,
    @Args('input') input: AddFindingInput,
    @Context() ctx: GqlContext,
  ): Promise<Finding> {
    const by = await ctx.auth.principal();
    const saved = await this.reviews.addFinding(
      report,
      review,
      {
        target: targetOf(input),
        kind: input.kind,
        defeats: input.defeats ?? null,
        body: input.body,
      },
      by,
    );
    return toFinding(ctx, (await ctx.reports.get(report)).report.id, review, saved);
  }

  @Mutation(() => Finding, {
    description:
      "Moves a finding to another state (see FindingState): reviewers take the reviewer's side, editors and owners the authors'. The note joins the thread.",
  })
  async transitionFinding(
    @Args() { report, review, finding }: FindingArgs,
    @Args('to', { type: () => FindingStateEnum }) to: FindingState,
    @Args('note', { type: () => String, nullable: true }) note: string | null,
    @Context() ctx: GqlContext,
  ): Promise<Finding> {
    const by = await ctx.auth.principal();
    const moved = await this.reviews.transitionFinding(
      report,
      review,
      finding,
      to,
      note ?? null,
      by,
    );
    return toFinding(ctx, (await ctx.reports.get(report)).report.id, review, moved);
  }

  @Mutation(() => ReviewShare, {
    description:
      "Records what was shared with the review's reviewer (the sharing log: append-only).",
  })
  async recordShared(
    @Args('report') report: string,
    @Args('review') review: string,
    @Args('input') input: RecordSharedInput,
    @Context() ctx: GqlContext,
  ): Promise<ReviewShare> {
    const by = await ctx.auth.principal();
    const share = await this.reviews.recordShared(
      report,
      review,
      { ...input, sharedAt: input.sharedAt ?? null },
      by,
    );
    return toShare(ctx, (await ctx.reports.get(report)).report.id, share);
  }

  @Mutation(() => FindingReply, {
    description: 'A reply to a finding, or to a reply in its thread.',
  })
  async replyToFinding(
    @Args() { report, review, finding }: FindingArgs,
    @Args('body') body: string,
    @Args('parent', { type: () => ID, nullable: true }) parent: string | null,
    @Context() ctx: GqlContext,
  ): Promise<FindingReply> {
    const by = await ctx.auth.principal();
    const reply = await this.reviews.replyToFinding(
      report,
      review,
      finding,
      body,
      parent ?? null,
      by,
    );
    const saved = await this.reviews.findingById(reply.findingId);
    const reportId = (await ctx.reports.get(report)).report.id;
    return toReply(reply, await targetRestricted(ctx, reportId, saved));
  }
}

function targetOf(input: AddFindingInput): FindingTarget {
  const { node, link } = input;
  if (((node ?? null) === null) === ((link ?? null) === null)) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      'a finding is on a node or on a support link: give exactly one of node and link',
    );
  }
  return node ? { node } : { link: { from: link!.from, to: link!.to } };
}

export const REVIEW_RESOLVERS = [
  ReportReviewsResolver,
  ReadinessFindingsResolver,
  ReviewFieldsResolver,
  FindingFieldsResolver,
  ReviewMutationsResolver,
];
