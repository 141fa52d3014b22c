import { AnalysisError } from './graph/analysis-error';
import { compareKeys, isArgument } from './graph/case-graph';
import {
  argumentsByKey,
  collectCone,
  isMarginExact,
  propagateOrders,
  reanalyse,
  recomputeCone,
  resolveAnalysis,
  type AnalysisInput,
  type CaseAnalysis,
} from './cut-sets';
import { smallestSetSize } from './cut-set-family';

/**
 * 'default': SPEC §3.5. 'perEffort': arguments strengthened per unit of cost, descending; a bundle
 * costing 0 that strengthens something ranks above every costed one (ratio +∞), one that
 * strengthens nothing counts as 0; ties fall back to the default order. 'pathwaysFirst': pathways
 * strengthened, then arguments strengthened, both descending, then cost and key ascending.
 */
export type RoadmapOrder = 'default' | 'perEffort' | 'pathwaysFirst';

export interface RoadmapItem {
  /** 1-based position in the ranking. */
  readonly rank: number;
  /** The candidate: a mitigation `planned` or `in_progress`. */
  readonly key: string;
  /** The candidate and every mitigation in its transitive dependsOn not holding now, by key. */
  readonly bundle: readonly string[];
  /** Sum of the bundle's effort, see bundleCost. */
  readonly cost: number;
  /** Bundle members needing work whose effort is not estimated (counted as 0), by key. */
  readonly missingEffort: readonly string[];
  /** Pathways plus claims whose margin rises once the bundle is in place. */
  readonly argumentsStrengthened: number;
  readonly pathwaysStrengthened: readonly string[];
  readonly claimsStrengthened: readonly string[];
  /** Did not hold now and hold once the bundle is in place (margin 0 → ≥ 1), by key. */
  readonly newlyHoldingPathways: readonly string[];
  readonly newlyHoldingClaims: readonly string[];
  /** False when the cut-set size limit made some comparison only a bound. */
  readonly exact: boolean;
}

type CandidateEvaluation = Omit<RoadmapItem, 'rank'>;

interface Evaluation {
  readonly item: CandidateEvaluation;
  /** The bundle and everything above it: what the evaluation read (with their children). */
  readonly cone: readonly number[];
}

/**
 * SPEC §3.5: ranks every candidate by what putting its bundle in place strengthens. Putting the
 * bundle in place sets every member `in_place`, whatever its status now (planned, in_progress,
 * failed, degraded or retired). Deterministic: the key breaks every tie.
 */
export function rankRoadmapItems(
  input: AnalysisInput & { readonly order?: RoadmapOrder },
): RoadmapItem[] {
  const analysis = resolveAnalysis(input);
  const compare = ROADMAP_COMPARATORS[input.order ?? 'default'];
  return candidatesOf(analysis)
    .map((c) => evaluationOf(analysis, c).item)
    .sort(compare)
    .map((item, i) => ({ rank: i + 1, ...item }));
}

export interface RoadmapPlanStep extends CandidateEvaluation {
  /** 1-based; each step is evaluated with all earlier steps' bundles in place. */
  readonly step: number;
  readonly cumulativeCost: number;
  /** Pathways plus claims whose margin is now above where it was before the plan. */
  readonly cumulativeArgumentsStrengthened: number;
}

export interface RoadmapPlan {
  readonly budget: number;
  readonly spent: number;
  readonly steps: readonly RoadmapPlanStep[];
}

/**
 * A greedy plan within `budget`: at each step rank the remaining candidates (with every earlier
 * bundle in place) and take the first that fits the remaining budget and strengthens at least
 * one argument. Stops when none does, so work that only helps in combination with other work is
 * never picked.
 *
 * An evaluation reads only its cone (holding, families, margins) and the cone's children, so
 * after each step only the candidates whose cone touches something that changed are evaluated
 * again; the others keep their evaluation, which is what a fresh one would give.
 */
export function planRoadmap(
  input: AnalysisInput & { readonly budget: number; readonly order?: RoadmapOrder },
): RoadmapPlan {
  const { budget } = input;
  if (!Number.isFinite(budget) || budget < 0) {
    throw new AnalysisError('INVALID_BUDGET', `budget must be a finite number ≥ 0, got ${budget}`);
  }
  const start = resolveAnalysis(input);
  const { graph } = start;
  const compare = ROADMAP_COMPARATORS[input.order ?? 'default'];
  const evaluations = new Map<number, Evaluation>();
  const steps: RoadmapPlanStep[] = [];
  let state = start;
  let spent = 0;
  for (;;) {
    const items = candidatesOf(state).map((c) => {
      let evaluation = evaluations.get(c);
      if (!evaluation) {
        evaluation = evaluationOf(state, c);
        evaluations.set(c, evaluation);
      }
      return evaluation.item;
    });
    const pick = items
      .sort(compare)
      .find((item) => item.argumentsStrengthened > 0 && item.cost <= budget - spent);
    if (!pick) break;
    const next = putInPlace(
      state,
      pick.bundle.map((key) => graph.nodeByKey.get(key)!),
    );
    const dirty = new Uint8Array(graph.size);
    for (let n = 0; n < graph.size; n++) {
      dirty[n] = next.families[n] !== state.families[n] || next.holds[n] !== state.holds[n] ? 1 : 0;
    }
    for (const [c, { cone }] of evaluations) {
      if (cone.some((n) => dirty[n] || graph.children[n].some((child) => dirty[child]))) {
        evaluations.delete(c);
      }
    }
    state = next;
    spent += pick.cost;
    steps.push({
      ...pick,
      step: steps.length + 1,
      cumulativeCost: spent,
      cumulativeArgumentsStrengthened: argumentsByKey(graph).filter(
        (n) => state.margins[n] > start.margins[n],
      ).length,
    });
  }
  return { budget, spent, steps };
}

/** Mitigations `planned` or `in_progress` and not (yet) put in place, ascending. */
export function candidatesOf(analysis: CaseAnalysis): number[] {
  const { graph } = analysis;
  return graph.mitigations.filter((m) => {
    const status = graph.mitigationStatus[m];
    return (status === 'planned' || status === 'in_progress') && analysis.own[m] === 0;
  });
}

/** The candidate and its transitive dependencies that do not hold (a holding one's all hold). */
export function collectBundle(analysis: CaseAnalysis, candidate: number): number[] {
  const { graph, holds } = analysis;
  const bundle = new Set([candidate]);
  const stack = [candidate];
  while (stack.length > 0) {
    for (const dep of graph.children[stack.pop()!]) {
      if (!holds[dep] && !bundle.has(dep)) {
        bundle.add(dep);
        stack.push(dep);
      }
    }
  }
  return [...bundle].sort((a, b) => a - b);
}

/**
 * Cost of a bundle: the effort of the members whose own status is not already good. A member
 * already in place (it is in the bundle only because something it depends on fails) needs no
 * work, so its effort is not counted and it is never reported as missing an estimate.
 */
export function bundleCost(
  analysis: CaseAnalysis,
  bundle: readonly number[],
): { cost: number; missingEffort: number[] } {
  const efforts: number[] = [];
  const missingEffort: number[] = [];
  for (const m of bundle) {
    if (analysis.own[m] === 1) continue;
    const effort = analysis.graph.effort[m];
    if (effort === null) missingEffort.push(m);
    else efforts.push(effort);
  }
  // Summed smallest first, not in the bundle's (key) order: floating-point addition depends on
  // the order, and renaming the members must not change the cost.
  const cost = efforts.sort((a, b) => a - b).reduce((sum, effort) => sum + effort, 0);
  return { cost, missingEffort };
}

/**
 * What putting a candidate's bundle in place strengthens. Margins only rise, so an argument with
 * margin m ≤ maxOrder is strengthened iff it has no cut set of size ≤ m afterwards: each node is
 * recomputed only to the largest such m above it. Margins above maxOrder cannot rise (they count
 * as maxOrder + 1 either way).
 */
function evaluateCandidate(analysis: CaseAnalysis, candidate: number): Evaluation {
  const { graph, maxOrder } = analysis;
  const bundle = collectBundle(analysis, candidate);
  const { cost, missingEffort } = bundleCost(analysis, bundle);
  const seeds = bundle.filter((m) => analysis.own[m] === 0);
  const own = analysis.own.slice();
  for (const m of seeds) own[m] = 1;

  const cone = collectCone({ graph, seeds });
  const orders = propagateOrders({
    graph,
    cone,
    needOf: (n) =>
      isArgument(graph, n) && analysis.margins[n] <= maxOrder ? analysis.margins[n] : -1,
  });
  const { changed } = recomputeCone({ analysis, own, cone, seeds, orderOf: (n) => orders[n] });

  const pathwaysStrengthened: string[] = [];
  const claimsStrengthened: string[] = [];
  const newlyHoldingPathways: string[] = [];
  const newlyHoldingClaims: string[] = [];
  let exact = true;
  for (const n of [...cone].sort((a, b) => a - b)) {
    if (!isArgument(graph, n) || analysis.margins[n] > maxOrder) continue;
    // Built to at least m (its parents may have needed more): strengthened iff no set ≤ m.
    const margin = analysis.margins[n];
    const after = changed.get(n) ?? analysis.families[n];
    exact &&= after.order >= margin && isMarginExact(analysis, n);
    if (smallestSetSize(after) <= margin) continue;
    const isPathway = graph.kinds[n] === 'pathway';
    (isPathway ? pathwaysStrengthened : claimsStrengthened).push(graph.keys[n]);
    if (margin === 0) {
      (isPathway ? newlyHoldingPathways : newlyHoldingClaims).push(graph.keys[n]);
    }
  }
  const keysOf = (nodes: readonly number[]) => nodes.map((n) => graph.keys[n]);
  const item: CandidateEvaluation = {
    key: graph.keys[candidate],
    bundle: keysOf(bundle),
    cost,
    missingEffort: keysOf(missingEffort),
    argumentsStrengthened: pathwaysStrengthened.length + claimsStrengthened.length,
    pathwaysStrengthened,
    claimsStrengthened,
    newlyHoldingPathways,
    newlyHoldingClaims,
    exact,
  };
  return { item, cone };
}

/**
 * Per analysis (which never changes): each candidate's evaluation, and the analysis with each
 * bundle put in place. Rankings in every order share the evaluations, and plans for other
 * budgets or orders share them and the states they pass through as far as they take the same
 * steps: a dashboard asks for several of each per version.
 */
const evaluated = new WeakMap<CaseAnalysis, Map<number, Evaluation>>();
const placed = new WeakMap<CaseAnalysis, Map<string, CaseAnalysis>>();

function evaluationOf(analysis: CaseAnalysis, candidate: number): Evaluation {
  let memo = evaluated.get(analysis);
  if (!memo) evaluated.set(analysis, (memo = new Map<number, Evaluation>()));
  let evaluation = memo.get(candidate);
  if (!evaluation) memo.set(candidate, (evaluation = evaluateCandidate(analysis, candidate)));
  return evaluation;
}

function putInPlace(analysis: CaseAnalysis, bundle: readonly number[]): CaseAnalysis {
  let memo = placed.get(analysis);
  if (!memo) placed.set(analysis, (memo = new Map<string, CaseAnalysis>()));
  const key = bundle.join(',');
  let next = memo.get(key);
  if (!next) {
    const seeds = bundle.filter((m) => analysis.own[m] === 0);
    const own = analysis.own.slice();
    for (const m of seeds) own[m] = 1;
    memo.set(key, (next = reanalyse({ analysis, own, seeds })));
  }
  return next;
}

type Comparator = (a: CandidateEvaluation, b: CandidateEvaluation) => number;

const byDefault: Comparator = (a, b) =>
  b.argumentsStrengthened - a.argumentsStrengthened ||
  b.pathwaysStrengthened.length - a.pathwaysStrengthened.length ||
  a.cost - b.cost ||
  compareKeys(a.key, b.key);

const perUnitCost = (item: CandidateEvaluation): number =>
  item.argumentsStrengthened === 0
    ? 0
    : item.cost === 0
      ? Infinity
      : item.argumentsStrengthened / item.cost;

export const ROADMAP_COMPARATORS: Readonly<Record<RoadmapOrder, Comparator>> = {
  default: byDefault,
  perEffort: (a, b) => {
    const ra = perUnitCost(a);
    const rb = perUnitCost(b);
    return ra !== rb ? (rb > ra ? 1 : -1) : byDefault(a, b);
  },
  pathwaysFirst: (a, b) =>
    b.pathwaysStrengthened.length - a.pathwaysStrengthened.length || byDefault(a, b),
};
