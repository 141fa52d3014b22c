import {
  argumentsByKey,
  computeMargins,
  resolveAnalysis,
  type AnalysisInput,
  type CaseAnalysis,
} from './cut-sets';
import type { BasicEventKind, NodeMargin } from './graph/types';

export interface LoadBearingForEvent {
  readonly key: string;
  readonly kind: BasicEventKind;
  /** Pathways and claims that hold now and stop holding if this item alone fails; by key. */
  readonly pathways: readonly string[];
  readonly claims: readonly string[];
}

export interface LoadBearingForArgument {
  readonly key: string;
  readonly kind: 'pathway' | 'claim';
  /** Its single points of failure (order-1 cut sets), by key. */
  readonly mitigations: readonly string[];
  readonly evidence: readonly string[];
}

export interface LoadBearingMap {
  /** Every mitigation and evidence item, by key. */
  readonly byEvent: readonly LoadBearingForEvent[];
  /** Every pathway and claim, by key. */
  readonly byArgument: readonly LoadBearingForArgument[];
}

/**
 * SPEC §3.3: M is load-bearing for X iff {M} is a minimal cut set of X. Only order-1 cut sets are
 * needed, so a graph is analysed at order 1 unless told otherwise.
 */
export function computeLoadBearingMap(input: AnalysisInput): LoadBearingMap {
  const analysis = resolveAnalysis('analysis' in input ? input : { maxOrder: 1, ...input });
  const { graph } = analysis;
  const byEvent = new Map<number, { pathways: string[]; claims: string[] }>();
  for (const n of [...graph.mitigations, ...graph.evidence]) {
    byEvent.set(n, { pathways: [], claims: [] });
  }

  const byArgument = argumentsByKey(graph).map((n): LoadBearingForArgument => {
    const isPathway = graph.kinds[n] === 'pathway';
    const mitigations: string[] = [];
    const evidence: string[] = [];
    for (const event of singlePointsOfFailure(analysis, n)) {
      const eventNode = graph.nodeOfEvent[event];
      (graph.kinds[eventNode] === 'mitigation' ? mitigations : evidence).push(
        graph.keys[eventNode],
      );
      // Arguments are visited in key order, so these lists come out sorted.
      const entry = byEvent.get(eventNode)!;
      (isPathway ? entry.pathways : entry.claims).push(graph.keys[n]);
    }
    return { key: graph.keys[n], kind: isPathway ? 'pathway' : 'claim', mitigations, evidence };
  });

  return {
    byEvent: [...byEvent.entries()]
      .sort(([a], [b]) => a - b)
      .map(([n, lists]) => ({
        key: graph.keys[n],
        kind: graph.kinds[n] === 'mitigation' ? 'mitigation' : 'evidence',
        ...lists,
      })),
    byArgument,
  };
}

export interface LoadBearingMatrix {
  /** The columns: every pathway by key, with its margin. */
  readonly pathways: readonly NodeMargin[];
  /** One row per mitigation, by key; `loadBearing[i]` is the cell for `pathways[i]`. */
  readonly rows: readonly { readonly key: string; readonly loadBearing: readonly boolean[] }[];
}

/** Every mitigation × pathway cell for dashboards, plus each pathway's margin at maxOrder. */
export function computeLoadBearingMatrix(input: AnalysisInput): LoadBearingMatrix {
  const analysis = resolveAnalysis(input);
  const { graph } = analysis;
  const column = new Map(graph.pathways.map((n, i) => [n, i]));
  const cells = new Map(
    graph.mitigations.map((m) => [m, new Array<boolean>(graph.pathways.length).fill(false)]),
  );
  for (const p of graph.pathways) {
    for (const event of singlePointsOfFailure(analysis, p)) {
      const row = cells.get(graph.nodeOfEvent[event]);
      if (row) row[column.get(p)!] = true;
    }
  }
  return {
    pathways: computeMargins({ analysis }).filter((m) => m.kind === 'pathway'),
    rows: graph.mitigations.map((m) => ({ key: graph.keys[m], loadBearing: cells.get(m)! })),
  };
}

/** Events of a node's order-1 cut sets, ascending (families are sorted by size). */
export function singlePointsOfFailure(analysis: CaseAnalysis, node: number): number[] {
  const events: number[] = [];
  for (const set of analysis.families[node].sets) {
    if (set.length !== 1) break;
    events.push(set[0]);
  }
  return events.sort((a, b) => a - b);
}
