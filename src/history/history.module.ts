import { Module } from '@nestjs/common';
import { HistoryLoaderFactory } from './history.loader';
import { HistoryService } from './history.service';
import {
  EvidenceHistoryResolver,
  MitigationHistoryResolver,
  ReportHistoryResolver,
} from './history.resolvers';

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
