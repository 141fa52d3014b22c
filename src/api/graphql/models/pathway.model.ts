import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ArgumentNode } from './argument-node.model';
import { RequiresModeEnum, type RequiresMode } from './case-graph.enums';
// A cycle with scenario.model, read only through the type thunks below.
import { Scenario } from './scenario.model';

@ObjectType('Pathway', {
  implements: () => [ArgumentNode],
  description:
    'A threat pathway: the critical first action on the way to a catastrophe. A root of the argument.',
})
export class Pathway extends ArgumentNode {
  declare nodeKind: 'pathway';

  @Field()
  title!: string;

  @Field(() => RequiresModeEnum)
  requires!: RequiresMode;

  @Field(() => Int, { nullable: true, description: 'K when requires is atLeast.' })
  atLeast!: number | null;

  // Link field: resolved by LINK_FIELDS in case-graph/link-fields.ts, not a property.
  @Field(() => [ArgumentNode], {
    description: 'The claims, mitigations and evidence its argument rests on.',
  })
  supports?: ArgumentNode[];

  // Link field: resolved by LINK_FIELDS in case-graph/link-fields.ts, not a property.
  @Field(() => [Scenario], { description: 'The scenarios that illustrate it (SPEC §8).' })
  scenarios?: Scenario[];
}
