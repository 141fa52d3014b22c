import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { STEP_ACTIONS, type StepAction } from '../../../core/case-model/case';
import { ArgumentNode } from './argument-node.model';
import { enumOf } from './case-graph.enums';
import { Mitigation } from './mitigation.model';
import { Pathway } from './pathway.model';

export const StepActionEnum = enumOf<StepAction>(STEP_ACTIONS);
registerEnumType(StepActionEnum, {
  name: 'StepAction',
  description: 'What a response step does (SPEC §8).',
});

// Durations are Float seconds: a case may hold up to a century, more than a GraphQL Int.
const SECONDS = 'Seconds (whole).';

@ObjectType('StepConfirmation', {
  description: "The acting team's word that a step happens as written (SPEC §8).",
})
export class StepConfirmation {
  /** With its scenario or the step's mitigation: the note is restricted text (redaction.ts). */
  restricted!: boolean;

  @Field({ description: 'The token (person or team) that confirmed it.' })
  by!: string;

  @Field()
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Null without clearance when restricted.' })
  note!: string | null;
}

@ObjectType('ResponseStep', {
  description: 'One step of a response chain: a mitigation (monitor, rota, process) acting.',
})
export class ResponseStep {
  /** The key of the mitigation that acts (the `mitigation` link field reads it). */
  mitigationKey!: string;

  // Link field: resolved by LINK_FIELDS in resolvers/link-fields.ts, not a property.
  @Field(() => Mitigation)
  mitigation?: Mitigation;

  @Field(() => String, {
    nullable: true,
    description: "The team that acts: the step's own, else its mitigation's; null when neither.",
  })
  team!: string | null;

  @Field(() => StepActionEnum)
  action!: StepAction;

  @Field(() => Float, {
    description: `From the previous step (or from the behaviour, for the first). ${SECONDS}`,
  })
  latency!: number;

  @Field()
  automatic!: boolean;

  @Field()
  paged!: boolean;

  @Field(() => Int, { description: 'Its chain, counted from 1 (as confirmStep names it).' })
  chain!: number;

  @Field(() => Int, { description: 'Its place in the chain, counted from 1.' })
  number!: number;

  @Field(() => StepConfirmation, { nullable: true, description: 'Null: not confirmed yet.' })
  confirmed!: StepConfirmation | null;
}

@ObjectType('ResponseChain', {
  description:
    'A way the behaviour is stopped: it holds when every step’s mitigation holds and its total latency is within timeToHarm.',
})
export class ResponseChain {
  reportId!: string;
  /** The key of the scenario it belongs to (its analysis fields read the scenario's report). */
  scenarioKey!: string;

  @Field(() => Int, { description: '0-based, in file order.' })
  index!: number;

  @Field(() => [ResponseStep])
  steps!: readonly ResponseStep[];
}

@ObjectType('Scenario', {
  implements: () => [ArgumentNode],
  description:
    'A concrete behaviour illustrating a pathway, and the response chains that would stop it (SPEC §8). Restricted when its pathway is.',
})
export class Scenario extends ArgumentNode {
  declare nodeKind: 'scenario';

  @Field()
  title!: string;

  /** The key of the pathway it illustrates (the `pathway` link field reads it). */
  pathwayKey!: string;

  // Link field: resolved by LINK_FIELDS in resolvers/link-fields.ts, not a property.
  @Field(() => Pathway, { description: 'The pathway it illustrates.' })
  pathway?: Pathway;

  @Field(() => Float, { description: `Until the harm can no longer be stopped. ${SECONDS}` })
  timeToHarm!: number;

  @Field(() => [ResponseChain], { description: 'Any one fast enough and holding suffices.' })
  chains!: readonly ResponseChain[];

  // Link field: resolved by LINK_FIELDS in resolvers/link-fields.ts, not a property.
  @Field(() => [ArgumentNode], { description: 'The pathways and claims whose supports name it.' })
  supportOf?: ArgumentNode[];
}

@ObjectType('GatheringProgress', {
  description:
    "How far the information gathering has come for a pathway (SPEC §8): its scenarios' steps, and how many their teams confirmed.",
})
export class GatheringProgress {
  @Field(() => Pathway)
  pathway!: Pathway;

  @Field(() => Int)
  scenarios!: number;

  @Field(() => Int)
  steps!: number;

  @Field(() => Int)
  confirmed!: number;
}
