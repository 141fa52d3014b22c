import { Args, Context, Info, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CaseService } from '../case-graph/case.service';
import { preloadLinkFields } from '../case-graph/link-fields';
import { definedFields } from '../case-graph/nodes.service';
import { ExpectedVersionArgs } from '../common/expected-version.args';
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
  async createTeam(
    @Args('report') report: string,
    @Args('input') input: CreateTeamInput,
    @Args() write: ExpectedVersionArgs,
  ) {
    const saved = await this.cases.edit(
      report,
      (c) => createTeam(c, { key: input.key, name: input.name ?? null }),
      undefined,
      write,
    );
    return this.teams.findByKey(saved.id, input.key);
  }

  @Mutation(() => Team, { description: 'A new key is carried to the mitigations the team owns.' })
  async updateTeam(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args('input') input: UpdateTeamInput,
    @Args() write: ExpectedVersionArgs,
  ) {
    const patch = definedFields({ key: input.key ?? undefined, name: input.name });
    const saved = await this.cases.edit(report, (c) => updateTeam(c, key, patch), undefined, write);
    return this.teams.findByKey(saved.id, patch.key ?? key);
  }

  @Mutation(() => Boolean, {
    description: 'Deletes the team; its mitigations are left without a team.',
  })
  async deleteTeam(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args() write: ExpectedVersionArgs,
  ) {
    await this.cases.edit(report, (c) => deleteTeam(c, key), undefined, write);
    return true;
  }
}
