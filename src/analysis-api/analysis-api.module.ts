import { Module } from '@nestjs/common';
import { CaseGraphModule } from '../case-graph/case-graph.module';
import { HistoryModule } from '../history/history.module';
import { ValidityModule } from '../validity/validity.module';
import { AnalysisResolver } from './analysis.resolver';
import {
  ClaimAnalysisResolver,
  EvidenceAnalysisResolver,
  MitigationAnalysisResolver,
  PathwayAnalysisResolver,
} from './node-analysis.resolvers';
import { ReportAnalysisService } from './report-analysis.service';

/** Loads a report's case, calls src/analysis (cached per report version), maps results to models. */
@Module({
  imports: [CaseGraphModule, HistoryModule, ValidityModule],
  providers: [
    ReportAnalysisService,
    AnalysisResolver,
    PathwayAnalysisResolver,
    ClaimAnalysisResolver,
    MitigationAnalysisResolver,
    EvidenceAnalysisResolver,
  ],
  exports: [ReportAnalysisService],
})
export class AnalysisApiModule {}
