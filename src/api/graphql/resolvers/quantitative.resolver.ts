import type { FindingsMode } from '../../../core/review/apply-defeaters';
import { findingsArg, overdueFailsArg } from '../models/review.models';
import { Args, Context, Float, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DEFAULT_MAX_ORDER, type ReportQuantification } from '../../../core/analysis';
import { QUANTIFICATION } from '../../../case/analysis/derivations';
import type { ReportAnalysis } from '../../../case/analysis/report-analysis.service';
import type { GqlContext } from '../context/context';
import { Claim } from '../models/claim.model';
import { Pathway } from '../models/pathway.model';
import { EventImportance, FailureProbability } from '../models/quantitative.models';
import { nodesByKeys } from './nodes-by-keys';

const maxOrderArg = { type: () => Int, defaultValue: DEFAULT_MAX_ORDER };
const defaultProbabilityArg = {
  type: () => Float,
  nullable: true,
  description: 'For events without a probability of their own; without it they are an error.',
} as const;

/** SPEC §3.6 for an analysis, once per default probability (kept with the analysis). */
function quantified(a: ReportAnalysis, defaultProbability?: number | null): ReportQuantification {
  return a.derive(QUANTIFICATION, defaultProbability ?? undefined);
}

async function failureProbability(
  ctx: GqlContext,
  node: Pathway | Claim,
  maxOrder: number,
  defaultProbability?: number | null,
): Promise<FailureProbability> {
  const q = quantified(await ctx.analyses.get({ id: node.reportId }, maxOrder), defaultProbability);
  return { ...q.probability(node.key), defaultProbabilityUsedBy: q.defaulted };
}

const PROBABILITY_DESCRIPTION =
  'Failure probability (SPEC §3.6): exact, with the rare-event and min-cut upper bound over cut sets up to maxOrder.';

@Resolver(() => Pathway)
export class PathwayProbabilityResolver {
  @ResolveField(() => FailureProbability, { description: PROBABILITY_DESCRIPTION })
  probability(
    @Parent() p: Pathway,
    @Args('maxOrder', maxOrderArg) maxOrder: number,
    @Args('defaultProbability', defaultProbabilityArg) defaultProbability: number | null,
    @Context() ctx: GqlContext,
  ): Promise<FailureProbability> {
    return failureProbability(ctx, p, maxOrder, defaultProbability);
  }
}

@Resolver(() => Claim)
export class ClaimProbabilityResolver {
  @ResolveField(() => FailureProbability, { description: PROBABILITY_DESCRIPTION })
  probability(
    @Parent() c: Claim,
    @Args('maxOrder', maxOrderArg) maxOrder: number,
    @Args('defaultProbability', defaultProbabilityArg) defaultProbability: number | null,
    @Context() ctx: GqlContext,
  ): Promise<FailureProbability> {
    return failureProbability(ctx, c, maxOrder, defaultProbability);
  }
}

@Resolver()
export class ImportanceResolver {
  @Query(() => [EventImportance], {
    description:
      'The five importance measures (SPEC §3.6) of every control and evidence item the pathway (or claim) depends on, by key.',
  })
  async importance(
    @Args('report') report: string,
    @Args('pathway', { description: 'A pathway or claim key.' }) pathway: string,
    @Args('defaultProbability', defaultProbabilityArg) defaultProbability: number | null,
    @Args('findings', findingsArg) findings: FindingsMode,
    @Args('overdueFails', overdueFailsArg) overdueFails: boolean,
    @Context() ctx: GqlContext,
  ): Promise<EventImportance[]> {
    const a = await ctx.analyses.get(report, DEFAULT_MAX_ORDER, { findings, overdueFails });
    const measures = quantified(a, defaultProbability).importance(pathway);
    const nodes = await nodesByKeys(
      ctx,
      a.reportId,
      measures.map((m) => m.key),
    );
    return measures.map((m, i) => ({ ...m, node: nodes[i] }));
  }
}
