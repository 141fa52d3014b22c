import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { EvidenceStatus } from '../case-model/case';
import { ArgumentNode } from '../case-graph/argument-node.model';
import { EvidenceStatusEnum } from '../case-graph/case-graph.enums';
import { definedFields, NodesService } from '../case-graph/nodes.service';
import { API_ORIGIN } from '../history/change-origin';
import { toNodeModel } from '../case-graph/node.mapper';
import type { GqlContext } from '../graphql/context';
import { CreateEvidenceInput, UpdateEvidenceInput } from './dto/evidence.input';
import { Evidence } from './evidence.model';

@Resolver(() => Evidence)
export class EvidenceResolver {
  constructor(private readonly nodes: NodesService) {}

  @ResolveField(() => [ArgumentNode], {
    description: 'The pathways and claims that list it in their supports.',
  })
  async supportOf(@Parent() e: Evidence, @Context() ctx: GqlContext): Promise<ArgumentNode[]> {
    return (await ctx.loaders.supportOf.load(e.id)).map(toNodeModel);
  }

  @Mutation(() => Evidence)
  createEvidence(@Args('report') report: string, @Args('input') input: CreateEvidenceInput) {
    return this.nodes.create(report, 'evidence', {
      key: input.key,
      title: input.title,
      description: input.description ?? null,
      status: input.status,
      ...(input.validUntil ? { validUntil: input.validUntil.toISOString() } : {}),
    });
  }

  @Mutation(() => Evidence)
  updateEvidence(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args('input') input: UpdateEvidenceInput,
  ) {
    const patch = definedFields({
      key: input.key ?? undefined,
      title: input.title ?? undefined,
      description: input.description,
      status: input.status ?? undefined,
    });
    // validUntil: null clears the window; absent leaves it.
    if (input.validUntil !== undefined) {
      Object.assign(patch, { validUntil: input.validUntil?.toISOString() });
    }
    return this.nodes.update(report, 'evidence', key, patch);
  }

  @Mutation(() => Boolean, { description: 'Deletes the evidence item and its links.' })
  deleteEvidence(@Args('report') report: string, @Args('key') key: string) {
    return this.nodes.delete(report, 'evidence', key);
  }

  @Mutation(() => Evidence)
  setEvidenceStatus(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args('status', { type: () => EvidenceStatusEnum }) status: EvidenceStatus,
    @Args('note', { nullable: true, type: () => String }) note?: string,
  ) {
    return this.nodes.setStatus(report, 'evidence', key, status, {
      ...API_ORIGIN,
      note: note ?? null,
    });
  }
}
