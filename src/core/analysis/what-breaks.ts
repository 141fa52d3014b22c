import { isArgument, resolveBasicEvents } from './graph/case-graph';
import {
  collectCone,
  isMarginExact,
  propagateOrders,
  publicMargin,
  recomputeCone,
  resolveAnalysis,
  type AnalysisInput,
} from './cut-sets';
import { smallestSetSize } from './cut-set-family';
import type { MarginChange } from './graph/types';
import { resolveLatencies, retimeChains, type LatencyOverride } from './scenarios';

export interface FailureImpact {
  /** The keys asked about, without duplicates, by key. */
  readonly failed: readonly string[];
  /** Mitigations that held and fail as a consequence (not among `failed`), by key. */
  readonly alsoFailed: readonly string[];
  /** Held before and not after (after = 0), by key. */
  readonly brokenPathways: readonly MarginChange[];
  readonly brokenClaims: readonly MarginChange[];
  /** Scenarios (SPEC §8) that held before and not after, by key. */
  readonly brokenScenarios: readonly string[];
  /** Pathways and claims still holding with a smaller margin, by key. */
  readonly weakened: readonly MarginChange[];
  /** False when the cut-set size limit made some margin only a bound (see CaseAnalysis.truncated). */
  readonly exact: boolean;
}

/**
 * SPEC §3.4: fails the given mitigations and evidence (and, transitively, every mitigation that
 * depends on one), and reports what broke and what weakened. Margins above maxOrder compare as
 * maxOrder + 1. `latencies` (SPEC §8) re-time the response steps of some mitigations in the state
 * after, so chains may become too slow (or fast enough again).
 *
 * Only the cone above the failed items is recomputed, and each node only to the order that can
 * still matter: after ≤ before, so an argument with margin m needs cut sets up to m − 1 to tell
 * whether (and to what) its margin dropped.
 */
export function computeFailureImpact(
  input: AnalysisInput & {
    readonly failed: readonly string[];
    readonly latencies?: readonly LatencyOverride[];
  },
): FailureImpact {
  const analysis = resolveAnalysis(input);
  const { graph, maxOrder } = analysis;
  const failedNodes = resolveBasicEvents({ graph, keys: input.failed });
  const latencies = resolveLatencies({ graph, latencies: input.latencies ?? [] });
  const own = analysis.own.slice();
  const seeds = failedNodes.filter((n) => analysis.own[n] === 1);
  for (const n of seeds) own[n] = 0;
  // A chain made fast enough can only raise margins, which the orders below never miss.
  seeds.push(...retimeChains({ graph, own, latencies }));

  const cone = collectCone({ graph, seeds });
  const orders = propagateOrders({
    graph,
    cone,
    needOf: (n) => (isArgument(graph, n) ? Math.min(analysis.margins[n], maxOrder + 1) - 1 : -1),
  });
  const { holds, changed } = recomputeCone({
    analysis,
    own,
    cone,
    seeds,
    orderOf: (n) => orders[n],
  });

  const given = new Set(failedNodes);
  const alsoFailed = cone
    .filter(
      (n) =>
        graph.kinds[n] === 'mitigation' &&
        !given.has(n) &&
        analysis.holds[n] === 1 &&
        holds[n] === 0,
    )
    .sort((a, b) => a - b)
    .map((n) => graph.keys[n]);

  const brokenScenarios = cone
    .filter((n) => graph.kinds[n] === 'scenario' && analysis.holds[n] === 1 && holds[n] === 0)
    .sort((a, b) => a - b)
    .map((n) => graph.keys[n]);

  const brokenPathways: MarginChange[] = [];
  const brokenClaims: MarginChange[] = [];
  const weakened: MarginChange[] = [];
  for (const n of [...cone].sort((a, b) => a - b)) {
    if (!isArgument(graph, n) || analysis.holds[n] === 0) continue;
    const kind = graph.kinds[n] === 'pathway' ? 'pathway' : 'claim';
    const before = publicMargin(analysis, n);
    if (holds[n] === 0) {
      (kind === 'pathway' ? brokenPathways : brokenClaims).push({
        key: graph.keys[n],
        kind,
        before,
        after: 0,
      });
      continue;
    }
    // Rebuilt to at least m − 1 (its parents may have needed more): a set smaller than m is
    // the new margin.
    const after = smallestSetSize(changed.get(n) ?? analysis.families[n]);
    if (after < analysis.margins[n]) weakened.push({ key: graph.keys[n], kind, before, after });
  }

  const exact = cone.every(
    (n) =>
      (changed.get(n) ?? analysis.families[n]).order >= orders[n] &&
      (!isArgument(graph, n) || isMarginExact(analysis, n)),
  );
  return {
    failed: failedNodes.map((n) => graph.keys[n]),
    alsoFailed,
    brokenPathways,
    brokenClaims,
    brokenScenarios,
    weakened,
    exact,
  };
}
