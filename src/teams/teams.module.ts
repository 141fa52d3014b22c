import { Module } from '@nestjs/common';
import { CaseGraphModule } from '../case-graph/case-graph.module';
import { TeamsResolver } from './teams.resolver';
import { TeamsService } from './teams.service';

@Module({ imports: [CaseGraphModule], providers: [TeamsResolver, TeamsService] })
export class TeamsModule {}
