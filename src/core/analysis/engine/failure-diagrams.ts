import { requiredCount } from '../graph/holding';
import type { AnalysisGraph } from '../graph/types';
import { Bdd } from './bdd';
import { ONE, ZERO } from './node-store';
import { Zbdd } from './zbdd';

/**
 * The failure of every node of a case as a BDD over the basic events that hold now, and the
 * ZBDDs of its minimal cut sets on demand. Events that fail now are the constant true, so cut sets
 * (and probabilities) are over the events that hold, as SPEC §3.2 and §3.6 ask.
 */
export interface FailureDiagrams {
  readonly graph: AnalysisGraph;
  readonly bdd: Bdd;
  readonly zbdd: Zbdd;
  /** BDD of "node does not hold", per node. */
  readonly failure: Int32Array;
  /** BDD level of each event number; -1 for events that fail now. */
  readonly levelOfEvent: Int32Array;
  /** Event number at each BDD level. */
  readonly eventOfLevel: Int32Array;
}

/**
 * Builds the diagrams for one state (`own`: own status per node, 1 holding, as readOwnStatus).
 * Variables are ordered by a depth-first walk from the pathways, so events that meet in a gate
 * sit near each other, which keeps the BDD small on real fault trees.
 */
export function buildFailureDiagrams({
  graph,
  own,
  roots,
  nodeBudget,
}: {
  readonly graph: AnalysisGraph;
  readonly own: Uint8Array;
  /** Build only these nodes and what they rest on (default: every node). */
  readonly roots?: readonly number[];
  readonly nodeBudget?: number;
}): FailureDiagrams {
  const nodes = roots ? collectBelow(graph, roots) : graph.topoOrder;
  const { levelOfEvent, eventOfLevel } = orderVariables(
    graph,
    own,
    roots ?? graph.pathways,
    !roots,
  );
  const bdd = new Bdd(eventOfLevel.length, nodeBudget);
  // Nodes outside `roots`' cone keep ZERO and must not be read.
  const failure = new Int32Array(graph.size);
  for (const node of nodes) {
    failure[node] = failureOf(graph, own, node, bdd, failure, levelOfEvent);
  }
  return {
    graph,
    bdd,
    zbdd: new Zbdd(bdd.variableCount, nodeBudget),
    failure,
    levelOfEvent,
    eventOfLevel,
  };
}

/**
 * The minimal cut sets up to `maxOrder` of every node (or of `roots` and what they rest on) as
 * ZBDDs built bottom-up, as SCRAM's ZBDD mode and XFTA do: each gate's family from its
 * children's with truncated products and minimal unions, never building the BDD. Far smaller
 * than the BDD when the tree shares a lot and few cut sets are short.
 */
export interface CutSetFamilies {
  readonly graph: AnalysisGraph;
  readonly own: Uint8Array;
  readonly zbdd: Zbdd;
  readonly maxOrder: number;
  /** ZBDD of each node's minimal cut sets (ONE, {∅}, when it fails now); -1 until built. */
  readonly family: Int32Array;
  readonly levelOfEvent: Int32Array;
  readonly eventOfLevel: Int32Array;
}

/** Not built yet (see extendCutSetFamilies). */
const UNBUILT = -1;

/**
 * The families of `roots` and what they rest on (default: every node). More can be added later
 * with extendCutSetFamilies, reusing what is built: the variable order then covers every node.
 */
export function buildCutSetFamilies({
  graph,
  own,
  maxOrder,
  roots,
  nodeBudget,
}: {
  readonly graph: AnalysisGraph;
  readonly own: Uint8Array;
  readonly maxOrder: number;
  readonly roots?: readonly number[];
  readonly nodeBudget?: number;
}): CutSetFamilies {
  const { levelOfEvent, eventOfLevel } = orderVariables(graph, own, roots ?? graph.pathways, true);
  const families: CutSetFamilies = {
    graph,
    own,
    zbdd: new Zbdd(eventOfLevel.length, nodeBudget),
    maxOrder,
    family: new Int32Array(graph.size).fill(UNBUILT),
    levelOfEvent,
    eventOfLevel,
  };
  extendCutSetFamilies(families, roots ?? graph.topoOrder);
  return families;
}

/** Builds the families of `roots` and what they rest on that are not built yet. */
export function extendCutSetFamilies(families: CutSetFamilies, roots: readonly number[]): void {
  const { graph, own, zbdd, maxOrder, family, levelOfEvent } = families;
  const missing = roots.filter((r) => family[r] === UNBUILT);
  if (missing.length === 0) return;
  const singleton = (node: number) =>
    zbdd.store.make(levelOfEvent[graph.eventOfNode[node]], ONE, ZERO);
  for (const node of collectBelow(graph, missing, family)) {
    const children = graph.children[node];
    switch (graph.kinds[node]) {
      case 'evidence':
        family[node] = own[node] ? singleton(node) : ONE;
        break;
      case 'mitigation': {
        let f = own[node] ? singleton(node) : ONE;
        for (const c of children) f = zbdd.minimalUnion(f, family[c]);
        family[node] = f;
        break;
      }
      // A chain too slow (own 0) has failed now, like a mitigation that is not in place.
      case 'pathway':
      case 'claim':
      case 'scenario':
      case 'chain': {
        if (!own[node] && graph.kinds[node] === 'chain') {
          family[node] = ONE;
          break;
        }
        if (children.length === 0) {
          family[node] = graph.assumed[node] ? ZERO : ONE;
          break;
        }
        const needed = children.length - requiredCount(graph, node) + 1;
        family[node] = zbdd.atLeast(
          children.map((c) => family[c]),
          needed,
          maxOrder,
        );
        break;
      }
    }
  }
}

function failureOf(
  graph: AnalysisGraph,
  own: Uint8Array,
  node: number,
  bdd: Bdd,
  failure: Int32Array,
  levelOfEvent: Int32Array,
): number {
  const children = graph.children[node];
  switch (graph.kinds[node]) {
    case 'evidence':
      return own[node] ? bdd.variable(levelOfEvent[graph.eventOfNode[node]]) : ONE;
    case 'mitigation': {
      if (!own[node]) return ONE;
      let f = bdd.variable(levelOfEvent[graph.eventOfNode[node]]);
      for (const c of children) f = bdd.or(f, failure[c]);
      return f;
    }
    // A chain too slow (own 0) has failed now, like a mitigation that is not in place.
    case 'pathway':
    case 'claim':
    case 'scenario':
    case 'chain': {
      if (!own[node] && graph.kinds[node] === 'chain') return ONE;
      if (children.length === 0) return graph.assumed[node] ? ZERO : ONE;
      const needed = children.length - requiredCount(graph, node) + 1;
      return bdd.atLeast(
        children.map((c) => failure[c]),
        needed,
      );
    }
  }
}

/**
 * Levels for the events that hold now, as SCRAM's TopologicalOrder assigns them: a depth-first
 * walk from the pathways that enters a node's argument children first and then takes its events,
 * each group by number of parents, most shared first.
 */
function orderVariables(
  graph: AnalysisGraph,
  own: Uint8Array,
  roots: readonly number[],
  everyNode: boolean,
): { levelOfEvent: Int32Array; eventOfLevel: Int32Array } {
  const levelOfEvent = new Int32Array(graph.eventCount).fill(-1);
  const eventOfLevel: number[] = [];
  const visited = new Uint8Array(graph.size);
  const byParents = (a: number, b: number) => graph.parents[b].length - graph.parents[a].length;
  const take = (node: number) => {
    const event = graph.eventOfNode[node];
    if (own[node] && levelOfEvent[event] < 0) {
      levelOfEvent[event] = eventOfLevel.length;
      eventOfLevel.push(event);
    }
  };
  // A mitigation with dependsOn is a gate over its own event and its dependencies.
  const isGate = (node: number) => graph.eventOfNode[node] < 0 || graph.children[node].length > 0;
  const visit = (root: number) => {
    const stack: { node: number; phase: number }[] = [{ node: root, phase: 0 }];
    while (stack.length > 0) {
      const frame = stack.pop()!;
      const { node } = frame;
      const children = graph.children[node];
      if (frame.phase === 0) {
        if (visited[node]) continue;
        visited[node] = 1;
        stack.push({ node, phase: 1 });
        const gates = children.filter(isGate).sort(byParents);
        for (let i = gates.length - 1; i >= 0; i--) stack.push({ node: gates[i], phase: 0 });
      } else {
        for (const c of children.filter((c) => !isGate(c)).sort(byParents)) take(c);
        if (graph.eventOfNode[node] >= 0) take(node);
      }
    }
  };
  for (const r of roots) visit(r);
  if (everyNode) {
    for (let n = 0; n < graph.size; n++) visit(n);
    for (let n = 0; n < graph.size; n++) if (graph.eventOfNode[n] >= 0) take(n);
  }
  return { levelOfEvent, eventOfLevel: Int32Array.from(eventOfLevel) };
}

/**
 * The roots and every node below them, children before parents; with `built`, not entering
 * nodes already built (whose own children are then built too).
 */
function collectBelow(
  graph: AnalysisGraph,
  roots: readonly number[],
  built?: Int32Array,
): number[] {
  const below = new Uint8Array(graph.size);
  const stack = [...roots];
  for (const r of roots) below[r] = 1;
  while (stack.length > 0) {
    for (const c of graph.children[stack.pop()!]) {
      if (!below[c] && !(built && built[c] !== UNBUILT)) {
        below[c] = 1;
        stack.push(c);
      }
    }
  }
  return graph.topoOrder.filter((n) => below[n] === 1);
}
