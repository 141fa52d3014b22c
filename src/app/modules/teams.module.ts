import { Module } from '@nestjs/common';
import { CaseGraphModule } from './case-graph.module';
import { TeamsResolver } from '../../api/graphql/resolvers/teams.resolver';
import { TeamsService } from '../../case/teams/teams.service';

@Module({ imports: [CaseGraphModule], providers: [TeamsResolver, TeamsService] })
export class TeamsModule {}
