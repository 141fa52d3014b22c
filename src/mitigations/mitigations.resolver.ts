import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { MitigationStatus } from '../case-model/case';
import { ArgumentNode } from '../case-graph/argument-node.model';
import { MitigationStatusEnum } from '../case-graph/case-graph.enums';
import { definedFields, NodesService } from '../case-graph/nodes.service';
import { API_ORIGIN } from '../history/change-origin';
import { toNodeModel } from '../case-graph/node.mapper';
import type { GqlContext } from '../graphql/context';
import { Team, toTeam } from '../teams/team.model';
import { CreateMitigationInput, UpdateMitigationInput } from './dto/mitigation.input';
import { Mitigation } from './mitigation.model';

@Resolver(() => Mitigation)
export class MitigationsResolver {
  constructor(private readonly nodes: NodesService) {}

  @ResolveField(() => String, { nullable: true, description: 'Key of the owning team.' })
  async team(@Parent() m: Mitigation, @Context() ctx: GqlContext): Promise<string | null> {
    return m.teamId ? ((await ctx.loaders.teamById.load(m.teamId))?.key ?? null) : null;
  }

  @ResolveField(() => Team, { nullable: true, description: 'The owning team.' })
  async owner(@Parent() m: Mitigation, @Context() ctx: GqlContext): Promise<Team | null> {
    const team = m.teamId ? await ctx.loaders.teamById.load(m.teamId) : null;
    return team ? toTeam(team) : null;
  }

  @ResolveField(() => [ArgumentNode], {
    description: 'The pathways and claims that list it in their supports.',
  })
  async supportOf(@Parent() m: Mitigation, @Context() ctx: GqlContext): Promise<ArgumentNode[]> {
    return (await ctx.loaders.supportOf.load(m.id)).map(toNodeModel);
  }

  @ResolveField(() => [Mitigation], {
    description: 'Mitigations it holds only while they hold too.',
  })
  async dependsOn(@Parent() m: Mitigation, @Context() ctx: GqlContext) {
    return (await ctx.loaders.dependsOn.load(m.id)).map(toNodeModel);
  }

  @ResolveField(() => [Mitigation], {
    description: 'Mitigations that depend on it, and fail with it.',
  })
  async dependents(@Parent() m: Mitigation, @Context() ctx: GqlContext) {
    return (await ctx.loaders.dependents.load(m.id)).map(toNodeModel);
  }

  @Mutation(() => Mitigation)
  createMitigation(@Args('report') report: string, @Args('input') input: CreateMitigationInput) {
    return this.nodes.create(report, 'mitigation', {
      key: input.key,
      title: input.title,
      kind: input.kind ?? 'other',
      description: input.description ?? null,
      team: input.team ?? null,
      status: input.status,
      dependsOn: input.dependsOn ?? [],
      effort: input.effort ?? null,
    });
  }

  @Mutation(() => Mitigation)
  updateMitigation(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args('input') input: UpdateMitigationInput,
  ) {
    return this.nodes.update(
      report,
      'mitigation',
      key,
      definedFields({
        key: input.key ?? undefined,
        title: input.title ?? undefined,
        kind: input.kind ?? undefined,
        description: input.description,
        team: input.team,
        status: input.status ?? undefined,
        dependsOn: input.dependsOn ?? undefined,
        effort: input.effort,
      }),
    );
  }

  @Mutation(() => Boolean, { description: 'Deletes the mitigation and its links.' })
  deleteMitigation(@Args('report') report: string, @Args('key') key: string) {
    return this.nodes.delete(report, 'mitigation', key);
  }

  @Mutation(() => Mitigation)
  setMitigationStatus(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args('status', { type: () => MitigationStatusEnum }) status: MitigationStatus,
    @Args('note', { nullable: true, type: () => String }) note?: string,
  ) {
    return this.nodes.setStatus(report, 'mitigation', key, status, {
      ...API_ORIGIN,
      note: note ?? null,
    });
  }

  @Mutation(() => Mitigation, {
    description: 'Makes `mitigation` depend on `dependsOn`; returns `mitigation`.',
  })
  addDependency(
    @Args('report') report: string,
    @Args('mitigation') mitigation: string,
    @Args('dependsOn') dependsOn: string,
  ) {
    return this.nodes.link(report, { type: 'dependsOn', from: mitigation, to: dependsOn });
  }

  @Mutation(() => Mitigation)
  removeDependency(
    @Args('report') report: string,
    @Args('mitigation') mitigation: string,
    @Args('dependsOn') dependsOn: string,
  ) {
    return this.nodes.link(report, {
      type: 'dependsOn',
      from: mitigation,
      to: dependsOn,
      remove: true,
    });
  }
}
