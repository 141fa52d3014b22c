import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { EvidenceStatus } from '../../../core/case-model/case';
import { EvidenceStatusEnum } from '../models/case-graph.enums';
import {
  changedNodeFields,
  newNodeFields,
  changedProbability,
  newProbability,
} from '../inputs/node.input';
import { definedFields, NodesService } from '../../../case/cases/nodes.service';
import { writtenNode } from '../models/case-view';
import { ExpectedVersionArgs } from '../inputs/expected-version.args';
import { apiOrigin } from '../context/api-origin';
import type { GqlContext } from '../context/context';
import { CreateEvidenceInput, UpdateEvidenceInput } from '../inputs/evidence.input';
import { Evidence } from '../models/evidence.model';

/** Evidence mutations; its link field is a plain resolver (case-graph/link-fields.ts). */
@Resolver(() => Evidence)
export class EvidenceResolver {
  constructor(private readonly nodes: NodesService) {}

  @Mutation(() => Evidence)
  async createEvidence(
    @Args('report') report: string,
    @Args('input') input: CreateEvidenceInput,
    @Args() write: ExpectedVersionArgs,
  ) {
    return writtenNode(
      await this.nodes.create(
        report,
        'evidence',
        {
          ...newNodeFields(input),
          title: input.title,
          status: input.status,
          ...(input.validUntil ? { validUntil: input.validUntil.toISOString() } : {}),
          ...newProbability(input),
          ...(input.scope === 'standing' ? { scope: 'standing' as const } : {}),
          ...(typeof input.effort === 'number' ? { effort: input.effort } : {}),
        },
        write,
      ),
    );
  }

  @Mutation(() => Evidence)
  async updateEvidence(
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
    // validUntil and effort: null clears them; absent leaves them. Scope null is the default, model.
    if (input.validUntil !== undefined) {
      Object.assign(patch, { validUntil: input.validUntil?.toISOString() });
    }
    if (input.effort !== undefined) Object.assign(patch, { effort: input.effort ?? undefined });
    if (input.scope !== undefined) {
      Object.assign(patch, { scope: input.scope === 'standing' ? 'standing' : undefined });
    }
    return writtenNode(
      await this.nodes.update(
        report,
        'evidence',
        key,
        { ...patch, ...changedProbability(input) },
        undefined,
        write,
      ),
    );
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
    return writtenNode(
      await this.nodes.setStatus(
        report,
        'evidence',
        key,
        status,
        await apiOrigin(ctx.auth, note),
        write,
      ),
    );
  }
}
