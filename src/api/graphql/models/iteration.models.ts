import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type {
  EvidenceScope,
  EvidenceStatus,
  NodeKind,
  ReportState,
} from '../../../core/case-model/case';
import type { LinkRelation, RegressionReason } from '../../../core/iteration/diff-reports';
import { Claim } from './claim.model';
import {
  EvidenceScopeEnum,
  EvidenceStatusEnum,
  NodeKindEnum,
  ReportStateEnum,
  enumOf,
} from './case-graph.enums';
import { Evidence } from './evidence.model';
import { Pathway } from './pathway.model';

/**
 * SPEC §6 `diffReports` and `readiness`. The diff has the shape of the core's CaseDiff (and of
 * `cli diff --json`), with keys rather than nodes: a removed node exists in one report only.
 */

const ArgumentKindEnum = enumOf<'pathway' | 'claim'>(['pathway', 'claim']);
registerEnumType(ArgumentKindEnum, { name: 'ArgumentKind' });
const LinkRelationEnum = enumOf<LinkRelation>(['supports', 'dependsOn']);
registerEnumType(LinkRelationEnum, { name: 'LinkRelation' });
const RegressionReasonEnum = enumOf<RegressionReason>(['lostHolding', 'marginDecreased']);
registerEnumType(RegressionReasonEnum, {
  name: 'RegressionReason',
  description: 'lostHolding: held and does not. marginDecreased: its margin went down.',
});

@ObjectType('FieldChange', {
  description:
    'One field before and after, as text (numbers and booleans too); null: absent. ' +
    'The text of a restricted node reads as [restricted] without clearance.',
})
export class FieldChange {
  @Field() field!: string;
  @Field(() => String, { nullable: true }) before!: string | null;
  @Field(() => String, { nullable: true }) after!: string | null;
}

@ObjectType('NodeRef')
export class NodeRef {
  @Field() key!: string;
  @Field(() => NodeKindEnum) kind!: NodeKind;
}

@ObjectType('NodeRename', { description: 'A node under a new key taking the place of one node.' })
export class NodeRename {
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => NodeKindEnum) kind!: NodeKind;
}

@ObjectType('NodeSplit', { description: 'A node of `from` continued by several nodes of `to`.' })
export class NodeSplit {
  @Field() from!: string;
  @Field(() => [String]) into!: string[];
}

@ObjectType('NodeMerge', { description: 'A node of `to` continuing several nodes of `from`.' })
export class NodeMerge {
  @Field() into!: string;
  @Field(() => [String]) from!: string[];
}

@ObjectType('NodeChange')
export class NodeChange {
  @Field({ description: 'Its key in `to`.' }) key!: string;
  @Field({ description: 'Its key in `from`: the same unless renamed.' }) previousKey!: string;
  @Field(() => NodeKindEnum) kind!: NodeKind;
  @Field(() => [FieldChange]) changes!: FieldChange[];
}

@ObjectType('TeamChange')
export class TeamChange {
  @Field() key!: string;
  @Field(() => [FieldChange]) changes!: FieldChange[];
}

@ObjectType('TeamsDiff')
export class TeamsDiff {
  @Field(() => [String]) added!: string[];
  @Field(() => [String]) removed!: string[];
  @Field(() => [TeamChange]) changed!: TeamChange[];
}

@ObjectType('CaseLink', { description: '`node` supports (or dependsOn) `target`.' })
export class CaseLink {
  @Field() node!: string;
  @Field(() => LinkRelationEnum) relation!: LinkRelation;
  @Field() target!: string;
}

@ObjectType('LinksDiff', {
  description: "In `to`'s keys: a link of `from` counts between the nodes continuing its ends.",
})
export class LinksDiff {
  @Field(() => [CaseLink]) added!: CaseLink[];
  @Field(() => [CaseLink]) removed!: CaseLink[];
}

@ObjectType('StructuralDiff')
export class StructuralDiff {
  @Field(() => [FieldChange], { description: 'Title, model, previous, description, state.' })
  report!: FieldChange[];
  @Field(() => TeamsDiff) teams!: TeamsDiff;
  @Field(() => [NodeRef], { description: 'Nodes of `to` continuing nothing of `from`.' })
  added!: NodeRef[];
  @Field(() => [NodeRef], { description: 'Nodes of `from` nothing in `to` continues.' })
  removed!: NodeRef[];
  @Field(() => [NodeRename]) renamed!: NodeRename[];
  @Field(() => [NodeSplit]) splits!: NodeSplit[];
  @Field(() => [NodeMerge]) merges!: NodeMerge[];
  @Field(() => [NodeChange]) changed!: NodeChange[];
  @Field(() => LinksDiff) links!: LinksDiff;
}

@ObjectType('ArgumentState')
export class ArgumentState {
  @Field() holds!: boolean;
  @Field(() => Int, { nullable: true, description: 'null: more than maxOrder.' })
  margin!: number | null;
}

@ObjectType('ArgumentShift', {
  description: 'A pathway or claim before and after; a side is null where that report lacks it.',
})
export class ArgumentShift {
  @Field(() => String, { nullable: true }) key!: string | null;
  @Field(() => String, { nullable: true }) previousKey!: string | null;
  @Field(() => ArgumentKindEnum) kind!: 'pathway' | 'claim';
  @Field(() => ArgumentState, { nullable: true }) before!: ArgumentState | null;
  @Field(() => ArgumentState, { nullable: true }) after!: ArgumentState | null;
}

@ObjectType('LoadBearingPair', { description: '`loadBearing` is load-bearing for `argument`.' })
export class LoadBearingPair {
  @Field() argument!: string;
  @Field() loadBearing!: string;
}

@ObjectType('LoadBearingDiff')
export class LoadBearingDiff {
  @Field(() => [LoadBearingPair]) appeared!: LoadBearingPair[];
  @Field(() => [LoadBearingPair]) disappeared!: LoadBearingPair[];
}

@ObjectType('RoadmapEntry', { description: "A roadmap item in its own report's keys." })
export class RoadmapEntry {
  @Field(() => Int) rank!: number;
  @Field() key!: string;
  @Field(() => Int) argumentsStrengthened!: number;
  @Field(() => Float) cost!: number;
}

@ObjectType('RoadmapDiff')
export class RoadmapDiff {
  @Field(() => [RoadmapEntry]) before!: RoadmapEntry[];
  @Field(() => [RoadmapEntry]) after!: RoadmapEntry[];
}

@ObjectType('AnalysisDiff')
export class AnalysisDiff {
  @Field(() => Int) maxOrder!: number;
  @Field(() => [ArgumentShift]) arguments!: ArgumentShift[];
  @Field(() => LoadBearingDiff) loadBearing!: LoadBearingDiff;
  @Field(() => RoadmapDiff, { description: 'The top ten of each roadmap.' })
  roadmap!: RoadmapDiff;
}

@ObjectType('ArgumentRegression')
export class ArgumentRegression {
  @Field() key!: string;
  @Field() previousKey!: string;
  @Field(() => ArgumentKindEnum) kind!: 'pathway' | 'claim';
  @Field(() => RegressionReasonEnum) reason!: RegressionReason;
  @Field(() => ArgumentState) before!: ArgumentState;
  @Field(() => ArgumentState) after!: ArgumentState;
}

@ObjectType('DiffSummary')
export class DiffSummary {
  @Field(() => [ArgumentRegression], {
    description: 'Pathways and claims matched one to one that lost holding or margin.',
  })
  regressions!: ArgumentRegression[];
  @Field(() => Int) structuralChanges!: number;
  @Field(() => Int) argumentsChanged!: number;
}

@ObjectType('ScenarioChange', {
  description:
    'A scenario of both reports whose title, description, pathway, timeToHarm (seconds) or chains (chain#N.steps, chain#N.latency) differ.',
})
export class ScenarioChange {
  @Field() key!: string;
  @Field(() => [FieldChange]) changes!: FieldChange[];
}

@ObjectType('ScenarioDiff', {
  description: 'Scenarios (SPEC §8) added, removed and changed, by key.',
})
export class ScenarioDiff {
  @Field(() => [String]) added!: string[];
  @Field(() => [String]) removed!: string[];
  @Field(() => [ScenarioChange]) changed!: ScenarioChange[];
}

@ObjectType('ReportDiff', {
  description: 'What changed from one report to another (SPEC §6), as `cli diff --json` prints it.',
})
export class ReportDiff {
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => StructuralDiff) structure!: StructuralDiff;
  @Field(() => ScenarioDiff, {
    description: 'Scenarios are not argument nodes and have no lineage: their diff is apart.',
  })
  scenarios!: ScenarioDiff;
  @Field(() => AnalysisDiff) analysis!: AnalysisDiff;
  @Field(() => DiffSummary) summary!: DiffSummary;
}

@ObjectType('EvidenceToRedo')
export class EvidenceToRedo {
  @Field(() => Evidence) evidence!: Evidence;
  @Field(() => EvidenceStatusEnum, { description: 'stale or invalidated.' })
  status!: Exclude<EvidenceStatus, 'valid'>;
  @Field(() => EvidenceScopeEnum) scope!: EvidenceScope;
  @Field(() => Float, { nullable: true }) effort!: number | null;
}

@ObjectType('ReestablishmentItem', {
  description: 'Redoing one evidence item, ranked as a roadmap item with its effort as the cost.',
})
export class ReestablishmentItem {
  @Field(() => Int) rank!: number;
  @Field(() => Evidence) evidence!: Evidence;
  @Field(() => Float, { description: 'Its effort; 0 when not estimated.' }) cost!: number;
  @Field({ description: 'Its effort is not estimated.' }) missingEffort!: boolean;
  @Field(() => Int, { description: 'Pathways plus claims whose margin rises.' })
  argumentsRestored!: number;
  @Field(() => [Pathway]) pathwaysRestored!: Pathway[];
  @Field(() => [Claim]) claimsRestored!: Claim[];
  @Field(() => [Pathway], { description: 'Do not hold now and would.' })
  newlyHoldingPathways!: Pathway[];
  @Field(() => [Claim]) newlyHoldingClaims!: Claim[];
  @Field() exact!: boolean;
}

@ObjectType('Readiness', {
  description: 'What stands between a draft and a report that holds, and what to redo first.',
})
export class Readiness {
  @Field() report!: string;
  @Field(() => ReportStateEnum) state!: ReportState;
  @Field({
    description:
      'Every pathway holds and every evidence item is valid (open review findings are listed apart, in openFindings).',
  })
  ready!: boolean;
  @Field(() => [Pathway]) pathwaysNotHolding!: Pathway[];
  @Field(() => [Claim]) claimsNotHolding!: Claim[];
  @Field(() => [EvidenceToRedo], { description: 'Stale or invalidated evidence, by key.' })
  evidenceToRedo!: EvidenceToRedo[];
  @Field(() => [ReestablishmentItem], { description: 'The re-establishment plan.' })
  plan!: ReestablishmentItem[];
}
