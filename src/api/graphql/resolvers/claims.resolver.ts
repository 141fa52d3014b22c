import { Args, Int, Mutation, Resolver } from '@nestjs/graphql';
import { ArgumentNode } from '../models/argument-node.model';
import { changedNodeFields, newNodeFields } from '../inputs/node.input';
import { definedFields, NodesService, toRequirement } from '../../../case/cases/nodes.service';
import { writtenNode } from '../models/case-view';
import { ExpectedVersionArgs } from '../inputs/expected-version.args';
import { Claim } from '../models/claim.model';
import { CreateClaimInput, UpdateClaimInput } from '../inputs/claim.input';

/** Claim mutations; its link fields are plain resolvers (case-graph/link-fields.ts). */
@Resolver(() => Claim)
export class ClaimsResolver {
  constructor(private readonly nodes: NodesService) {}

  @Mutation(() => Claim)
  async createClaim(
    @Args('report') report: string,
    @Args('input') input: CreateClaimInput,
    @Args() write: ExpectedVersionArgs,
  ) {
    return writtenNode(
      await this.nodes.create(
        report,
        'claim',
        {
          ...newNodeFields(input),
          statement: input.statement,
          kind: input.kind ?? 'other',
          requires: toRequirement(input.requires, input.atLeast) ?? { mode: 'all' },
          supports: input.supports ?? [],
          assumed: input.assumed ?? false,
        },
        write,
      ),
    );
  }

  @Mutation(() => Claim)
  async updateClaim(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args('input') input: UpdateClaimInput,
    @Args() write: ExpectedVersionArgs,
  ) {
    return writtenNode(
      await this.nodes.update(
        report,
        'claim',
        key,
        definedFields({
          ...changedNodeFields(input),
          statement: input.statement ?? undefined,
          kind: input.kind ?? undefined,
          requires: toRequirement(input.requires, input.atLeast),
          supports: input.supports ?? undefined,
          assumed: input.assumed ?? undefined,
        }),
        undefined,
        write,
      ),
    );
  }

  @Mutation(() => Boolean, { description: 'Deletes the claim and its links.' })
  deleteClaim(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args() write: ExpectedVersionArgs,
  ) {
    return this.nodes.delete(report, 'claim', key, write);
  }

  @Mutation(() => ArgumentNode, {
    description: 'Adds `support` to the supports of pathway or claim `to`; returns `to`.',
  })
  async addSupport(
    @Args('report') report: string,
    @Args('to', { description: 'The pathway or claim whose supports list grows.' }) to: string,
    @Args('support', { description: 'The claim, mitigation or evidence item it will rest on.' })
    support: string,
    @Args() write: ExpectedVersionArgs,
    @Args('position', {
      nullable: true,
      type: () => Int,
      description: 'Index in the list; the end by default.',
    })
    position?: number,
  ) {
    return writtenNode(
      await this.nodes.link(report, { type: 'supports', from: to, to: support, position }, write),
    );
  }

  @Mutation(() => ArgumentNode, {
    description: 'Removes `support` from the supports of `to`; returns `to`.',
  })
  async removeSupport(
    @Args('report') report: string,
    @Args('to') to: string,
    @Args('support') support: string,
    @Args() write: ExpectedVersionArgs,
  ) {
    return writtenNode(
      await this.nodes.link(
        report,
        { type: 'supports', from: to, to: support, remove: true },
        write,
      ),
    );
  }
}
