import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { MitigationStatus } from '../../../core/case-model/case';
import { MitigationStatusEnum } from '../models/case-graph.enums';
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
import { CaseView } from '../models/case-view';
import { Team } from '../models/team.model';
import { CreateMitigationInput, UpdateMitigationInput } from '../inputs/mitigation.input';
import { Mitigation } from '../models/mitigation.model';

/** Mitigation mutations and its owner; its link fields are plain resolvers (case-graph/link-fields.ts). */
@Resolver(() => Mitigation)
export class MitigationsResolver {
  constructor(private readonly nodes: NodesService) {}

  @ResolveField(() => Team, { nullable: true, description: 'The owning team.' })
  owner(@Parent() m: Mitigation): Team | null {
    return m.team === null ? null : CaseView.of(m).team(m.team);
  }

  @Mutation(() => Mitigation)
  async createMitigation(
    @Args('report') report: string,
    @Args('input') input: CreateMitigationInput,
    @Args() write: ExpectedVersionArgs,
  ) {
    return writtenNode(
      await this.nodes.create(
        report,
        'mitigation',
        {
          ...newNodeFields(input),
          title: input.title,
          kind: input.kind ?? 'other',
          team: input.team ?? null,
          status: input.status,
          dependsOn: input.dependsOn ?? [],
          effort: input.effort ?? null,
          ...newProbability(input),
          ...CreateMitigationInput.verification(input),
        },
        write,
      ),
    );
  }

  @Mutation(() => Mitigation)
  async updateMitigation(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args('input') input: UpdateMitigationInput,
    @Args() write: ExpectedVersionArgs,
  ) {
    const patch = definedFields({
      ...changedNodeFields(input),
      title: input.title ?? undefined,
      kind: input.kind ?? undefined,
      team: input.team,
      status: input.status ?? undefined,
      dependsOn: input.dependsOn ?? undefined,
      effort: input.effort,
    });
    // Verification: null clears a field, absent leaves it.
    const verification = {
      ...(input.verifyEvery === null ? { verifyEvery: undefined } : {}),
      ...(input.lastVerified === null ? { lastVerified: undefined } : {}),
      ...CreateMitigationInput.verification(input),
    };
    return writtenNode(
      await this.nodes.update(
        report,
        'mitigation',
        key,
        { ...patch, ...changedProbability(input), ...verification },
        undefined,
        write,
      ),
    );
  }

  @Mutation(() => Boolean, { description: 'Deletes the mitigation and its links.' })
  deleteMitigation(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args() write: ExpectedVersionArgs,
  ) {
    return this.nodes.delete(report, 'mitigation', key, write);
  }

  @Mutation(() => Mitigation)
  async setMitigationStatus(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args('status', { type: () => MitigationStatusEnum }) status: MitigationStatus,
    @Context() ctx: GqlContext,
    @Args() write: ExpectedVersionArgs,
    @Args('note', { nullable: true, type: () => String }) note?: string,
  ) {
    return writtenNode(
      await this.nodes.setStatus(
        report,
        'mitigation',
        key,
        status,
        await apiOrigin(ctx.auth, note),
        write,
      ),
    );
  }

  @Mutation(() => Mitigation, {
    description: 'Makes `mitigation` depend on `dependsOn`; returns `mitigation`.',
  })
  async addDependency(
    @Args('report') report: string,
    @Args('mitigation') mitigation: string,
    @Args('dependsOn') dependsOn: string,
    @Args() write: ExpectedVersionArgs,
  ) {
    return writtenNode(
      await this.nodes.link(report, { type: 'dependsOn', from: mitigation, to: dependsOn }, write),
    );
  }

  @Mutation(() => Mitigation)
  async removeDependency(
    @Args('report') report: string,
    @Args('mitigation') mitigation: string,
    @Args('dependsOn') dependsOn: string,
    @Args() write: ExpectedVersionArgs,
  ) {
    return writtenNode(
      await this.nodes.link(
        report,
        {
          type: 'dependsOn',
          from: mitigation,
          to: dependsOn,
          remove: true,
        },
        write,
      ),
    );
  }
}
