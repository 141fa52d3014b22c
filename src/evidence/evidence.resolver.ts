import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { EvidenceStatus } from '../core/case-model/case';
import { EvidenceStatusEnum } from '../case-graph/case-graph.enums';
import { changedNodeFields, newNodeFields } from '../case-graph/dto/node.input';
import { definedFields, NodesService } from '../case-graph/nodes.service';
import { ExpectedVersionArgs } from '../common/expected-version.args';
import { apiOrigin } from '../history/change-origin';
import type { GqlContext } from '../graphql/context';
import { CreateEvidenceInput, UpdateEvidenceInput } from './dto/evidence.input';
import { Evidence } from './evidence.model';

/** Evidence mutations; its link field is a plain resolver (case-graph/link-fields.ts). */
@Resolver(() => Evidence)
export class EvidenceResolver {
  constructor(private readonly nodes: NodesService) {}

  @Mutation(() => Evidence)
  createEvidence(
    @Args('report') report: string,
    @Args('input') input: CreateEvidenceInput,
    @Args() write: ExpectedVersionArgs,
  ) {
    return this.nodes.create(
      report,
      'evidence',
      {
        ...newNodeFields(input),
        title: input.title,
        status: input.status,
        ...(input.validUntil ? { validUntil: input.validUntil.toISOString() } : {}),
      },
      write,
    );
  }

  @Mutation(() => Evidence)
  updateEvidence(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args('input') input: UpdateEvidenceInput,
    @Args() write: ExpectedVersionArgs,
  ) {
    const patch = definedFields({
      ...changedNodeFields(input),
      title: input.title ?? undefined,
      status: input.status ?? undefined,
    });
    // validUntil: null clears the window; absent leaves it.
    if (input.validUntil !== undefined) {
      Object.assign(patch, { validUntil: input.validUntil?.toISOString() });
    }
    return this.nodes.update(report, 'evidence', key, patch, undefined, write);
  }

  @Mutation(() => Boolean, { description: 'Deletes the evidence item and its links.' })
  deleteEvidence(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args() write: ExpectedVersionArgs,
  ) {
    return this.nodes.delete(report, 'evidence', key, write);
  }

  @Mutation(() => Evidence)
  async setEvidenceStatus(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args('status', { type: () => EvidenceStatusEnum }) status: EvidenceStatus,
    @Context() ctx: GqlContext,
    @Args() write: ExpectedVersionArgs,
    @Args('note', { nullable: true, type: () => String }) note?: string,
  ) {
    return this.nodes.setStatus(
      report,
      'evidence',
      key,
      status,
      await apiOrigin(ctx.auth, note),
      write,
    );
  }
}
