import { resolveBasicEvents } from './case-graph';
import type { AnalysisGraph } from './types';

/**
 * Per node, 1 when its own status is good: a mitigation `in_place`, an evidence item `valid`, a
 * response chain fast enough for its scenario (total latency ≤ timeToHarm, SPEC §3.7). (Pathways,
 * claims and scenarios have no status of their own and stay 0.) What-if analyses edit a copy;
 * `latencies` overrides the latency of every step of the given mitigations (see resolveLatencies).
 */
export function readOwnStatus({
  graph,
  latencies,
}: {
  readonly graph: AnalysisGraph;
  readonly latencies?: ReadonlyMap<number, number>;
}): Uint8Array {
  const own = new Uint8Array(graph.size);
  for (const n of graph.mitigations) own[n] = graph.mitigationStatus[n] === 'in_place' ? 1 : 0;
  for (const n of graph.evidence) own[n] = graph.evidenceStatus[n] === 'valid' ? 1 : 0;
  for (const s of graph.scenarios) {
    for (const chain of graph.children[s]) {
      own[chain] = chainLatency(graph, chain, latencies) <= graph.timeToHarm[s]! ? 1 : 0;
    }
  }
  return own;
}

/** Total latency (seconds) of a chain's steps, with `latencies` overriding by mitigation node. */
export function chainLatency(
  graph: AnalysisGraph,
  chain: number,
  latencies?: ReadonlyMap<number, number>,
): number {
  let total = 0;
  for (const step of graph.steps[chain]!) total += latencies?.get(step.mitigation) ?? step.latency;
  return total;
}

/**
 * Whether one node holds (SPEC §3.1), given its own status and whether its children hold.
 */
export function holdsNode(
  graph: AnalysisGraph,
  node: number,
  own: Uint8Array,
  holds: Uint8Array,
): boolean {
  const children = graph.children[node];
  switch (graph.kinds[node]) {
    case 'evidence':
      return own[node] === 1;
    // A chain too slow for its scenario (own 0) never holds, whatever its steps do.
    case 'mitigation':
    case 'chain':
      return own[node] === 1 && children.every((c) => holds[c] === 1);
    case 'pathway':
    case 'claim':
    case 'scenario': {
      if (children.length === 0) return graph.assumed[node];
      let holding = 0;
      for (const c of children) holding += holds[c];
      return holding >= requiredCount(graph, node);
    }
  }
}

/** How many supports of a pathway or claim must hold: all → n, any → 1, atLeast K → K. */
export function requiredCount(graph: AnalysisGraph, node: number): number {
  const requires = graph.requires[node]!;
  const n = graph.children[node].length;
  switch (requires.mode) {
    case 'all':
      return n;
    case 'any':
      return 1;
    case 'atLeast':
      return requires.atLeast;
  }
}

/** Holding of every node under the given own statuses, bottom-up. */
export function computeHolds({
  graph,
  own,
}: {
  readonly graph: AnalysisGraph;
  readonly own: Uint8Array;
}): Uint8Array {
  const holds = new Uint8Array(graph.size);
  for (const n of graph.topoOrder) holds[n] = holdsNode(graph, n, own, holds) ? 1 : 0;
  return holds;
}

/**
 * Whether each node holds (SPEC §3.1), optionally after failing some mitigations and evidence
 * (everything depending on them fails too). Keys ascending.
 */
export function evaluateHolding({
  graph,
  failed = [],
}: {
  readonly graph: AnalysisGraph;
  readonly failed?: readonly string[];
}): ReadonlyMap<string, boolean> {
  const own = readOwnStatus({ graph });
  for (const n of resolveBasicEvents({ graph, keys: failed })) own[n] = 0;
  const holds = computeHolds({ graph, own });
  // Chains are internal gates, not nodes of the case.
  return new Map(
    graph.keys.flatMap((key, n) => (graph.kinds[n] === 'chain' ? [] : [[key, holds[n] === 1]])),
  );
}
