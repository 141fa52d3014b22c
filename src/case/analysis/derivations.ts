import {
  computeFailureImpact,
  computeLoadBearingMatrix,
  listCutSets,
  planRoadmap,
  quantifyReport,
  rankRoadmapByRiskReduction,
  rankRoadmapItems,
  type LatencyOverride,
  type RoadmapOrder,
} from '../../core/analysis';
import { diffCases } from '../../core/iteration/diff-reports';
import { assessReadiness } from '../../core/iteration/readiness';
import type { Derivation, ReportAnalysis } from './report-analysis.service';

/*
 * What the queries derive from one report analysis, each kept with the analysis by
 * ReportAnalysis.derive: the dashboards ask for the same roadmap, matrix or what-if again and
 * again while a version stands.
 */

/** SPEC §3.4: what fails with `failed`, the response steps re-timed by `latencies` (§8). */
export const WHAT_BREAKS: Derivation<
  { readonly failed: readonly string[]; readonly latencies: readonly LatencyOverride[] },
  ReturnType<typeof computeFailureImpact>
> = {
  keyOf: ({ failed, latencies }) => JSON.stringify([failed, latencies]),
  compute: (a, { failed, latencies }) =>
    computeFailureImpact({ analysis: a.analysis, failed, latencies }),
};

/** SPEC §3.5: the roadmap in one of the orders that need no probabilities. */
export const ROADMAP: Derivation<RoadmapOrder, ReturnType<typeof rankRoadmapItems>> = {
  keyOf: (order) => order,
  compute: (a, order) => rankRoadmapItems({ analysis: a.analysis, order }),
};

/** SPEC §3.6 RISK_REDUCTION, with a default probability (or none) for events without one. */
export const ROADMAP_BY_RISK: Derivation<
  number | undefined,
  ReturnType<typeof rankRoadmapByRiskReduction>
> = {
  keyOf: (defaultProbability) => defaultProbability ?? '',
  compute: (a, defaultProbability) =>
    rankRoadmapByRiskReduction({ analysis: a.analysis, defaultProbability }),
};

export const PLAN: Derivation<
  { readonly order: RoadmapOrder; readonly budget: number },
  ReturnType<typeof planRoadmap>
> = {
  keyOf: ({ order, budget }) => `${order}:${budget}`,
  compute: (a, { order, budget }) => planRoadmap({ analysis: a.analysis, budget, order }),
};

/** One pathway's or claim's minimal cut sets, by its key. */
export const CUT_SETS: Derivation<string, ReturnType<typeof listCutSets>> = {
  keyOf: (key) => key,
  compute: (a, key) => listCutSets({ analysis: a.analysis, key }),
};

export const LOAD_BEARING_MATRIX: Derivation<null, ReturnType<typeof computeLoadBearingMatrix>> = {
  keyOf: () => '',
  compute: (a) => computeLoadBearingMatrix({ analysis: a.analysis }),
};

/** SPEC §3.6, with a default probability (or none) for events without one. */
export const QUANTIFICATION: Derivation<number | undefined, ReturnType<typeof quantifyReport>> = {
  keyOf: (defaultProbability) => defaultProbability ?? '',
  compute: (a, defaultProbability) =>
    quantifyReport({
      graph: a.analysis.graph,
      maxOrder: a.analysis.maxOrder,
      defaultProbability,
    }),
};

/**
 * SPEC §6: what changed to this analysis's case from that of `before`, another report's current
 * analysis (the key names its report and version only, not an AnalysisView).
 */
export const DIFF_FROM: Derivation<ReportAnalysis, ReturnType<typeof diffCases>> = {
  keyOf: (before) => `${before.reportId}:v${before.version}`,
  compute: (a, before) => diffCases(before.case, a.case, { maxOrder: a.analysis.maxOrder }),
};

/** SPEC §6: what stands between the report and one that holds. */
export const READINESS: Derivation<null, ReturnType<typeof assessReadiness>> = {
  keyOf: () => '',
  compute: (a) => assessReadiness(a.case, { maxOrder: a.analysis.maxOrder }),
};
