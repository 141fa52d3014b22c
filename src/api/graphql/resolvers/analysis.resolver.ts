import type { FindingsMode } from '../../../core/review/apply-defeaters';
import { findingsArg, overdueFailsArg } from '../models/review.models';
import { Args, Context, Float, Int, Query, Resolver } from '@nestjs/graphql';
import { DEFAULT_MAX_ORDER, type RoadmapItem as CoreRoadmapItem } from '../../../core/analysis';
import {
  CUT_SETS,
  LOAD_BEARING_MATRIX,
  PLAN,
  ROADMAP,
  ROADMAP_BY_RISK,
  WHAT_BREAKS,
} from '../../../case/analysis/derivations';
import { DomainError, DomainErrorCode } from '../../../core/shared/domain-error';
import type { Claim } from '../models/claim.model';
import type { GqlContext } from '../context/context';
import type { Mitigation } from '../models/mitigation.model';
import type { Pathway } from '../models/pathway.model';
import {
  CutSets,
  LoadBearingMatrix,
  RoadmapItem,
  RoadmapOrderEnum,
  type ApiRoadmapOrder,
  RoadmapPlan,
  WhatBreaks,
} from '../models/analysis.models';
import { nodesByKeys } from './nodes-by-keys';
import { LatencyOverridesArgs } from '../inputs/latency-override.input';
import type { Scenario } from '../models/scenario.model';

const maxOrderArg = {
  type: () => Int,
  defaultValue: DEFAULT_MAX_ORDER,
  description: 'Margins above it are reported as null.',
};

/** The analyses of SPEC §3 as queries. The work is in src/analysis; this maps keys to models. */
@Resolver()
export class AnalysisResolver {
  @Query(() => WhatBreaks, {
    description:
      'What breaks if these mitigations and evidence fail (SPEC §3.4), with response steps re-timed by latencies (SPEC §8).',
  })
  async whatBreaks(
    @Args('report') report: string,
    @Args('failed', { type: () => [String] }) failed: string[],
    @Args('maxOrder', maxOrderArg) maxOrder: number,
    @Args('asOf', {
      type: () => Date,
      nullable: true,
      description: 'Start from the statuses in force at this instant.',
    })
    asOf: Date | undefined,
    @Args('findings', findingsArg) findings: FindingsMode,
    @Args('overdueFails', overdueFailsArg) overdueFails: boolean,
    @Args() latencies: LatencyOverridesArgs,
    @Context() ctx: GqlContext,
  ): Promise<WhatBreaks> {
    const a = await ctx.analyses.get(report, maxOrder, {
      asOf: asOf ?? undefined,
      findings,
      overdueFails,
    });
    const overrides = LatencyOverridesArgs.toOverrides(latencies);
    const impact = a.derive(WHAT_BREAKS, { failed, latencies: overrides });
    const load = (keys: readonly string[]) => nodesByKeys(ctx, a.reportId, keys);
    const weakenedNodes = await load(impact.weakened.map((w) => w.key));
    return {
      failed: await load(impact.failed),
      alsoFailed: (await load(impact.alsoFailed)) as Mitigation[],
      brokenPathways: (await load(impact.brokenPathways.map((b) => b.key))) as Pathway[],
      brokenClaims: (await load(impact.brokenClaims.map((b) => b.key))) as Claim[],
      brokenScenarios: (await load(impact.brokenScenarios)) as Scenario[],
      weakened: impact.weakened.map((w, i) => ({ ...w, nodeKind: w.kind, node: weakenedNodes[i] })),
      exact: impact.exact,
    };
  }

  @Query(() => [RoadmapItem], {
    description: 'Planned work ranked by the arguments it strengthens (SPEC §3.5).',
  })
  async roadmap(
    @Args('report') report: string,
    @Args('maxOrder', maxOrderArg) maxOrder: number,
    @Args('limit', { type: () => Int, nullable: true }) limit: number | undefined,
    @Args('order', { type: () => RoadmapOrderEnum, defaultValue: 'default' })
    order: ApiRoadmapOrder,
    @Args('defaultProbability', {
      type: () => Float,
      nullable: true,
      description: 'Under RISK_REDUCTION: for events without a probability of their own.',
    })
    defaultProbability: number | null,
    @Args('findings', findingsArg) findings: FindingsMode,
    @Args('overdueFails', overdueFailsArg) overdueFails: boolean,
    @Context() ctx: GqlContext,
  ): Promise<RoadmapItem[]> {
    refuseNegativeLimit(limit);
    const a = await ctx.analyses.get(report, maxOrder, { findings, overdueFails });
    if (order !== 'riskReduction') {
      const ranked = a.derive(ROADMAP, order);
      const items = ranked.slice(0, limit ?? undefined);
      return Promise.all(items.map((item) => toRoadmapItem(ctx, a.reportId, item)));
    }
    // Ranked by risk, each with what it strengthens (from the default ranking).
    const fallback = defaultProbability ?? undefined;
    const byRisk = a.derive(ROADMAP_BY_RISK, fallback);
    const byKey = new Map(a.derive(ROADMAP, 'default').map((item) => [item.key, item]));
    const items = byRisk.items.slice(0, limit ?? undefined);
    return Promise.all(
      items.map(async (r) => ({
        ...(await toRoadmapItem(ctx, a.reportId, { ...byKey.get(r.key)!, rank: r.rank })),
        riskReduction: r.riskReduction,
        riskReductionPerCost: Number.isFinite(r.riskReductionPerCost)
          ? r.riskReductionPerCost
          : null,
      })),
    );
  }

  @Query(() => RoadmapPlan, {
    description: 'A greedy sequence of planned work within an effort budget.',
  })
  async plan(
    @Args('report') report: string,
    @Args('budget', { type: () => Float }) budget: number,
    @Args('maxOrder', maxOrderArg) maxOrder: number,
    @Args('order', { type: () => RoadmapOrderEnum, defaultValue: 'default' })
    order: ApiRoadmapOrder,
    @Args('findings', findingsArg) findings: FindingsMode,
    @Args('overdueFails', overdueFailsArg) overdueFails: boolean,
    @Context() ctx: GqlContext,
  ): Promise<RoadmapPlan> {
    if (order === 'riskReduction') {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'plan takes the orders default, perEffort and pathwaysFirst; RISK_REDUCTION ranks the roadmap only',
      );
    }
    const a = await ctx.analyses.get(report, maxOrder, { findings, overdueFails });
    const plan = a.derive(PLAN, { order, budget });
    return {
      budget: plan.budget,
      spent: plan.spent,
      steps: await Promise.all(
        plan.steps.map(async (s) => ({
          step: s.step,
          item: await toRoadmapItem(ctx, a.reportId, { ...s, rank: s.step }),
          cumulativeCost: s.cumulativeCost,
          cumulativeArgumentsStrengthened: s.cumulativeArgumentsStrengthened,
        })),
      ),
    };
  }

  @Query(() => CutSets, {
    description: 'The minimal cut sets of one pathway or claim, smallest first.',
  })
  async cutSets(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args('maxOrder', maxOrderArg) maxOrder: number,
    @Args('limit', { type: () => Int, nullable: true, description: 'At most this many sets.' })
    limit: number | undefined,
    @Args('findings', findingsArg) findings: FindingsMode,
    @Args('overdueFails', overdueFailsArg) overdueFails: boolean,
    @Context() ctx: GqlContext,
  ): Promise<CutSets> {
    refuseNegativeLimit(limit);
    const a = await ctx.analyses.get(report, maxOrder, { findings, overdueFails });
    const result = a.derive(CUT_SETS, key);
    const sets = result.cutSets.slice(0, limit ?? undefined);
    const members = await nodesByKeys(ctx, a.reportId, [...new Set(sets.flat())]);
    const byKey = new Map(members.map((m) => [m.key, m]));
    const [node] = await nodesByKeys(ctx, a.reportId, [key]);
    return {
      node,
      completeToOrder: result.completeToOrder,
      total: result.cutSets.length,
      sets: sets.map((set) => ({
        order: set.length,
        keys: [...set],
        members: set.map((k) => byKey.get(k)!),
      })),
    };
  }

  @Query(() => LoadBearingMatrix, {
    description: 'Every mitigation × pathway cell, with margins, for dashboards.',
  })
  async loadBearingMatrix(
    @Args('report') report: string,
    @Args('maxOrder', maxOrderArg) maxOrder: number,
    @Args('findings', findingsArg) findings: FindingsMode,
    @Args('overdueFails', overdueFailsArg) overdueFails: boolean,
    @Context() ctx: GqlContext,
  ): Promise<LoadBearingMatrix> {
    const a = await ctx.analyses.get(report, maxOrder, { findings, overdueFails });
    const matrix = a.derive(LOAD_BEARING_MATRIX, null);
    const pathways = (await nodesByKeys(
      ctx,
      a.reportId,
      matrix.pathways.map((p) => p.key),
    )) as Pathway[];
    const mitigations = (await nodesByKeys(
      ctx,
      a.reportId,
      matrix.rows.map((r) => r.key),
    )) as Mitigation[];
    return {
      columns: matrix.pathways.map((p, i) => ({
        pathway: pathways[i],
        holds: p.holds,
        margin: p.margin,
      })),
      rows: matrix.rows.map((r, i) => ({
        mitigation: mitigations[i],
        cells: [...r.loadBearing],
        loadBearingCount: r.loadBearing.filter(Boolean).length,
      })),
    };
  }
}

function refuseNegativeLimit(limit: number | null | undefined): void {
  if (limit !== undefined && limit !== null && limit < 0) {
    throw new DomainError(DomainErrorCode.INVALID_INPUT, `limit must be ≥ 0, got ${limit}`);
  }
}

async function toRoadmapItem(
  ctx: GqlContext,
  reportId: string,
  item: CoreRoadmapItem,
): Promise<RoadmapItem> {
  const load = (keys: readonly string[]) => nodesByKeys(ctx, reportId, keys);
  const [mitigation] = (await load([item.key])) as Mitigation[];
  return {
    rank: item.rank,
    mitigation,
    bundle: (await load(item.bundle)) as Mitigation[],
    cost: item.cost,
    missingEffort: (await load(item.missingEffort)) as Mitigation[],
    argumentsStrengthened: item.argumentsStrengthened,
    pathwaysStrengthened: (await load(item.pathwaysStrengthened)) as Pathway[],
    claimsStrengthened: (await load(item.claimsStrengthened)) as Claim[],
    newlyHolding: (await load(item.newlyHoldingPathways)) as Pathway[],
    newlyHoldingClaims: (await load(item.newlyHoldingClaims)) as Claim[],
    exact: item.exact,
  };
}
