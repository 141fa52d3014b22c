import {
  computeFailureImpact,
  computeMargins,
  type CaseAnalysis,
  type FailureImpact,
  type NodeMargin,
} from '../analysis';
import type { Case, NodeKind, Requirement } from '../case-model/case';
import { requireNode } from '../case-model/edit-case';

/**
 * How a node stands under the simulation. Pathways and claims: `holds`, `broken` (held before,
 * not after), `weakened` (still holds, smaller margin), `not-holding` (did not hold even before).
 * Mitigations and evidence: `holds`, `failed` (named in the simulation or failing with it),
 * `not-holding` (not in place or valid, or a dependency does not hold, before the simulation).
 */
export const DIAGRAM_NODE_STATES = [
  'holds',
  'weakened',
  'broken',
  'failed',
  'not-holding',
] as const;
export type DiagramNodeState = (typeof DIAGRAM_NODE_STATES)[number];

/** Margins as in NodeMargin: null is "more than maxOrder". */
export interface DiagramMargin {
  readonly before: number | null;
  readonly after: number | null;
}

export interface DiagramNode {
  readonly key: string;
  readonly kind: NodeKind;
  /** The title (a claim's statement), whole: renderers shorten it. */
  readonly text: string;
  /** A pathway's or claim's rule: "all", "any", "≥2 of 3", "assumed", "undeveloped"; else null. */
  readonly rule: string | null;
  /** A mitigation's or evidence item's own status; else null. */
  readonly status: string | null;
  readonly state: DiagramNodeState;
  /** A pathway's or claim's margin before and after the simulation; else null. */
  readonly margin: DiagramMargin | null;
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  /** `supports` down the argument; `dependsOn` from a mitigation to one it needs. */
  readonly kind: 'supports' | 'dependsOn';
}

/** One pathway's argument as a graph, ready to render. Orders are stable for a given case. */
export interface ArgumentDiagram {
  readonly report: string;
  readonly pathway: string;
  readonly title: string;
  /** The simulated failures, as asked (deduplicated, by key). */
  readonly failed: readonly string[];
  readonly maxOrder: number;
  /** Breadth-first from the pathway, each node's supports (then dependsOn) in file order. */
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

type CaseNode =
  | { readonly kind: 'pathway'; readonly node: Case['pathways'][number] }
  | { readonly kind: 'claim'; readonly node: Case['claims'][number] }
  | { readonly kind: 'mitigation'; readonly node: Case['mitigations'][number] }
  | { readonly kind: 'evidence'; readonly node: Case['evidence'][number] };

/**
 * The subgraph of one pathway: every claim, mitigation and evidence item its `supports` reach,
 * plus the `dependsOn` of those mitigations (transitively), each with its state after failing
 * `failed` (none: the current state). `analysis` must be the analysis of `case`.
 *
 * Throws NODE_NOT_FOUND / WRONG_NODE_KIND naming the pathway key, and the analysis core's errors
 * for a bad `failed` key.
 */
export function buildArgumentDiagram({
  case: c,
  analysis,
  pathway,
  failed = [],
}: {
  readonly case: Case;
  readonly analysis: CaseAnalysis;
  readonly pathway: string;
  readonly failed?: readonly string[];
}): ArgumentDiagram {
  const root = requireNode(c, 'pathway', pathway);
  const impact = computeFailureImpact({ analysis, failed });
  const states = new SimulatedStates(analysis, impact);

  const byKey = indexCase(c);
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const seen = new Set([root.key]);
  const queue: CaseNode[] = [{ kind: 'pathway', node: root }];
  for (let i = 0; i < queue.length; i++) {
    const item = queue[i];
    nodes.push(states.describe(item));
    const { keys, kind } = linksOf(item);
    for (const to of keys) {
      // Scenarios (SPEC §8) are not drawn yet: their links are left out rather than dangling.
      if (!byKey.has(to)) continue;
      edges.push({ from: item.node.key, to, kind });
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(byKey.get(to)!);
      }
    }
  }
  return {
    report: c.report.key,
    pathway: root.key,
    title: root.title,
    failed: impact.failed,
    maxOrder: analysis.maxOrder,
    nodes,
    edges,
  };
}

/** Before (the analysis) and after (the failure impact) for each node, by key. */
class SimulatedStates {
  private readonly margins: ReadonlyMap<string, NodeMargin>;
  private readonly broken: ReadonlySet<string>;
  private readonly weakened: ReadonlyMap<string, number | null>;
  private readonly failed: ReadonlySet<string>;

  constructor(
    private readonly analysis: CaseAnalysis,
    impact: FailureImpact,
  ) {
    this.margins = new Map(computeMargins({ analysis }).map((m) => [m.key, m]));
    this.broken = new Set([...impact.brokenPathways, ...impact.brokenClaims].map((b) => b.key));
    this.weakened = new Map(impact.weakened.map((w) => [w.key, w.after]));
    this.failed = new Set([...impact.failed, ...impact.alsoFailed]);
  }

  describe(item: CaseNode): DiagramNode {
    const { key } = item.node;
    const heldBefore = this.analysis.holds[this.analysis.graph.nodeByKey.get(key)!] === 1;
    switch (item.kind) {
      case 'pathway':
      case 'claim': {
        const before = this.margins.get(key)!.margin;
        const after = this.broken.has(key) ? 0 : this.weakened.get(key);
        return {
          key,
          kind: item.kind,
          text: item.kind === 'pathway' ? item.node.title : item.node.statement,
          rule: describeRule(item.node),
          status: null,
          state: !heldBefore
            ? 'not-holding'
            : this.broken.has(key)
              ? 'broken'
              : after !== undefined
                ? 'weakened'
                : 'holds',
          margin: { before, after: after === undefined ? before : after },
        };
      }
      case 'mitigation':
      case 'evidence':
        return {
          key,
          kind: item.kind,
          text: item.node.title,
          rule: null,
          status: item.node.status,
          // Not holding wins over failed: the simulation changes nothing for it.
          state: !heldBefore ? 'not-holding' : this.failed.has(key) ? 'failed' : 'holds',
          margin: null,
        };
    }
  }
}

function linksOf(item: CaseNode): { keys: readonly string[]; kind: DiagramEdge['kind'] } {
  switch (item.kind) {
    case 'pathway':
    case 'claim':
      return { keys: item.node.supports, kind: 'supports' };
    case 'mitigation':
      return { keys: item.node.dependsOn, kind: 'dependsOn' };
    case 'evidence':
      return { keys: [], kind: 'supports' };
  }
}

function describeRule(node: {
  readonly requires: Requirement;
  readonly supports: readonly string[];
  readonly assumed?: boolean;
}): string {
  if (node.supports.length === 0) return node.assumed ? 'assumed' : 'undeveloped';
  switch (node.requires.mode) {
    case 'all':
    case 'any':
      return node.requires.mode;
    case 'atLeast':
      return `≥${node.requires.atLeast} of ${node.supports.length}`;
  }
}

function indexCase(c: Case): ReadonlyMap<string, CaseNode> {
  return new Map<string, CaseNode>([
    ...c.pathways.map((node): [string, CaseNode] => [node.key, { kind: 'pathway', node }]),
    ...c.claims.map((node): [string, CaseNode] => [node.key, { kind: 'claim', node }]),
    ...c.mitigations.map((node): [string, CaseNode] => [node.key, { kind: 'mitigation', node }]),
    ...c.evidence.map((node): [string, CaseNode] => [node.key, { kind: 'evidence', node }]),
  ]);
}
