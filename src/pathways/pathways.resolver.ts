import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { changedNodeFields, newNodeFields } from '../case-graph/dto/node.input';
import { definedFields, NodesService, toRequirement } from '../case-graph/nodes.service';
import { ExpectedVersionArgs } from '../common/expected-version.args';
import { CreatePathwayInput, UpdatePathwayInput } from './dto/pathway.input';
import { Pathway } from './pathway.model';

/** Pathway mutations; its link field is a plain resolver (case-graph/link-fields.ts). */
@Resolver(() => Pathway)
export class PathwaysResolver {
  constructor(private readonly nodes: NodesService) {}

  @Mutation(() => Pathway)
  createPathway(
    @Args('report') report: string,
    @Args('input') input: CreatePathwayInput,
    @Args() write: ExpectedVersionArgs,
  ) {
    return this.nodes.create(
      report,
      'pathway',
      {
        ...newNodeFields(input),
        title: input.title,
        requires: toRequirement(input.requires, input.atLeast) ?? { mode: 'all' },
        supports: input.supports ?? [],
      },
      write,
    );
  }

  @Mutation(() => Pathway)
  updatePathway(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args('input') input: UpdatePathwayInput,
    @Args() write: ExpectedVersionArgs,
  ) {
    return this.nodes.update(
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
