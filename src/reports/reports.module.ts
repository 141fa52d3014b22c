import { Module } from '@nestjs/common';
import { CaseGraphModule } from '../case-graph/case-graph.module';
import { ExampleSeedService } from '../seed/example-seed.service';
import { ValidityModule } from '../validity/validity.module';
import { ReportsResolver } from './reports.resolver';
import { ReportsService } from './reports.service';

@Module({
  imports: [CaseGraphModule, ValidityModule],
  providers: [ReportsResolver, ReportsService, ExampleSeedService],
})
export class ReportsModule {}
