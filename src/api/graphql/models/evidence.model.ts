import { Field, Float, ObjectType } from '@nestjs/graphql';
import type { EvidenceScope, EvidenceStatus } from '../../../core/case-model/case';
import { ArgumentNode } from './argument-node.model';
import { EvidenceScopeEnum, EvidenceStatusEnum } from './case-graph.enums';

@ObjectType('Evidence', { implements: () => [ArgumentNode] })
export class Evidence extends ArgumentNode {
  declare nodeKind: 'evidence';

  @Field()
  title!: string;

  @Field(() => EvidenceStatusEnum)
  status!: EvidenceStatus;

  @Field(() => Date, { nullable: true, description: 'After this instant it counts as stale.' })
  validUntil!: Date | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Chance that it turns out wrong over the report's period, 0..1 (SPEC §3.6); null: not given.",
  })
  probability!: number | null;

  @Field(() => EvidenceScopeEnum, {
    description: 'model: about this model (stale in a clone for the next); standing: carries over.',
  })
  scope!: EvidenceScope;

  @Field(() => Float, {
    nullable: true,
    description:
      'Estimated cost to redo it (ranks the re-establishment plan); null: not estimated.',
  })
  effort!: number | null;

  // Link field: resolved by LINK_FIELDS in case-graph/link-fields.ts, not a property.
  @Field(() => [ArgumentNode], {
    description: 'The pathways and claims that list it in their supports.',
  })
  supportOf?: ArgumentNode[];
}
