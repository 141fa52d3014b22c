import { Module } from '@nestjs/common';
import { HistoryLoaderFactory } from '../../api/graphql/context/history.loader';
import { StatusHistoryRepository } from '../../storage/repositories/status-history.repository';
import {
  EvidenceHistoryResolver,
  MitigationHistoryResolver,
  ReportHistoryResolver,
} from '../../api/graphql/resolvers/history.resolvers';

/** The append-only status history: recorded by CaseService, read here. */
@Module({
  providers: [
    HistoryLoaderFactory,
    StatusHistoryRepository,
    ReportHistoryResolver,
    MitigationHistoryResolver,
    EvidenceHistoryResolver,
  ],
  exports: [HistoryLoaderFactory, StatusHistoryRepository],
})
export class HistoryModule {}
