import { Args, Context, Info, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CaseService } from '../case-graph/case.service';
import { preloadLinkFields } from '../case-graph/link-fields';
import { definedFields } from '../case-graph/nodes.service';
import { createTeam, deleteTeam, updateTeam } from '../case-model/edit-case';
import type { GqlContext } from '../graphql/context';
import { Mitigation } from '../mitigations/mitigation.model';
import { CreateTeamInput, UpdateTeamInput } from './dto/team.input';
import { Team } from './team.model';
import { TeamsService } from './teams.service';

@Resolver(() => Team)
export class TeamsResolver {
  constructor(
    private readonly cases: CaseService,
    private readonly teams: TeamsService,
  ) {}

  @ResolveField(() => [Mitigation], { description: 'The controls this team owns.' })
  async mitigations(
    @Parent() team: Team,
    @Context() ctx: GqlContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const mitigations = await ctx.loaders.mitigationsByTeam.load(team.id);
    await preloadLinkFields(mitigations, info, ctx);
    return mitigations;
  }

  @Mutation(() => Team)
  async createTeam(@Args('report') report: string, @Args('input') input: CreateTeamInput) {
    const saved = await this.cases.edit(report, (c) =>
      createTeam(c, { key: input.key, name: input.name ?? null }),
    );
    return this.teams.findByKey(saved.id, input.key);
  }

  @Mutation(() => Team, { description: 'A new key is carried to the mitigations the team owns.' })
  async updateTeam(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args('input') input: UpdateTeamInput,
  ) {
    const patch = definedFields({ key: input.key ?? undefined, name: input.name });
    const saved = await this.cases.edit(report, (c) => updateTeam(c, key, patch));
    return this.teams.findByKey(saved.id, patch.key ?? key);
  }

  @Mutation(() => Boolean, {
    description: 'Deletes the team; its mitigations are left without a team.',
  })
  async deleteTeam(@Args('report') report: string, @Args('key') key: string) {
    await this.cases.edit(report, (c) => deleteTeam(c, key));
    return true;
  }
}
