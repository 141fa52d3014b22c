import { compareKeys } from './graph/case-graph';
import { resolveAnalysis, type AnalysisInput } from './cut-sets';
import { buildFailureDiagrams } from './engine/failure-diagrams';
import { readEventProbabilities } from './engine/quantify';
import { bundleCost, candidatesOf, collectBundle } from './roadmap';

/** Relative rounding of a sum of pathway probabilities computed two ways. */
const ROUNDING = 1e-12;

/** One candidate under roadmap order RISK_REDUCTION (SPEC §3.6). */
export interface RiskReductionItem {
  /** 1-based position in the ranking. */
  readonly rank: number;
  readonly key: string;
  /** The candidate and its transitive dependsOn not holding now, by key (as in rankRoadmapItems). */
  readonly bundle: readonly string[];
  readonly cost: number;
  readonly missingEffort: readonly string[];
  /** Σ over pathways of P(pathway) now, minus the same with the bundle in place. */
  readonly riskReduction: number;
  /** riskReduction per unit of cost: +∞ for a free bundle that reduces risk, 0 if it reduces none. */
  readonly riskReductionPerCost: number;
}

/**
 * SPEC §3.6 roadmap order RISK_REDUCTION: candidates by the fall in Σ P(pathway) once their
 * bundle is in place (a planned mitigation then fails with its own `probability`), per unit of
 * cost, descending; then the fall itself descending, then key. Events without a probability take
 * `defaultProbability` (listed in `defaultProbabilityUsedBy`), or the ranking fails naming them.
 */
export function rankRoadmapByRiskReduction(
  input: AnalysisInput & { readonly defaultProbability?: number },
): { items: RiskReductionItem[]; defaultProbabilityUsedBy: string[] } {
  const analysis = resolveAnalysis(input);
  const { graph } = analysis;
  const candidates = candidatesOf(analysis);
  const bundles = new Map(candidates.map((c) => [c, collectBundle(analysis, c)]));
  // Every event that can fail (own status good now, or put in place by a bundle) needs one.
  const needed = analysis.own.slice();
  for (const bundle of bundles.values()) for (const m of bundle) needed[m] = 1;
  const { probabilities, defaulted } = readEventProbabilities({
    graph,
    holds: needed,
    probabilityOf: (n) => graph.probability[n] ?? undefined,
    defaultProbability: input.defaultProbability,
  });

  const totalRisk = (own: Uint8Array): number => {
    // Events whose own status fails are constants in the diagrams; the others are variables.
    const diagrams = buildFailureDiagrams({ graph, own });
    const byLevel = Float64Array.from(diagrams.eventOfLevel, (event) => probabilities[event]);
    return graph.pathways.reduce(
      (sum, p) => sum + diagrams.bdd.probability(diagrams.failure[p], byLevel),
      0,
    );
  };
  const before = totalRisk(analysis.own);
  const items = candidates.map((candidate) => {
    const bundle = bundles.get(candidate)!;
    const { cost, missingEffort } = bundleCost(analysis, bundle);
    const own = analysis.own.slice();
    for (const m of bundle) own[m] = 1;
    // Putting controls in place never raises the risk of a coherent tree, and a fall within
    // rounding of the total is none: noise must not rank a free bundle first (ratio +∞).
    const fall = before - totalRisk(own);
    const riskReduction = fall > ROUNDING * before ? fall : 0;
    const keysOf = (nodes: readonly number[]) => nodes.map((n) => graph.keys[n]);
    return {
      key: graph.keys[candidate],
      bundle: keysOf(bundle),
      cost,
      missingEffort: keysOf(missingEffort),
      riskReduction,
      riskReductionPerCost: riskReduction === 0 ? 0 : cost === 0 ? Infinity : riskReduction / cost,
    };
  });
  items.sort(
    (a, b) =>
      b.riskReductionPerCost - a.riskReductionPerCost ||
      b.riskReduction - a.riskReduction ||
      compareKeys(a.key, b.key),
  );
  return {
    items: items.map((item, i) => ({ rank: i + 1, ...item })),
    defaultProbabilityUsedBy: defaulted,
  };
}
