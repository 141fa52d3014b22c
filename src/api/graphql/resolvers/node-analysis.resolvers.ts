import { Args, Context, Float, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { DEFAULT_MAX_ORDER } from '../../../core/analysis';
import { EvidenceStatusEnum, MitigationStatusEnum } from '../models/case-graph.enums';
import { CaseView, type AnyNodeModel } from '../models/case-view';
import { Claim } from '../models/claim.model';
import { DomainError, DomainErrorCode } from '../../../core/shared/domain-error';
import { Evidence } from '../models/evidence.model';
import type { GqlContext } from '../context/context';
import { setFieldResolvers } from '../shared/set-field-resolvers';
import { Mitigation, verificationDueAt } from '../models/mitigation.model';
import { Pathway } from '../models/pathway.model';
import type { ReportAnalysis } from '../../../case/analysis/report-analysis.service';
import type { ScenarioReport } from '../../../core/analysis';
import { ResponseChain, Scenario } from '../models/scenario.model';

/*
 * Holding, margin and load-bearing fields of pathways, claims, mitigations, evidence and
 * scenarios (with their chains).
 *
 * A dashboard's query reads them for every node it lists. The Nest resolvers below declare them
 * (type, description, arguments), but they run as the plain graphql-js resolvers of
 * ANALYSIS_FIELDS, set on the built schema by attachAnalysisFieldResolvers: Nest's per-call
 * wrapper (execution context, parameter pipes, a promise) was most of their cost, as for the
 * link fields (see case-graph/link-fields.ts). Once the request has its analysis of the report
 * they answer synchronously. Nest runs no guard, interceptor or filter for field resolvers
 * either way.
 */

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

type Node = AnyNodeModel;
/** What an analysis field is of: a node, or a scenario's chain. */
type Source = Node | ResponseChain;
type FieldResolver<S extends Source = Node> = GraphQLFieldResolver<
  S,
  GqlContext,
  { maxOrder?: number }
>;

/** A field read from the request's analysis of the node's report (to `maxOrder`, if it has one). */
function fromAnalysis<T, S extends Source = Node>(
  read: (analysis: ReportAnalysis, node: S) => T,
): FieldResolver<S> {
  return (node, args, ctx) => {
    const maxOrder = args.maxOrder ?? DEFAULT_MAX_ORDER;
    const answered = ctx.analyses.answeredFor(node.reportId, maxOrder);
    if (answered) return read(answered, node);
    return ctx.analyses.get({ id: node.reportId }, maxOrder).then((a) => read(a, node));
  };
}

const holds = fromAnalysis((a, node) => {
  if (!a.knows(node.key)) throw changedUnderUs(node.key);
  return a.holds(node.key);
});

const margin = fromAnalysis((a, node) => {
  const entry = a.margins.get(node.key);
  if (!entry) throw changedUnderUs(node.key);
  return entry.margin;
});

/** The nodes of `keys`, from the version `node` belongs to (the analysis is of the same). */
function nodesOf(node: Node, keys: readonly string[]): Node[] {
  const view = CaseView.of(node);
  return keys.map((key) => {
    const found = view.node(key);
    if (!found) throw changedUnderUs(key);
    return found;
  });
}

/** Of a pathway or claim: its load-bearing mitigations or evidence. */
const loadBearingOn = (kind: 'mitigations' | 'evidence') =>
  fromAnalysis((a, node) => {
    const entry = a.loadBearing().byArgument.get(node.key);
    if (!entry) throw changedUnderUs(node.key);
    return nodesOf(node, entry[kind]);
  });

/** Of a mitigation or evidence item: the pathways or claims it is load-bearing for. */
const loadBearingFor = (kind: 'pathways' | 'claims') =>
  fromAnalysis((a, node) => {
    const entry = a.loadBearing().byEvent.get(node.key);
    if (!entry) throw changedUnderUs(node.key);
    return nodesOf(node, entry[kind]);
  });

const readStatusAsOf = fromAnalysis((a, node) => {
  if (!a.knows(node.key)) throw changedUnderUs(node.key);
  return a.statusOf(node.key);
});

/** The stored status, or under report(key, asOf) the status in force then. */
const statusAsOf: FieldResolver = (node, args, ctx, info) =>
  ctx.analyses.asOf(node.reportId)
    ? readStatusAsOf(node, args, ctx, info)
    : (node as Mitigation | Evidence).status;

/** Whether verification is past due (SPEC §8): now, or at the instant of report(key, asOf). */
const verificationOverdue: FieldResolver = (node, _args, ctx) => {
  const due = verificationDueAt(node as Mitigation);
  return due !== null && due < (ctx.analyses.asOf(node.reportId)?.getTime() ?? Date.now());
};

/** A field of a scenario's report (SPEC §8), or of one of its chains. */
function scenarioReport(a: ReportAnalysis, key: string): ScenarioReport {
  const report = a.scenarios().get(key);
  if (!report) throw changedUnderUs(key);
  return report;
}
const ofScenario = <T>(read: (report: ScenarioReport, s: Scenario) => T) =>
  fromAnalysis((a, node) => read(scenarioReport(a, node.key), node as Scenario));
const ofChain = <T>(read: (chain: ScenarioReport['chains'][number]) => T) =>
  fromAnalysis<T, ResponseChain>((a, chain) => {
    const found = scenarioReport(a, chain.scenarioKey).chains[chain.index];
    if (!found) throw changedUnderUs(chain.scenarioKey);
    return read(found);
  });

const ANALYSIS_FIELDS: Record<string, Record<string, FieldResolver<never>>> = {
  Pathway: {
    holds,
    margin,
    loadBearing: loadBearingOn('mitigations'),
    loadBearingEvidence: loadBearingOn('evidence'),
  },
  Claim: {
    holds,
    margin,
    loadBearing: loadBearingOn('mitigations'),
    loadBearingEvidence: loadBearingOn('evidence'),
  },
  Mitigation: {
    statusAsOf,
    verificationOverdue,
    holds,
    loadBearingFor: loadBearingFor('pathways'),
    loadBearingForClaims: loadBearingFor('claims'),
  },
  Evidence: {
    statusAsOf,
    holds,
    loadBearingFor: loadBearingFor('pathways'),
    loadBearingForClaims: loadBearingFor('claims'),
  },
  Scenario: {
    holds,
    margin: ofScenario((r) => r.margin),
    fastestChain: ofScenario((r) => r.fastestChain),
    fastestLatency: ofScenario((r) => r.latency),
    responseMargin: ofScenario((r) => r.responseMargin),
    loadBearing: ofScenario((r, s) => nodesOf(s, r.loadBearing)),
    slowChains: ofScenario((r) => r.slowChains),
  },
  ResponseChain: {
    latency: ofChain((c) => c.latency),
    fastEnough: ofChain((c) => c.fastEnough),
    holds: ofChain((c) => c.holds),
  },
};

/** GraphQLModule's transformSchema: the resolvers of ANALYSIS_FIELDS in place of Nest's. */
export function attachAnalysisFieldResolvers(schema: GraphQLSchema): GraphQLSchema {
  return setFieldResolvers(schema, ANALYSIS_FIELDS);
}

/** Declares the fields of ANALYSIS_FIELDS for one type; calling a method runs its resolver. */
function run(type: string, field: string, source: Source, ctx: GqlContext, maxOrder?: number) {
  const resolve = ANALYSIS_FIELDS[type][field] as FieldResolver<Source>;
  return resolve(source, { maxOrder }, ctx, undefined as never);
}

const maxOrderArg = { type: () => Int, defaultValue: DEFAULT_MAX_ORDER };

@Resolver(() => Pathway)
export class PathwayAnalysisResolver {
  @ResolveField(() => Boolean, {
    description: 'Whether its argument holds under the current statuses.',
  })
  holds(@Parent() p: Pathway, @Context() ctx: GqlContext) {
    return run('Pathway', 'holds', p, ctx);
  }

  @ResolveField(() => Int, { nullable: true, description: MARGIN_DESCRIPTION })
  margin(
    @Parent() p: Pathway,
    @Args('maxOrder', maxOrderArg) maxOrder: number,
    @Context() ctx: GqlContext,
  ) {
    return run('Pathway', 'margin', p, ctx, maxOrder);
  }

  @ResolveField(() => [Mitigation], { description: 'Mitigations whose failure alone breaks it.' })
  loadBearing(@Parent() p: Pathway, @Context() ctx: GqlContext) {
    return run('Pathway', 'loadBearing', p, ctx);
  }

  @ResolveField(() => [Evidence], { description: 'Evidence whose loss alone breaks it.' })
  loadBearingEvidence(@Parent() p: Pathway, @Context() ctx: GqlContext) {
    return run('Pathway', 'loadBearingEvidence', p, ctx);
  }
}

@Resolver(() => Claim)
export class ClaimAnalysisResolver {
  @ResolveField(() => Boolean, { description: 'Whether it holds under the current statuses.' })
  holds(@Parent() c: Claim, @Context() ctx: GqlContext) {
    return run('Claim', 'holds', c, ctx);
  }

  @ResolveField(() => Int, { nullable: true, description: MARGIN_DESCRIPTION })
  margin(
    @Parent() c: Claim,
    @Args('maxOrder', maxOrderArg) maxOrder: number,
    @Context() ctx: GqlContext,
  ) {
    return run('Claim', 'margin', c, ctx, maxOrder);
  }

  @ResolveField(() => [Mitigation], { description: 'Mitigations whose failure alone breaks it.' })
  loadBearing(@Parent() c: Claim, @Context() ctx: GqlContext) {
    return run('Claim', 'loadBearing', c, ctx);
  }

  @ResolveField(() => [Evidence], { description: 'Evidence whose loss alone breaks it.' })
  loadBearingEvidence(@Parent() c: Claim, @Context() ctx: GqlContext) {
    return run('Claim', 'loadBearingEvidence', c, ctx);
  }
}

// A field of its own, not `status`: a field resolver on every node would tax every query.
const STATUS_AS_OF =
  'The status in force at the instant of report(key, asOf); without asOf, the current status.';

@Resolver(() => Mitigation)
export class MitigationAnalysisResolver {
  @ResolveField(() => MitigationStatusEnum, { description: STATUS_AS_OF })
  statusAsOf(@Parent() m: Mitigation, @Context() ctx: GqlContext) {
    return run('Mitigation', 'statusAsOf', m, ctx);
  }

  @ResolveField(() => Boolean, {
    description:
      'Verification is past due (verifyEvery after lastVerified, or never verified); under overdueFails such a control fails.',
  })
  verificationOverdue(@Parent() m: Mitigation, @Context() ctx: GqlContext) {
    return run('Mitigation', 'verificationOverdue', m, ctx);
  }

  @ResolveField(() => Boolean, { description: 'in_place and everything it depends on holds.' })
  holds(@Parent() m: Mitigation, @Context() ctx: GqlContext) {
    return run('Mitigation', 'holds', m, ctx);
  }

  @ResolveField(() => [Pathway], {
    description: 'Pathways that stop holding if it alone fails (SPEC §3.3).',
  })
  loadBearingFor(@Parent() m: Mitigation, @Context() ctx: GqlContext) {
    return run('Mitigation', 'loadBearingFor', m, ctx);
  }

  @ResolveField(() => [Claim], { description: 'Claims that stop holding if it alone fails.' })
  loadBearingForClaims(@Parent() m: Mitigation, @Context() ctx: GqlContext) {
    return run('Mitigation', 'loadBearingForClaims', m, ctx);
  }
}

@Resolver(() => Evidence)
export class EvidenceAnalysisResolver {
  @ResolveField(() => EvidenceStatusEnum, { description: STATUS_AS_OF })
  statusAsOf(@Parent() e: Evidence, @Context() ctx: GqlContext) {
    return run('Evidence', 'statusAsOf', e, ctx);
  }

  @ResolveField(() => Boolean, { description: 'Whether its status is valid.' })
  holds(@Parent() e: Evidence, @Context() ctx: GqlContext) {
    return run('Evidence', 'holds', e, ctx);
  }

  @ResolveField(() => [Pathway], { description: 'Pathways that stop holding if it alone is lost.' })
  loadBearingFor(@Parent() e: Evidence, @Context() ctx: GqlContext) {
    return run('Evidence', 'loadBearingFor', e, ctx);
  }

  @ResolveField(() => [Claim], { description: 'Claims that stop holding if it alone is lost.' })
  loadBearingForClaims(@Parent() e: Evidence, @Context() ctx: GqlContext) {
    return run('Evidence', 'loadBearingForClaims', e, ctx);
  }
}

const SECONDS = 'Seconds (whole).';

@Resolver(() => Scenario)
export class ScenarioAnalysisResolver {
  @ResolveField(() => Boolean, {
    description: 'Whether some chain is fast enough (within timeToHarm) and holds (SPEC §3.7).',
  })
  holds(@Parent() s: Scenario, @Context() ctx: GqlContext) {
    return run('Scenario', 'holds', s, ctx);
  }

  @ResolveField(() => Int, { nullable: true, description: MARGIN_DESCRIPTION })
  margin(
    @Parent() s: Scenario,
    @Args('maxOrder', maxOrderArg) maxOrder: number,
    @Context() ctx: GqlContext,
  ) {
    return run('Scenario', 'margin', s, ctx, maxOrder);
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: 'Index of the fastest chain that holds (the first on ties); null when none holds.',
  })
  fastestChain(@Parent() s: Scenario, @Context() ctx: GqlContext) {
    return run('Scenario', 'fastestChain', s, ctx);
  }

  @ResolveField(() => Float, {
    nullable: true,
    description: `The fastest holding chain's total latency. ${SECONDS}`,
  })
  fastestLatency(@Parent() s: Scenario, @Context() ctx: GqlContext) {
    return run('Scenario', 'fastestLatency', s, ctx);
  }

  @ResolveField(() => Float, {
    nullable: true,
    description: `timeToHarm minus fastestLatency: how much slower the response could be and still hold; null when no chain holds. ${SECONDS}`,
  })
  responseMargin(@Parent() s: Scenario, @Context() ctx: GqlContext) {
    return run('Scenario', 'responseMargin', s, ctx);
  }

  @ResolveField(() => [Mitigation], {
    description: 'Mitigations whose failure alone stops it holding (SPEC §3.3).',
  })
  loadBearing(@Parent() s: Scenario, @Context() ctx: GqlContext) {
    return run('Scenario', 'loadBearing', s, ctx);
  }

  @ResolveField(() => [Int], { description: 'Indexes of the chains too slow for timeToHarm.' })
  slowChains(@Parent() s: Scenario, @Context() ctx: GqlContext) {
    return run('Scenario', 'slowChains', s, ctx);
  }
}

@Resolver(() => ResponseChain)
export class ResponseChainAnalysisResolver {
  @ResolveField(() => Float, { description: `Total latency of its steps. ${SECONDS}` })
  latency(@Parent() c: ResponseChain, @Context() ctx: GqlContext) {
    return run('ResponseChain', 'latency', c, ctx);
  }

  @ResolveField(() => Boolean, { description: 'latency ≤ the scenario’s timeToHarm.' })
  fastEnough(@Parent() c: ResponseChain, @Context() ctx: GqlContext) {
    return run('ResponseChain', 'fastEnough', c, ctx);
  }

  @ResolveField(() => Boolean, { description: 'Fast enough and every step’s mitigation holds.' })
  holds(@Parent() c: ResponseChain, @Context() ctx: GqlContext) {
    return run('ResponseChain', 'holds', c, ctx);
  }
}
