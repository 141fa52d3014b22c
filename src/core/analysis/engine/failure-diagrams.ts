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
  nodeBudget,
}: {
  readonly graph: AnalysisGraph;
  readonly own: Uint8Array;
  readonly nodeBudget?: number;
}): FailureDiagrams {
  const { levelOfEvent, eventOfLevel } = orderVariables(graph, own);
  const bdd = new Bdd(eventOfLevel.length, nodeBudget);
  const failure = new Int32Array(graph.size);
  for (const node of graph.topoOrder) {
    failure[node] = failureOf(graph, own, node, bdd, failure, levelOfEvent);
  }
  return { graph, bdd, zbdd: new Zbdd(bdd, nodeBudget), failure, levelOfEvent, eventOfLevel };
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
    case 'pathway':
    case 'claim': {
      if (children.length === 0) return graph.assumed[node] ? ZERO : ONE;
      const needed = children.length - requiredCount(graph, node) + 1;
      return bdd.atLeast(
        children.map((c) => failure[c]),
        needed,
      );
    }
  }
}

/** Levels for the events that hold now, in the order a depth-first walk from the roots meets them. */
function orderVariables(
  graph: AnalysisGraph,
  own: Uint8Array,
): { levelOfEvent: Int32Array; eventOfLevel: Int32Array } {
  const levelOfEvent = new Int32Array(graph.eventCount).fill(-1);
  const eventOfLevel: number[] = [];
  const visited = new Uint8Array(graph.size);
  const visit = (root: number) => {
    const stack = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (visited[node]) continue;
      visited[node] = 1;
      const event = graph.eventOfNode[node];
      if (event >= 0 && own[node]) {
        levelOfEvent[event] = eventOfLevel.length;
        eventOfLevel.push(event);
      }
      // Reversed, so the first child is walked first.
      const children = graph.children[node];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  };
  for (const p of graph.pathways) visit(p);
  for (let n = 0; n < graph.size; n++) visit(n);
  return { levelOfEvent, eventOfLevel: Int32Array.from(eventOfLevel) };
}
