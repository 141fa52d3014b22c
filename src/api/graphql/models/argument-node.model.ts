import { Field, InterfaceType } from '@nestjs/graphql';
import type { CaseNodeKind } from '../../../core/case-model/case';
import { NodeKindEnum } from './case-graph.enums';

const TYPE_OF_KIND = {
  pathway: 'Pathway',
  claim: 'Claim',
  mitigation: 'Mitigation',
  evidence: 'Evidence',
  scenario: 'Scenario',
} as const;

/** A pathway, claim, mitigation, evidence item or scenario: what `supports` lists may name. */
@InterfaceType('ArgumentNode', {
  resolveType: (node: ArgumentNode) => TYPE_OF_KIND[node.nodeKind],
})
export abstract class ArgumentNode {
  /** The report's row id; the API addresses nodes by key. */
  reportId!: string;

  @Field({ description: 'Unique within the report, across all node kinds.' })
  key!: string;

  @Field(() => NodeKindEnum, { description: 'pathway, claim, mitigation, evidence or scenario.' })
  nodeKind!: CaseNodeKind;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field({
    description:
      'Only tokens with clearance read its title or statement, description and notes; without, they read "[restricted]" (null for descriptions and notes). Its key, place in the argument and analyses stay visible.',
  })
  restricted!: boolean;

  @Field(() => [String], {
    description:
      "Lineage: the keys of the previous report's nodes this one replaces (a rename, split or merge).",
  })
  previousKeys!: readonly string[];
}
