import { Global, Module } from '@nestjs/common';
import { ReportsRepository } from './reports.repository';
import { StatusHistoryRepository } from './status-history.repository';

/** The repositories that read across reports, for every module (CaseStore is CaseService's own). */
@Global()
@Module({
  providers: [ReportsRepository, StatusHistoryRepository],
  exports: [ReportsRepository, StatusHistoryRepository],
})
export class RepositoriesModule {}
