import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DEFAULT_MAX_ORDER } from '../analysis';
import { EvidenceStatusEnum, MitigationStatusEnum } from '../case-graph/case-graph.enums';
import { Claim } from '../claims/claim.model';
import { DomainError, DomainErrorCode } from '../common/domain-error';
import { Evidence } from '../evidence/evidence.model';
import type { GqlContext } from '../graphql/context';
import { Mitigation } from '../mitigations/mitigation.model';
import { Pathway } from '../pathways/pathway.model';
import { nodesByKeys } from './nodes-by-keys';

/** Holding, margin and load-bearing fields of pathways, claims, mitigations and evidence. */

const MARGIN_DESCRIPTION =
  'Smallest number of mitigation or evidence failures that makes it stop holding (SPEC §3.2): 0 when it ' +
  'does not hold, 1 for a single point of failure, null when more than maxOrder.';

/**
 * A node's page and the report's analysis are read separately; a concurrent write in between
 * can leave a node the analysis does not know.
 */
function changedUnderUs(key: string): DomainError {
  return new DomainError(
    DomainErrorCode.CONCURRENT_CHANGE,
    `'${key}' changed while this request was answered; ask again`,
  );
}

async function holds(ctx: GqlContext, node: { reportId: string; key: string }): Promise<boolean> {
  const a = await ctx.analyses.get({ id: node.reportId });
  if (!a.knows(node.key)) throw changedUnderUs(node.key);
  return a.holds(node.key);
}

async function margin(ctx: GqlContext, node: { reportId: string; key: string }, maxOrder: number) {
  const entry = (await ctx.analyses.get({ id: node.reportId }, maxOrder)).margins.get(node.key);
  if (!entry) throw changedUnderUs(node.key);
  return entry.margin;
}

async function loadBearingOn(ctx: GqlContext, node: { reportId: string; key: string }) {
  const a = await ctx.analyses.get({ id: node.reportId });
  const entry = a.loadBearing().byArgument.get(node.key);
  if (!entry) throw changedUnderUs(node.key);
  return {
    mitigations: (await nodesByKeys(ctx, node.reportId, entry.mitigations)) as Mitigation[],
    evidence: (await nodesByKeys(ctx, node.reportId, entry.evidence)) as Evidence[],
  };
}

async function loadBearingFor(ctx: GqlContext, node: { reportId: string; key: string }) {
  const a = await ctx.analyses.get({ id: node.reportId });
  const entry = a.loadBearing().byEvent.get(node.key);
  if (!entry) throw changedUnderUs(node.key);
  return {
    pathways: (await nodesByKeys(ctx, node.reportId, entry.pathways)) as Pathway[],
    claims: (await nodesByKeys(ctx, node.reportId, entry.claims)) as Claim[],
  };
}

const maxOrderArg = { type: () => Int, defaultValue: DEFAULT_MAX_ORDER };

@Resolver(() => Pathway)
export class PathwayAnalysisResolver {
  @ResolveField(() => Boolean, {
    description: 'Whether its argument holds under the current statuses.',
  })
  holds(@Parent() p: Pathway, @Context() ctx: GqlContext) {
    return holds(ctx, p);
  }

  @ResolveField(() => Int, { nullable: true, description: MARGIN_DESCRIPTION })
  margin(
    @Parent() p: Pathway,
    @Args('maxOrder', maxOrderArg) maxOrder: number,
    @Context() ctx: GqlContext,
  ) {
    return margin(ctx, p, maxOrder);
  }

  @ResolveField(() => [Mitigation], { description: 'Mitigations whose failure alone breaks it.' })
  async loadBearing(@Parent() p: Pathway, @Context() ctx: GqlContext) {
    return (await loadBearingOn(ctx, p)).mitigations;
  }

  @ResolveField(() => [Evidence], { description: 'Evidence whose loss alone breaks it.' })
  async loadBearingEvidence(@Parent() p: Pathway, @Context() ctx: GqlContext) {
    return (await loadBearingOn(ctx, p)).evidence;
  }
}

@Resolver(() => Claim)
export class ClaimAnalysisResolver {
  @ResolveField(() => Boolean, { description: 'Whether it holds under the current statuses.' })
  holds(@Parent() c: Claim, @Context() ctx: GqlContext) {
    return holds(ctx, c);
  }

  @ResolveField(() => Int, { nullable: true, description: MARGIN_DESCRIPTION })
  margin(
    @Parent() c: Claim,
    @Args('maxOrder', maxOrderArg) maxOrder: number,
    @Context() ctx: GqlContext,
  ) {
    return margin(ctx, c, maxOrder);
  }

  @ResolveField(() => [Mitigation], { description: 'Mitigations whose failure alone breaks it.' })
  async loadBearing(@Parent() c: Claim, @Context() ctx: GqlContext) {
    return (await loadBearingOn(ctx, c)).mitigations;
  }

  @ResolveField(() => [Evidence], { description: 'Evidence whose loss alone breaks it.' })
  async loadBearingEvidence(@Parent() c: Claim, @Context() ctx: GqlContext) {
    return (await loadBearingOn(ctx, c)).evidence;
  }
}

// A field of its own, not `status`: a field resolver on every node would tax every query.
const STATUS_AS_OF =
  'The status in force at the instant of report(key, asOf); without asOf, the current status.';

/** The stored status, or under report(key, asOf) the status in force then. */
async function statusOf<S extends string>(
  ctx: GqlContext,
  node: { reportId: string; key: string; status: S },
): Promise<S> {
  if (!ctx.analyses.asOf(node.reportId)) return node.status;
  const a = await ctx.analyses.get({ id: node.reportId });
  if (!a.knows(node.key)) throw changedUnderUs(node.key);
  return a.statusOf(node.key) as S;
}

@Resolver(() => Mitigation)
export class MitigationAnalysisResolver {
  @ResolveField(() => MitigationStatusEnum, { description: STATUS_AS_OF })
  statusAsOf(@Parent() m: Mitigation, @Context() ctx: GqlContext) {
    return statusOf(ctx, m);
  }

  @ResolveField(() => Boolean, { description: 'in_place and everything it depends on holds.' })
  holds(@Parent() m: Mitigation, @Context() ctx: GqlContext) {
    return holds(ctx, m);
  }

  @ResolveField(() => [Pathway], {
    description: 'Pathways that stop holding if it alone fails (SPEC §3.3).',
  })
  async loadBearingFor(@Parent() m: Mitigation, @Context() ctx: GqlContext) {
    return (await loadBearingFor(ctx, m)).pathways;
  }

  @ResolveField(() => [Claim], { description: 'Claims that stop holding if it alone fails.' })
  async loadBearingForClaims(@Parent() m: Mitigation, @Context() ctx: GqlContext) {
    return (await loadBearingFor(ctx, m)).claims;
  }
}

@Resolver(() => Evidence)
export class EvidenceAnalysisResolver {
  @ResolveField(() => EvidenceStatusEnum, { description: STATUS_AS_OF })
  statusAsOf(@Parent() e: Evidence, @Context() ctx: GqlContext) {
    return statusOf(ctx, e);
  }

  @ResolveField(() => Boolean, { description: 'Whether its status is valid.' })
  holds(@Parent() e: Evidence, @Context() ctx: GqlContext) {
    return holds(ctx, e);
  }

  @ResolveField(() => [Pathway], { description: 'Pathways that stop holding if it alone is lost.' })
  async loadBearingFor(@Parent() e: Evidence, @Context() ctx: GqlContext) {
    return (await loadBearingFor(ctx, e)).pathways;
  }

  @ResolveField(() => [Claim], { description: 'Claims that stop holding if it alone is lost.' })
  async loadBearingForClaims(@Parent() e: Evidence, @Context() ctx: GqlContext) {
    return (await loadBearingFor(ctx, e)).claims;
  }
}
