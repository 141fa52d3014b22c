import { Global, Module } from '@nestjs/common';
import { DatabaseProbe } from '../database/database-probe';
import { Notifications } from '../database/notifications';
import { Transactions } from '../database/transactions';
import { AccessTokensRepository } from './access-tokens.repository';
import { AlertStatesRepository } from './alert-states.repository';
import { AuditRepository } from './audit.repository';
import { ReportsRepository } from './reports.repository';
import { RequestsRepository } from './requests.repository';
import { ReviewsRepository } from './reviews.repository';
import { StatusHistoryRepository } from './status-history.repository';

/** The repositories, transactions, notifications and the database probe, for every module. */
@Global()
@Module({
  providers: [
    DatabaseProbe,
    Transactions,
    Notifications,
    AccessTokensRepository,
    AlertStatesRepository,
    AuditRepository,
    ReportsRepository,
    RequestsRepository,
    ReviewsRepository,
    StatusHistoryRepository,
  ],
  exports: [
    DatabaseProbe,
    Transactions,
    Notifications,
    AccessTokensRepository,
    AlertStatesRepository,
    AuditRepository,
    ReportsRepository,
    RequestsRepository,
    ReviewsRepository,
    StatusHistoryRepository,
  ],
})
export class RepositoriesModule {}
