import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CaseService } from '../case-graph/case.service';
import { CaseView } from '../case-graph/case-view';
import { definedFields } from '../case-graph/nodes.service';
import { ExpectedVersionArgs } from '../common/expected-version.args';
import { createTeam, deleteTeam, updateTeam } from '../core/case-model/edit-case';
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
  mitigations(@Parent() team: Team) {
    return CaseView.of(team).mitigationsOf(team.key);
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
    return this.teams.written(saved, input.key);
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
    return this.teams.written(saved, patch.key ?? key);
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
