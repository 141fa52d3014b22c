import { Global, Module } from '@nestjs/common';
import { DatabaseProbe } from '../database/database-probe';
import { ReportsRepository } from './reports.repository';
import { RequestsRepository } from './requests.repository';
import { ReviewsRepository } from './reviews.repository';
import { StatusHistoryRepository } from './status-history.repository';

/** The repositories that read across reports, and the database probe, for every module. */
@Global()
@Module({
  providers: [
    DatabaseProbe,
    ReportsRepository,
    RequestsRepository,
    ReviewsRepository,
    StatusHistoryRepository,
  ],
  exports: [
    DatabaseProbe,
    ReportsRepository,
    RequestsRepository,
    ReviewsRepository,
    StatusHistoryRepository,
  ],
})
export class RepositoriesModule {}
