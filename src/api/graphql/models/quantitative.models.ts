import { Field, Float, ObjectType } from '@nestjs/graphql';
import { ArgumentNode } from './argument-node.model';

@ObjectType('FailureProbability', {
  description:
    'The chance that a pathway or claim does not hold when every control and evidence item that ' +
    'holds now fails with its probability (SPEC §3.6); independent events.',
})
export class FailureProbability {
  @Field(() => Float, { description: 'Exact, from the binary decision diagram.' })
  exact!: number;
  @Field(() => Float, { description: 'Rare-event approximation: Σ over minimal cut sets.' })
  rareEvent!: number;
  @Field(() => Float, { description: 'Min-cut upper bound: 1 − Π (1 − P(cut set)).' })
  mcub!: number;
  @Field(() => [String], {
    description: 'Events with no probability of their own that used defaultProbability, by key.',
  })
  defaultProbabilityUsedBy!: readonly string[];
}

@ObjectType('EventImportance', {
  description:
    'Importance of one control or evidence item for a pathway (as SCRAM 0.16 defines them).',
})
export class EventImportance {
  @Field() key!: string;
  @Field(() => ArgumentNode) node!: ArgumentNode;
  @Field(() => Float, { description: 'Birnbaum: P(X|e) − P(X|¬e).' }) mif!: number;
  @Field(() => Float, { description: 'Criticality: P(e)·MIF / P(X).' }) cif!: number;
  @Field(() => Float, { description: 'Fussell–Vesely: P(e)·P(X|e) / P(X).' }) dif!: number;
  @Field(() => Float, { description: 'Risk achievement worth: P(X|e) / P(X).' }) raw!: number;
  @Field(() => Float, { description: 'Risk reduction worth: P(X) / P(X|¬e).' }) rrw!: number;
}
