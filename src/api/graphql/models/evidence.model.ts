import { Field, Float, ObjectType } from '@nestjs/graphql';
import type { EvidenceStatus } from '../../../core/case-model/case';
import { ArgumentNode } from './argument-node.model';
import { EvidenceStatusEnum } from './case-graph.enums';

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

  // Link field: resolved by LINK_FIELDS in case-graph/link-fields.ts, not a property.
  @Field(() => [ArgumentNode], {
    description: 'The pathways and claims that list it in their supports.',
  })
  supportOf?: ArgumentNode[];
}
