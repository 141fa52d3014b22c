import { Args, Context, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GatheringProgress as CoreProgress } from '../../../core/case-model/response-steps';
import { GatheringService } from '../../../case/gathering/gathering.service';
import type { GqlContext } from '../context/context';
import { viewOf, writtenStep, type CaseView } from '../models/case-view';
import { Pathway } from '../models/pathway.model';
import { Report } from '../models/report.model';
import { InformationRequest } from '../models/request.models';
import { GatheringProgress, ResponseStep } from '../models/scenario.model';
import { toRequest } from './requests.resolver';

/** The core's counts with the pathway's model (its title redacted as every pathway's is). */
const toProgress = (view: CaseView, p: CoreProgress): GatheringProgress => ({
  ...p,
  pathway: view.node(p.pathway) as Pathway,
});

/** SPEC §8: gathering progress, on the report's current version (confirmations have no asOf). */
@Resolver(() => Report)
export class ReportGatheringResolver {
  constructor(private readonly gathering: GatheringService) {}

  @ResolveField(() => [GatheringProgress], {
    description: 'Per pathway, in file order: its scenarios, their steps, how many are confirmed.',
  })
  async gatheringProgress(
    @Parent() r: Report,
    @Context() ctx: GqlContext,
  ): Promise<GatheringProgress[]> {
    const { version } = await ctx.reports.get({ id: r.id });
    const view = viewOf(version);
    return this.gathering.progress(version).map((p) => toProgress(view, p));
  }
}

@Resolver(() => Pathway)
export class PathwayGatheringResolver {
  constructor(private readonly service: GatheringService) {}

  @ResolveField(() => GatheringProgress, {
    nullable: true,
    description:
      "Its scenarios, their steps, how many are confirmed, in the report's current version (null: the pathway is no longer in it).",
  })
  async gathering(
    @Parent() p: Pathway,
    @Context() ctx: GqlContext,
  ): Promise<GatheringProgress | null> {
    const { version } = await ctx.reports.get({ id: p.reportId });
    const progress = this.service.progress(version).find((g) => g.pathway === p.key);
    return progress ? toProgress(viewOf(version), progress) : null;
  }
}

@Resolver()
export class GatheringMutationsResolver {
  constructor(private readonly gathering: GatheringService) {}

  @Mutation(() => ResponseStep, {
    description:
      "Records the token's word that a step happens as written (chain and step count from 1); a team's token: only steps its team acts in. A published report takes it too.",
  })
  async confirmStep(
    @Args('report') report: string,
    @Args('scenario') scenario: string,
    @Args('chain', { type: () => Int }) chain: number,
    @Args('step', { type: () => Int }) step: number,
    @Context() ctx: GqlContext,
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
  ): Promise<ResponseStep> {
    const ref = { scenario, chain, step };
    const by = await ctx.auth.principal();
    return writtenStep(await this.gathering.confirm(report, ref, note ?? null, by), ref);
  }

  @Mutation(() => [InformationRequest], {
    description:
      'Asks each team with unconfirmed steps to confirm them: one request per team and scenario, unless that team has an open request about the scenario already (so asking twice asks once). dueAt: default in 14 days.',
  })
  async requestStepConfirmations(
    @Args('report') report: string,
    @Context() ctx: GqlContext,
    @Args('review', { type: () => String, nullable: true }) review?: string | null,
    @Args('dueAt', { type: () => Date, nullable: true }) dueAt?: Date | null,
  ): Promise<InformationRequest[]> {
    const by = await ctx.auth.principal();
    const saved = await this.gathering.requestConfirmations(
      report,
      review ?? null,
      dueAt ?? null,
      by,
    );
    return Promise.all(saved.map((r) => toRequest(ctx, r)));
  }
}

export const GATHERING_RESOLVERS = [
  ReportGatheringResolver,
  PathwayGatheringResolver,
  GatheringMutationsResolver,
];
