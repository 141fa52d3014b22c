import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ArgumentNode } from './argument-node.model';
import { RequiresModeEnum, type RequiresMode } from './case-graph.enums';

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
}
