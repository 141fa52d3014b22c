import { Global, Module } from '@nestjs/common';
import { DatabaseProbe } from '../database/database-probe';
import { ReportsRepository } from './reports.repository';
import { ReviewsRepository } from './reviews.repository';
import { StatusHistoryRepository } from './status-history.repository';

/** The repositories that read across reports, and the database probe, for every module. */
@Global()
@Module({
  providers: [DatabaseProbe, ReportsRepository, ReviewsRepository, StatusHistoryRepository],
  exports: [DatabaseProbe, ReportsRepository, ReviewsRepository, StatusHistoryRepository],
})
export class RepositoriesModule {}
