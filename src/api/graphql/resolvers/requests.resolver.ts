import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { isOverdue } from '../../../core/requests/information-request';
import { InformationRequestsService } from '../../../case/requests/information-requests.service';
import type { InformationRequestEntity } from '../../../storage/entities/information-request.entity';
import type { GqlContext } from '../context/context';
import {
  AnswerInformationRequestInput,
  CreateInformationRequestInput,
  RequestArgs,
  RequestFilterArgs,
} from '../inputs/request.input';
import { viewOf } from '../models/case-view';
import { Readiness } from '../models/iteration.models';
import { Report } from '../models/report.model';
import { InformationRequest } from '../models/request.models';

/**
 * The request as served (its review loaded with it); restricted when it names a node a caller
 * may not read. `now`: when it counts as overdue.
 */
export async function toRequest(
  ctx: GqlContext,
  r: InformationRequestEntity,
  now = new Date(),
): Promise<InformationRequest> {
  const view = viewOf((await ctx.reports.get({ id: r.reportId })).version);
  return {
    id: r.id,
    number: r.number,
    review: r.review?.key ?? null,
    team: r.team,
    question: r.question,
    nodes: r.nodeKeys,
    dueAt: r.dueAt,
    state: r.state,
    overdue: isOverdue(r, now),
    askedBy: r.askedBy,
    createdAt: r.createdAt,
    answer: r.answer,
    answeredBy: r.answeredBy,
    answeredAt: r.answeredAt,
    evidence: r.evidenceKeys,
    closedAt: r.closedAt,
    restricted: view.hidesAny([...r.nodeKeys, ...r.evidenceKeys]),
  };
}

/** SPEC §7: information requests to teams. Their text is redacted in redaction.ts. */
@Resolver(() => Report)
export class ReportRequestsResolver {
  constructor(private readonly requests: InformationRequestsService) {}

  @ResolveField(() => [InformationRequest], {
    description: "Its information requests, by number (a review's token: that review's only).",
  })
  async informationRequests(
    @Parent() report: Report,
    @Args() { state, team, review, overdue, offset, limit }: RequestFilterArgs,
    @Context() ctx: GqlContext,
  ): Promise<InformationRequest[]> {
    const { report: row } = await ctx.reports.get({ id: report.id });
    const now = new Date();
    const rows = await this.requests.list(
      row,
      {
        state: state ?? undefined,
        team: team ?? undefined,
        review: review ?? undefined,
        overdue: overdue === null || overdue === undefined ? undefined : { is: overdue, now },
      },
      { offset, limit },
      { review: await ctx.auth.reviewScope() },
    );
    return Promise.all(rows.map((r) => toRequest(ctx, r, now)));
  }
}

@Resolver()
export class RequestMutationsResolver {
  constructor(private readonly requests: InformationRequestsService) {}

  @Mutation(() => InformationRequest, {
    description:
      "Asks a team of the report, for a review (its key; a review's token: its own) or, with none, for the information gathering.",
  })
  async createInformationRequest(
    @Args('report') report: string,
    @Args('review', { type: () => String, nullable: true }) review: string | null,
    @Args('input') input: CreateInformationRequestInput,
    @Context() ctx: GqlContext,
  ): Promise<InformationRequest> {
    const by = await ctx.auth.principal();
    const saved = await this.requests.create(report, review ?? null, input, by);
    return toRequest(ctx, saved);
  }

  @Mutation(() => InformationRequest, {
    description:
      "The team's answer to an open request, with the evidence it produced (a team's token: its team's requests only).",
  })
  async answerInformationRequest(
    @Args() { report, request }: RequestArgs,
    @Args('input') input: AnswerInformationRequestInput,
    @Context() ctx: GqlContext,
  ): Promise<InformationRequest> {
    const by = await ctx.auth.principal();
    return toRequest(ctx, await this.requests.answer(report, request, input, by));
  }

  @Mutation(() => InformationRequest, { description: 'Closes an open or answered request.' })
  async closeInformationRequest(
    @Args() { report, request }: RequestArgs,
    @Context() ctx: GqlContext,
  ): Promise<InformationRequest> {
    const by = await ctx.auth.principal();
    return toRequest(ctx, await this.requests.close(report, request, by));
  }
}

@Resolver(() => Readiness)
export class ReadinessRequestsResolver {
  constructor(private readonly requests: InformationRequestsService) {}

  @ResolveField(() => [InformationRequest], {
    description: "The report's information requests still open (a review's token: its review's).",
  })
  async openRequests(
    @Parent() r: Readiness,
    @Context() ctx: GqlContext,
  ): Promise<InformationRequest[]> {
    const { report } = await ctx.reports.get(r.report);
    const now = new Date();
    const rows = await this.requests.list(
      report,
      { state: 'open' },
      { offset: 0 },
      { review: await ctx.auth.reviewScope() },
    );
    return Promise.all(rows.map((row) => toRequest(ctx, row, now)));
  }
}

export const REQUEST_RESOLVERS = [
  ReportRequestsResolver,
  RequestMutationsResolver,
  ReadinessRequestsResolver,
];
