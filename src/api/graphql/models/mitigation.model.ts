import { Field, Float, ObjectType } from '@nestjs/graphql';
import type { MitigationKind, MitigationStatus } from '../../../core/case-model/case';
import { ArgumentNode } from './argument-node.model';
import { MitigationKindEnum, MitigationStatusEnum } from './case-graph.enums';

@ObjectType('Mitigation', {
  implements: () => [ArgumentNode],
  description: 'A control the argument rests on.',
})
export class Mitigation extends ArgumentNode {
  declare nodeKind: 'mitigation';

  @Field()
  title!: string;

  @Field(() => MitigationKindEnum)
  kind!: MitigationKind;

  @Field(() => String, {
    nullable: true,
    description: 'Key of the owning team (see owner for the team).',
  })
  team!: string | null;

  @Field(() => MitigationStatusEnum)
  status!: MitigationStatus;

  @Field(() => Float, { nullable: true, description: 'Estimated cost to put in place.' })
  effort!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Chance that it fails over the report's period, 0..1 (SPEC §3.6); null: not given.",
  })
  probability!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Seconds between verifications (SPEC §8, verifyEvery: 90d); null: no cycle.',
  })
  verifyEvery!: number | null;

  @Field(() => Date, { nullable: true, description: 'When it was last verified to work.' })
  lastVerified!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When verification falls due: verifyEvery after lastVerified; null without a cycle, or when never verified (then it is due already).',
  })
  verificationDue!: Date | null;

  // Link fields: resolved by LINK_FIELDS in case-graph/link-fields.ts, not properties.
  @Field(() => [ArgumentNode], {
    description: 'The pathways and claims that list it in their supports.',
  })
  supportOf?: ArgumentNode[];

  @Field(() => [Mitigation], { description: 'Mitigations it holds only while they hold too.' })
  dependsOn?: Mitigation[];

  @Field(() => [Mitigation], { description: 'Mitigations that depend on it, and fail with it.' })
  dependents?: Mitigation[];
}

/**
 * When verification falls due, in ms since the epoch, as core's verificationDue reckons it:
 * -Infinity when never verified (due already), null without a cycle.
 */
export const verificationDueAt = (m: Mitigation): number | null =>
  m.verifyEvery === null ? null : (m.verificationDue?.getTime() ?? -Infinity);
