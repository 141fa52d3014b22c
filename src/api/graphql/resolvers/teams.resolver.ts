import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CaseService } from '../../../case/cases/case.service';
import { CaseView } from '../models/case-view';
import { definedFields } from '../../../case/cases/nodes.service';
import { ExpectedVersionArgs } from '../inputs/expected-version.args';
import { createTeam } from '../../../core/case-model/edit-case';
import { Mitigation } from '../models/mitigation.model';
import { CreateTeamInput, UpdateTeamInput } from '../inputs/team.input';
import { Team } from '../models/team.model';
import { TeamsService } from '../../../case/teams/teams.service';
import { writtenTeam } from '../models/case-view';

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
    return writtenTeam(await this.teams.written(saved, input.key));
  }

  @Mutation(() => Team, {
    description:
      'A new key is carried to the mitigations the team owns, the steps it acts in, its information requests and the team-scoped tokens bound to this report (a token bound to no report keeps its team key: other reports may have a team of that key).',
  })
  async updateTeam(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args('input') input: UpdateTeamInput,
    @Args() write: ExpectedVersionArgs,
  ) {
    const patch = definedFields({ key: input.key ?? undefined, name: input.name });
    const saved = await this.teams.update(report, key, patch, write);
    return writtenTeam(await this.teams.written(saved, patch.key ?? key));
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes the team; its mitigations and steps are left without a team, and the team-scoped tokens bound to this report are revoked in the same write, so that none acts for a team later given its key (a token bound to no report keeps working: other reports may have a team of that key). Refused (BAD_USER_INPUT) while the team has open information requests, naming them: answer or close them first (answered and closed ones do not refuse it); a refused deletion revokes nothing.',
  })
  async deleteTeam(
    @Args('report') report: string,
    @Args('key') key: string,
    @Args() write: ExpectedVersionArgs,
  ) {
    await this.teams.delete(report, key, write);
    return true;
  }
}
