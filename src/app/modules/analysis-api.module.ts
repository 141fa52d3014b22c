import { Module } from '@nestjs/common';
import { CaseGraphModule } from './case-graph.module';
import { HistoryModule } from './history.module';
import { ValidityModule } from './validity.module';
import { AnalysisResolver } from '../../api/graphql/resolvers/analysis.resolver';
import {
  ClaimProbabilityResolver,
  ImportanceResolver,
  PathwayProbabilityResolver,
} from '../../api/graphql/resolvers/quantitative.resolver';
import {
  ClaimAnalysisResolver,
  EvidenceAnalysisResolver,
  MitigationAnalysisResolver,
  PathwayAnalysisResolver,
  ResponseChainAnalysisResolver,
  ScenarioAnalysisResolver,
} from '../../api/graphql/resolvers/node-analysis.resolvers';
import { ReportAnalysisService } from '../../case/analysis/report-analysis.service';

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
    ScenarioAnalysisResolver,
    ResponseChainAnalysisResolver,
    PathwayProbabilityResolver,
    ClaimProbabilityResolver,
    ImportanceResolver,
  ],
  exports: [ReportAnalysisService],
})
export class AnalysisApiModule {}
