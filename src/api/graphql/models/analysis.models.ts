import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { RoadmapOrder } from '../../../core/analysis';
import { ArgumentNode } from './argument-node.model';
import { NodeKindEnum } from './case-graph.enums';
import type { NodeKind } from '../../../core/case-model/case';
import { Claim } from './claim.model';
import { Mitigation } from './mitigation.model';
import { Pathway } from './pathway.model';
import { Scenario } from './scenario.model';

/** The roadmap's orders: the core's by margins (SPEC §3.5) and RISK_REDUCTION (SPEC §3.6). */
export type ApiRoadmapOrder = RoadmapOrder | 'riskReduction';

export const RoadmapOrderEnum = {
  default: 'default',
  perEffort: 'perEffort',
  pathwaysFirst: 'pathwaysFirst',
  RISK_REDUCTION: 'riskReduction',
} as const satisfies Record<string, ApiRoadmapOrder>;
registerEnumType(RoadmapOrderEnum, {
  name: 'RoadmapOrder',
  description:
    'default: arguments strengthened, then pathways strengthened, then cost, then key (SPEC §3.5). ' +
    'perEffort: arguments strengthened per unit of cost (zero cost first). pathwaysFirst: pathways strengthened first. ' +
    'RISK_REDUCTION: the fall in the sum of pathway failure probabilities per unit of cost (SPEC §3.6; roadmap only).',
});

@ObjectType('MarginChange', {
  description: 'A pathway or claim whose margin changed; null is "more than maxOrder".',
})
export class MarginChange {
  @Field() key!: string;
  @Field(() => NodeKindEnum) nodeKind!: NodeKind;
  @Field(() => ArgumentNode) node!: ArgumentNode;
  @Field(() => Int, { nullable: true }) before!: number | null;
  @Field(() => Int, { nullable: true }) after!: number | null;
}

@ObjectType('WhatBreaks')
export class WhatBreaks {
  @Field(() => [ArgumentNode], { description: 'The mitigations and evidence asked about.' })
  failed!: ArgumentNode[];

  @Field(() => [Mitigation], {
    description: 'Mitigations that fail as a consequence (through dependsOn).',
  })
  alsoFailed!: Mitigation[];

  @Field(() => [Pathway], { description: 'Held before, do not hold after.' })
  brokenPathways!: Pathway[];

  @Field(() => [Claim])
  brokenClaims!: Claim[];

  @Field(() => [Scenario], {
    description: 'Scenarios that held before and not after (a step failed, or too slow).',
  })
  brokenScenarios!: Scenario[];

  @Field(() => [MarginChange], { description: 'Still hold, with a smaller margin.' })
  weakened!: MarginChange[];

  @Field({ description: 'False when a size limit made some margin only a bound.' })
  exact!: boolean;
}

@ObjectType('RoadmapItem')
export class RoadmapItem {
  @Field(() => Int) rank!: number;
  @Field(() => Mitigation, { description: 'The candidate: planned or in_progress.' })
  mitigation!: Mitigation;
  @Field(() => [Mitigation], {
    description: 'The candidate plus what it depends on that does not hold now.',
  })
  bundle!: Mitigation[];
  @Field(() => Float, { description: 'Sum of the bundle’s effort; missing efforts count 0.' })
  cost!: number;
  @Field(() => [Mitigation], {
    description: 'Bundle members needing work with no effort estimate.',
  })
  missingEffort!: Mitigation[];
  @Field(() => Int, { description: 'Pathways plus claims whose margin rises.' })
  argumentsStrengthened!: number;
  @Field(() => [Pathway]) pathwaysStrengthened!: Pathway[];
  @Field(() => [Claim]) claimsStrengthened!: Claim[];
  @Field(() => [Pathway], {
    description: 'Pathways that do not hold now and would (margin 0 → ≥ 1).',
  })
  newlyHolding!: Pathway[];
  @Field(() => [Claim]) newlyHoldingClaims!: Claim[];
  @Field() exact!: boolean;
  @Field(() => Float, {
    nullable: true,
    description:
      'Under order RISK_REDUCTION: Σ over pathways of P(pathway) now, minus the same with the bundle in place.',
  })
  riskReduction?: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Under order RISK_REDUCTION: riskReduction per unit of cost; null for a free bundle.',
  })
  riskReductionPerCost?: number | null;
}

@ObjectType('PlanStep')
export class PlanStep {
  @Field(() => Int) step!: number;
  @Field(() => RoadmapItem, { description: 'Evaluated with every earlier step in place.' })
  item!: RoadmapItem;
  @Field(() => Float) cumulativeCost!: number;
  @Field(() => Int, { description: 'Pathways plus claims above their margin before the plan.' })
  cumulativeArgumentsStrengthened!: number;
}

@ObjectType('RoadmapPlan')
export class RoadmapPlan {
  @Field(() => Float) budget!: number;
  @Field(() => Float) spent!: number;
  @Field(() => [PlanStep]) steps!: PlanStep[];
}

@ObjectType('CutSet', {
  description: 'Mitigations and evidence whose failure together breaks the node.',
})
export class CutSet {
  @Field(() => Int) order!: number;
  @Field(() => [String]) keys!: string[];
  @Field(() => [ArgumentNode]) members!: ArgumentNode[];
}

@ObjectType('CutSets')
export class CutSets {
  @Field(() => ArgumentNode) node!: ArgumentNode;
  @Field(() => Int, {
    description: 'Every minimal cut set up to this order is listed (before limit).',
  })
  completeToOrder!: number;
  @Field(() => Int, { description: 'How many minimal cut sets there are up to completeToOrder.' })
  total!: number;
  @Field(() => [CutSet], { description: 'By size, then by keys.' }) sets!: CutSet[];
}

@ObjectType('MatrixColumn')
export class MatrixColumn {
  @Field(() => Pathway) pathway!: Pathway;
  @Field() holds!: boolean;
  @Field(() => Int, { nullable: true }) margin!: number | null;
}

@ObjectType('MatrixRow')
export class MatrixRow {
  @Field(() => Mitigation) mitigation!: Mitigation;
  @Field(() => [Boolean], { description: 'cells[i]: load-bearing for columns[i].' })
  cells!: boolean[];
  @Field(() => Int) loadBearingCount!: number;
}

@ObjectType('LoadBearingMatrix', {
  description: 'Every mitigation × pathway cell, with each pathway’s margin.',
})
export class LoadBearingMatrix {
  @Field(() => [MatrixColumn]) columns!: MatrixColumn[];
  @Field(() => [MatrixRow]) rows!: MatrixRow[];
}
