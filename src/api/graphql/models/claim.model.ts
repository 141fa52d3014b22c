import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { ClaimKind } from '../../../core/case-model/case';
import { ArgumentNode } from './argument-node.model';
import { ClaimKindEnum, RequiresModeEnum, type RequiresMode } from './case-graph.enums';

@ObjectType('Claim', { implements: () => [ArgumentNode] })
export class Claim extends ArgumentNode {
  declare nodeKind: 'claim';

  @Field()
  statement!: string;

  @Field(() => ClaimKindEnum, { description: 'alignment, capability, monitoring, ...' })
  kind!: ClaimKind;

  @Field(() => RequiresModeEnum)
  requires!: RequiresMode;

  @Field(() => Int, { nullable: true, description: 'K when requires is atLeast.' })
  atLeast!: number | null;

  @Field({ description: 'A claim with no supports holds only when assumed.' })
  assumed!: boolean;

  // Link fields: resolved by LINK_FIELDS in case-graph/link-fields.ts, not properties.
  @Field(() => [ArgumentNode], {
    description: 'The claims, mitigations and evidence it rests on.',
  })
  supports?: ArgumentNode[];

  @Field(() => [ArgumentNode], {
    description: 'The pathways and claims that list it in their supports.',
  })
  supportOf?: ArgumentNode[];
}
