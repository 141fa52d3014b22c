import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { changedNodeFields, newNodeFields } from '../inputs/node.input';
import { definedFields, NodesService, toRequirement } from '../../../case/cases/nodes.service';
import { writtenNode } from '../models/case-view';
import { ExpectedVersionArgs } from '../inputs/expected-version.args';
import { CreatePathwayInput, UpdatePathwayInput } from '../inputs/pathway.input';
import { Pathway } from '../models/pathway.model';

/** Pathway mutations; its link field is a plain resolver (case-graph/link-fields.ts). */
@Resolver(() => Pathway)
export class PathwaysResolver {
  constructor(private readonly nodes: NodesService) {}

  @Mutation(() => Pathway)
  async createPathway(
    @Args('report') report: string,
    @Args('input') input: CreatePathwayInput,
    @Args() write: ExpectedVersionArgs,
  ) {
    return writtenNode(
      await this.nodes.create(
        report,
        'pathway',
        {
          ...newNodeFields(input),
          title: input.title,
          requires: toRequirement(input.requires, input.atLeast) ?? { mode: 'all' },
          supports: input.supports ?? [],
        },
        write,
      ),
    );
  }

  @Mutation(() => Pathway)
  async updatePathway(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args('input') input: UpdatePathwayInput,
    @Args() write: ExpectedVersionArgs,
  ) {
    return writtenNode(
      await this.nodes.update(
        report,
        'pathway',
        key,
        definedFields({
          ...changedNodeFields(input),
          title: input.title ?? undefined,
          requires: toRequirement(input.requires, input.atLeast),
          supports: input.supports ?? undefined,
        }),
        undefined,
        write,
      ),
    );
  }

  @Mutation(() => Boolean, { description: 'Deletes the pathway and its links.' })
  deletePathway(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args() write: ExpectedVersionArgs,
  ) {
    return this.nodes.delete(report, 'pathway', key, write);
  }
}
