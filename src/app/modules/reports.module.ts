import { Module } from '@nestjs/common';
import { CaseGraphModule } from './case-graph.module';
import { ExampleSeedService } from '../../case/seed/example-seed.service';
import { ValidityModule } from './validity.module';
import { ReportsResolver } from '../../api/graphql/resolvers/reports.resolver';
import { ReportsService } from '../../case/reports/reports.service';
import { IterationResolver } from '../../api/graphql/resolvers/iteration.resolver';
import { IterationService } from '../../case/iteration/iteration.service';

@Module({
  imports: [CaseGraphModule, ValidityModule],
  providers: [
    ReportsResolver,
    ReportsService,
    ExampleSeedService,
    IterationResolver,
    IterationService,
  ],
})
export class ReportsModule {}
