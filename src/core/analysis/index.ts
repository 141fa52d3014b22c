// The analysis core's public API (SPEC §3). Pure TypeScript: no Nest, TypeORM or GraphQL.
export { AnalysisError, type AnalysisErrorCode } from './graph/analysis-error';
export {
  buildAnalysisGraph,
  graphWithStatuses,
  resolveArgument,
  resolveBasicEvents,
} from './graph/case-graph';
export {
  analyseCase,
  analyseGraph,
  analyseSuccessor,
  computeMargins,
  computeMinimalCutSets,
  listCutSets,
  DEFAULT_FAMILY_LIMIT,
  DEFAULT_MAX_ORDER,
  MAX_SUPPORTED_ORDER,
  type AnalysisInput,
  type CaseAnalysis,
} from './cut-sets';
export {
  describeCaseAnalysis,
  formatCaseAnalysis,
  stringifyCaseAnalysis,
  type CaseAnalysisOptions,
  type CaseReportAnalysis,
} from './case-analysis-report';
export {
  computeFailureProbability,
  computeImportance,
  readEventProbabilities,
  type EventImportance,
  type FailureProbability,
} from './engine/quantify';
export {
  buildCutSetFamilies,
  buildFailureDiagrams,
  type CutSetFamilies,
  type FailureDiagrams,
} from './engine/failure-diagrams';
export { listFamilySets, listNodeCutSets } from './engine/minimal-cut-sets';
export { rankRoadmapByRiskReduction, type RiskReductionItem } from './roadmap-risk-reduction';
export { generateLargeCase, type LargeCaseOptions } from './generate-case';
export { evaluateHolding } from './graph/holding';
export {
  computeLoadBearingMap,
  computeLoadBearingMatrix,
  type LoadBearingForArgument,
  type LoadBearingForEvent,
  type LoadBearingMap,
  type LoadBearingMatrix,
} from './load-bearing';
export {
  planRoadmap,
  rankRoadmapItems,
  type RoadmapItem,
  type RoadmapOrder,
  type RoadmapPlan,
  type RoadmapPlanStep,
} from './roadmap';
export type {
  AnalysisGraph,
  ArgumentKind,
  BasicEventKind,
  GraphNodeKind,
  MarginChange,
  NodeCutSets,
  NodeMargin,
} from './graph/types';
export { computeFailureImpact, type FailureImpact } from './what-breaks';
export {
  computeScenarioReports,
  resolveLatencies,
  type LatencyOverride,
  type ScenarioChainReport,
  type ScenarioReport,
} from './scenarios';
export { quantifyReport, type ReportQuantification } from './quantify-report';
