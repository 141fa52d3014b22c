import { Module } from '@nestjs/common';
import { HistoryLoaderFactory } from '../../api/graphql/context/history.loader';
import { HistoryService } from '../../case/history/history.service';
import {
  EvidenceHistoryResolver,
  MitigationHistoryResolver,
  ReportHistoryResolver,
} from '../../api/graphql/resolvers/history.resolvers';

/** The append-only status history: recorded by CaseService, read here. */
@Module({
  providers: [
    HistoryLoaderFactory,
    HistoryService,
    ReportHistoryResolver,
    MitigationHistoryResolver,
    EvidenceHistoryResolver,
  ],
  exports: [HistoryLoaderFactory, HistoryService],
})
export class HistoryModule {}
