import { Module } from '@nestjs/common';
import { HistoryLoaderFactory } from '../../api/graphql/context/history.loader';
import {
  EvidenceHistoryResolver,
  MitigationHistoryResolver,
  ReportHistoryResolver,
} from '../../api/graphql/resolvers/history.resolvers';

/** The append-only status history: recorded by CaseService, read here. */
@Module({
  providers: [
    HistoryLoaderFactory,
    ReportHistoryResolver,
    MitigationHistoryResolver,
    EvidenceHistoryResolver,
  ],
  exports: [HistoryLoaderFactory],
})
export class HistoryModule {}
