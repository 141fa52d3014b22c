import type { Case } from '../case-model/case';
import { AnalysisError } from './graph/analysis-error';
import { buildAnalysisGraph, resolveArgument, resolveBasicEvents } from './graph/case-graph';
import {
  createFamilyContext,
  failsNowFamily,
  familiesEqual,
  neverFailsFamily,
  singletonFamily,
  smallestSetSize,
  thresholdFamilies,
  truncateFamily,
  unionFamilies,
  type FamilyContext,
} from './cut-set-family';
import { computeHolds, holdsNode, readOwnStatus, requiredCount } from './graph/holding';
import {
  buildCutSetFamilies,
  extendCutSetFamilies,
  type CutSetFamilies,
} from './engine/failure-diagrams';
import { listFamilySets } from './engine/minimal-cut-sets';
import type { AnalysisGraph, CutSet, Family, NodeCutSets, NodeMargin } from './graph/types';

export const DEFAULT_MAX_ORDER = 4;
export const MAX_SUPPORTED_ORDER = 8;
/**
 * See FamilyContext.limit. The bench case (generateLargeCase at its documented size) never
 * reaches it at order 3; at order 4 it cuts a few pathways' families to order 3.
 */
export const DEFAULT_FAMILY_LIMIT = 200_000;

/**
 * Everything the analyses need about one state of a case, computed once and reused: holding,
 * minimal cut sets and margins. Treat as immutable.
 *
 * Families are built only as deep as margins need (iterative deepening): every node to order 1,
 * then each pathway or claim with no cut set yet, with everything below it, one order deeper, up
 * to maxOrder. So each family is complete to at least min(margin, maxOrder) and to at least its
 * parents' order, which is all that margins, load-bearing, what-breaks and the roadmap read.
 * Listing cut sets uses the ZBDD engine instead (cutSetFamiliesOf), which is complete to
 * maxOrder with no size limit.
 */
export interface CaseAnalysis {
  readonly graph: AnalysisGraph;
  readonly maxOrder: number;
  readonly context: FamilyContext;
  /** Own status per node (see readOwnStatus), after any what-if changes. */
  readonly own: Uint8Array;
  readonly holds: Uint8Array;
  /** Minimal cut sets of each node's failure over the basic events that hold in this state. */
  readonly families: readonly Family[];
  /** The order each family was built to; a lower `family.order` means the size limit cut it. */
  readonly requested: Uint8Array;
  /** Smallest cut set size per node, maxOrder + 1 for "more than maxOrder". */
  readonly margins: Uint8Array;
  /** Keys of the nodes whose cut sets the size limit cut, ascending. */
  readonly truncated: readonly string[];
}

export type AnalysisInput =
  | { readonly analysis: CaseAnalysis }
  | { readonly graph: AnalysisGraph; readonly maxOrder?: number; readonly familyLimit?: number };

export function resolveAnalysis(input: AnalysisInput): CaseAnalysis {
  if ('analysis' in input) return input.analysis;
  // Pick the options: callers' inputs carry other fields (a what-if `failed` must not leak in).
  const { graph, maxOrder, familyLimit } = input;
  return analyseGraph({ graph, maxOrder, familyLimit });
}

/** Analyses a graph, optionally with some mitigations and evidence failed first. */
export function analyseGraph({
  graph,
  maxOrder = DEFAULT_MAX_ORDER,
  familyLimit = DEFAULT_FAMILY_LIMIT,
  failed = [],
}: {
  readonly graph: AnalysisGraph;
  readonly maxOrder?: number;
  readonly familyLimit?: number;
  readonly failed?: readonly string[];
}): CaseAnalysis {
  if (!Number.isInteger(maxOrder) || maxOrder < 1 || maxOrder > MAX_SUPPORTED_ORDER) {
    throw new AnalysisError(
      'INVALID_MAX_ORDER',
      `maxOrder must be an integer from 1 to ${MAX_SUPPORTED_ORDER}, got ${maxOrder}`,
    );
  }
  if (!Number.isInteger(familyLimit) || familyLimit < 1) {
    throw new AnalysisError(
      'INVALID_LIMIT',
      `familyLimit must be a positive integer, got ${familyLimit}`,
    );
  }
  const context = createFamilyContext({ maxOrder, limit: familyLimit });
  const own = readOwnStatus({ graph });
  for (const n of resolveBasicEvents({ graph, keys: failed })) own[n] = 0;
  const state: FamilyState = {
    graph,
    context,
    holds: computeHolds({ graph, own }),
    families: new Array<Family>(graph.size),
    requested: new Uint8Array(graph.size),
  };
  buildFamilies(state, graph.topoOrder, 1);
  deepenFamilies(state, maxOrder, graph.topoOrder);
  return assembleAnalysis({ ...state, maxOrder, own });
}

export function analyseCase({
  case: c,
  maxOrder,
  familyLimit,
}: {
  readonly case: Case;
  readonly maxOrder?: number;
  readonly familyLimit?: number;
}): CaseAnalysis {
  return analyseGraph({ graph: buildAnalysisGraph({ case: c }), maxOrder, familyLimit });
}

/**
 * The same analysis after changing some own statuses (failing or putting in place), recomputing
 * only the nodes above the changed ones (and deepening below them where margins grew).
 */
export function reanalyse({
  analysis,
  own,
  seeds,
}: {
  readonly analysis: CaseAnalysis;
  readonly own: Uint8Array;
  readonly seeds: readonly number[];
}): CaseAnalysis {
  const { graph, context } = analysis;
  const cone = collectCone({ graph, seeds });
  const { holds, changed } = recomputeCone({
    analysis,
    own,
    cone,
    seeds,
    orderOf: (n) => analysis.requested[n],
  });
  const state: FamilyState = {
    graph,
    context,
    holds,
    families: analysis.families.map((f, n) => changed.get(n) ?? f),
    requested: analysis.requested.slice(),
  };
  deepenFamilies(state, analysis.maxOrder, cone);
  return assembleAnalysis({ ...state, maxOrder: analysis.maxOrder, own });
}

/**
 * The analysis of `graph` to `maxOrder`, equal to analyseGraph's, reusing `previous` (of an
 * earlier state of the same case) when the two differ only in statuses and effort, as after a
 * status change: then only the nodes above those whose own status changed are recomputed
 * (reanalyse), a small part of the work. Otherwise it analyses from scratch.
 */
export function analyseSuccessor({
  previous,
  graph,
  maxOrder = DEFAULT_MAX_ORDER,
}: {
  readonly previous: CaseAnalysis;
  readonly graph: AnalysisGraph;
  readonly maxOrder?: number;
}): CaseAnalysis {
  // A family the size limit cut short is not complete to its order, which reanalyse relies on.
  if (
    previous.maxOrder !== maxOrder ||
    previous.context.limit !== DEFAULT_FAMILY_LIMIT ||
    previous.truncated.length > 0 ||
    !sameStructure(previous.graph, graph)
  ) {
    return analyseGraph({ graph, maxOrder });
  }
  const own = readOwnStatus({ graph });
  const seeds = graph.topoOrder.filter((n) => own[n] !== previous.own[n]);
  // The new graph carries the new statuses and effort; families only depend on `own`.
  const start = { ...previous, graph };
  return seeds.length === 0 ? start : reanalyse({ analysis: start, own, seeds });
}

/** Whether two graphs have the same nodes, links and requirements (statuses aside). */
function sameStructure(a: AnalysisGraph, b: AnalysisGraph): boolean {
  if (a === b) return true;
  // graphWithStatuses shares the structure.
  if (a.children === b.children && a.requires === b.requires && a.assumed === b.assumed) {
    return true;
  }
  if (a.size !== b.size) return false;
  for (let n = 0; n < a.size; n++) {
    const ra = a.requires[n];
    const rb = b.requires[n];
    if (
      a.keys[n] !== b.keys[n] ||
      a.kinds[n] !== b.kinds[n] ||
      a.assumed[n] !== b.assumed[n] ||
      ra?.mode !== rb?.mode ||
      (ra?.mode === 'atLeast' && rb?.mode === 'atLeast' && ra.atLeast !== rb.atLeast) ||
      !sameNumbers(a.children[n], b.children[n])
    ) {
      return false;
    }
  }
  return true;
}

const sameNumbers = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Families under construction, with the order each was built to. */
interface FamilyState {
  readonly graph: AnalysisGraph;
  readonly context: FamilyContext;
  readonly holds: Uint8Array;
  readonly families: Family[];
  readonly requested: Uint8Array;
}

/** Builds `nodes` (children first, closed downwards) to `order` where they are shallower. */
function buildFamilies(state: FamilyState, nodes: readonly number[], order: number): void {
  const { families, requested } = state;
  const familyOf = (n: number) => families[n];
  for (const node of nodes) {
    if (requested[node] >= order) continue;
    families[node] = computeNodeFamily({ ...state, node, order, familyOf });
    requested[node] = order;
  }
}

/**
 * Iterative deepening: each pathway or claim among `candidates` with no cut set up to the order
 * it was built to (and not cut by the limit) is rebuilt one order deeper, with everything below
 * it, until maxOrder. Nodes that found a cut set keep their (shallower) family.
 */
function deepenFamilies(state: FamilyState, maxOrder: number, candidates: readonly number[]): void {
  const { families, requested } = state;
  for (let order = 2; order <= maxOrder; order++) {
    const roots = candidates.filter(
      (n) =>
        families[n].sets.length === 0 &&
        requested[n] === order - 1 &&
        families[n].order === order - 1,
    );
    if (roots.length === 0) continue;
    buildFamilies(state, collectDescendants({ graph: state.graph, roots }), order);
  }
}

/**
 * Recomputes holding and cut sets over `cone` (collectCone of `seeds`, the nodes whose own status
 * differs from `analysis`), each node to its own order: `orderOf(node)`, -1 to skip its cut sets.
 * A node's order must not exceed its children's. Returns the families that changed at their
 * order; a node whose recomputed family equals its old one stops the change from spreading.
 */
export function recomputeCone({
  analysis,
  own,
  cone,
  seeds,
  orderOf,
}: {
  readonly analysis: CaseAnalysis;
  readonly own: Uint8Array;
  readonly cone: readonly number[];
  readonly seeds: readonly number[];
  readonly orderOf: (node: number) => number;
}): { holds: Uint8Array; changed: Map<number, Family> } {
  const { graph, context } = analysis;
  const holds = analysis.holds.slice();
  for (const n of cone) holds[n] = holdsNode(graph, n, own, holds) ? 1 : 0;

  const changed = new Map<number, Family>();
  const seedSet = new Set(seeds);
  const familyOf = (n: number) => changed.get(n) ?? analysis.families[n];
  for (const node of cone) {
    const order = orderOf(node);
    if (order < 0) continue;
    // Holding cannot change without a seed or a child's family changing ({∅} or not).
    const stale = seedSet.has(node) || graph.children[node].some((c) => changed.has(c));
    if (!stale) continue;
    const family = computeNodeFamily({ graph, context, holds, node, order, familyOf });
    if (!familiesEqual(family, truncateFamily(analysis.families[node], order), context)) {
      changed.set(node, family);
    }
  }
  return { holds, changed };
}

/**
 * Orders for recomputeCone when only some nodes' cut sets matter: each node gets the largest of
 * what it needs itself (`needOf`, -1 for nothing) and what its parents need, since a family of
 * order k is built from its children's families of order k.
 */
export function propagateOrders({
  graph,
  cone,
  needOf,
}: {
  readonly graph: AnalysisGraph;
  readonly cone: readonly number[];
  readonly needOf: (node: number) => number;
}): Int8Array {
  const orders = new Int8Array(graph.size).fill(-1);
  for (let i = cone.length - 1; i >= 0; i--) {
    const n = cone[i];
    let order = needOf(n);
    // A cone is closed upwards, so every parent is already done.
    for (const p of graph.parents[n]) order = Math.max(order, orders[p]);
    orders[n] = order;
  }
  return orders;
}

/** The seeds and every node above them, children before parents. */
export function collectCone({
  graph,
  seeds,
}: {
  readonly graph: AnalysisGraph;
  readonly seeds: readonly number[];
}): number[] {
  const inCone = new Uint8Array(graph.size);
  const stack = [...seeds];
  for (const s of seeds) inCone[s] = 1;
  while (stack.length > 0) {
    for (const p of graph.parents[stack.pop()!]) {
      if (!inCone[p]) {
        inCone[p] = 1;
        stack.push(p);
      }
    }
  }
  return graph.topoOrder.filter((n) => inCone[n] === 1);
}

/** The roots and every node below them, children before parents. */
function collectDescendants({
  graph,
  roots,
}: {
  readonly graph: AnalysisGraph;
  readonly roots: readonly number[];
}): number[] {
  const below = new Uint8Array(graph.size);
  const stack = [...roots];
  for (const r of roots) below[r] = 1;
  while (stack.length > 0) {
    for (const c of graph.children[stack.pop()!]) {
      if (!below[c]) {
        below[c] = 1;
        stack.push(c);
      }
    }
  }
  return graph.topoOrder.filter((n) => below[n] === 1);
}

/**
 * The minimal cut sets of one node from its children's: a node that does not hold fails now
 * ({∅}); a holding mitigation fails with its own event or any dependency; a holding pathway or
 * claim fails once n − K + 1 of its n supports fail, where K supports must hold (all: 1 failing
 * support, any: n, atLeast K: n − K + 1). Supports that fail now ({∅}) already count toward that.
 */
function computeNodeFamily({
  graph,
  context,
  holds,
  node,
  order,
  familyOf,
}: {
  readonly graph: AnalysisGraph;
  readonly context: FamilyContext;
  readonly holds: Uint8Array;
  readonly node: number;
  readonly order: number;
  readonly familyOf: (node: number) => Family;
}): Family {
  if (!holds[node]) return failsNowFamily(order);
  const children = graph.children[node];
  switch (graph.kinds[node]) {
    case 'evidence':
      return singletonFamily(graph.eventOfNode[node], order);
    case 'mitigation':
      return unionFamilies(
        [singletonFamily(graph.eventOfNode[node], order), ...children.map(familyOf)],
        order,
        context,
      );
    // A chain that holds is fast enough: it fails once one of its steps' mitigations fails.
    case 'pathway':
    case 'claim':
    case 'scenario':
    case 'chain': {
      // It holds, so with no supports it is an assumed claim, which nothing can fail.
      if (children.length === 0) return neverFailsFamily(order);
      const needed = children.length - requiredCount(graph, node) + 1;
      return thresholdFamilies(children.map(familyOf), needed, order, context);
    }
  }
}

function assembleAnalysis({
  graph,
  maxOrder,
  context,
  own,
  holds,
  families,
  requested,
}: Omit<CaseAnalysis, 'margins' | 'truncated'>): CaseAnalysis {
  const margins = new Uint8Array(graph.size);
  const truncated: string[] = [];
  families.forEach((family, n) => {
    margins[n] = Math.min(smallestSetSize(family), maxOrder + 1);
    if (family.order < requested[n]) truncated.push(graph.keys[n]);
  });
  return { graph, maxOrder, context, own, holds, families, requested, margins, truncated };
}

/** Whether a node's margin is known exactly (or known to exceed maxOrder). */
export const isMarginExact = (analysis: CaseAnalysis, node: number): boolean =>
  analysis.families[node].sets.length > 0 || analysis.families[node].order >= analysis.maxOrder;

/** A margin for output: null when more than maxOrder (or, if not exact, more than known). */
export function publicMargin(analysis: CaseAnalysis, node: number): number | null {
  const margin = analysis.margins[node];
  return margin > analysis.maxOrder || !isMarginExact(analysis, node) ? null : margin;
}

/** Margin (SPEC §3.2) of every pathway and claim, by key. */
export function computeMargins(input: AnalysisInput): NodeMargin[] {
  const analysis = resolveAnalysis(input);
  const { graph } = analysis;
  return argumentsByKey(graph).map((n) => ({
    key: graph.keys[n],
    kind: graph.kinds[n] === 'pathway' ? 'pathway' : 'claim',
    holds: analysis.holds[n] === 1,
    margin: nodeMargin(analysis, n),
    // Where the family size limit cut the family, the BDD gives the margin exactly.
    exact: true,
  }));
}

/** A node's margin for output, exact even where the family size limit cut its family. */
export const nodeMargin = (analysis: CaseAnalysis, node: number): number | null =>
  isMarginExact(analysis, node) ? publicMargin(analysis, node) : exactMargin(analysis, node);

/** A margin from the ZBDD families (for a holding node): null when more than maxOrder. */
function exactMargin(analysis: CaseAnalysis, node: number): number | null {
  const families = cutSetFamiliesOf(analysis, [node]);
  return families.zbdd.smallestSetSize(families.family[node]);
}

/**
 * Minimal cut sets, up to maxOrder, of every pathway and claim (by key), over the mitigations and
 * evidence that hold now; optionally after failing some first. Exact (BDD and ZBDD): complete to
 * maxOrder.
 */
export function computeMinimalCutSets(
  input: AnalysisInput & { readonly failed?: readonly string[] },
): NodeCutSets[] {
  const analysis = withFailures(resolveAnalysis(input), input.failed ?? []);
  return argumentsByKey(analysis.graph).map((n) => describeCutSets(analysis, n));
}

/** Minimal cut sets of one pathway or claim; throws on an unknown key or another kind of node. */
export function listCutSets(input: AnalysisInput & { readonly key: string }): NodeCutSets {
  const analysis = resolveAnalysis(input);
  return describeCutSets(analysis, resolveArgument({ graph: analysis.graph, key: input.key }));
}

const familiesOfAnalysis = new WeakMap<CaseAnalysis, CutSetFamilies>();

/**
 * Minimal cut sets up to maxOrder as ZBDDs, with those of `nodes` (and below) built: per
 * analysis, built as asked for and kept, so later questions reuse the work.
 */
export function cutSetFamiliesOf(analysis: CaseAnalysis, nodes: readonly number[]): CutSetFamilies {
  let families = familiesOfAnalysis.get(analysis);
  if (!families) {
    const { graph, own, maxOrder } = analysis;
    families = buildCutSetFamilies({ graph, own, maxOrder, roots: nodes });
    familiesOfAnalysis.set(analysis, families);
  } else {
    extendCutSetFamilies(families, nodes);
  }
  return families;
}

function withFailures(analysis: CaseAnalysis, failed: readonly string[]): CaseAnalysis {
  const seeds = resolveBasicEvents({ graph: analysis.graph, keys: failed }).filter(
    (n) => analysis.own[n] === 1,
  );
  if (seeds.length === 0) return analysis;
  const own = analysis.own.slice();
  for (const n of seeds) own[n] = 0;
  return reanalyse({ analysis, own, seeds });
}

const familySets = <T>(families: CutSetFamilies, node: number, toItem: (event: number) => T) =>
  listFamilySets({ ...families, family: families.family[node], toItem });

function describeCutSets(analysis: CaseAnalysis, node: number): NodeCutSets {
  const { graph, maxOrder } = analysis;
  const toKey = (event: number) => graph.keys[graph.nodeOfEvent[event]];
  return {
    key: graph.keys[node],
    kind: graph.kinds[node] === 'pathway' ? 'pathway' : 'claim',
    cutSets: familySets(cutSetFamiliesOf(analysis, [node]), node, toKey),
    completeToOrder: maxOrder,
  };
}

/** By size, then lexicographically. */
export function compareCutSets(a: CutSet, b: CutSet): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Pathways and claims, ascending node number (= key order). */
export const argumentsByKey = (graph: AnalysisGraph): number[] =>
  [...graph.pathways, ...graph.claims].sort((a, b) => a - b);
