import {
  computeFailureImpact,
  computeMargins,
  type CaseAnalysis,
  type FailureImpact,
  type NodeMargin,
} from '../analysis';
import { chainKey } from '../analysis/graph/case-graph';
import { chainLatency } from '../analysis/graph/holding';
import {
  REQUIRE_ALL,
  type Case,
  type CaseChain,
  type CaseScenario,
  type NodeKind,
  type Requirement,
} from '../case-model/case';
import { describeDuration } from '../case-model/duration';
import { requireNode } from '../case-model/edit-case';

/**
 * How a node stands under the simulation. Pathways and claims: `holds`, `broken` (held before,
 * not after), `weakened` (still holds, smaller margin), `not-holding` (did not hold even before).
 * Mitigations and evidence: `holds`, `failed` (named in the simulation or failing with it),
 * `not-holding` (not in place or valid, or a dependency does not hold, before the simulation).
 * Scenarios and response chains: `holds`, `broken`, `not-holding` (a chain too slow never holds).
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

/** A scenario (SPEC §8) and each of its response chains are nodes of their own. */
export type DiagramNodeKind = NodeKind | 'scenario' | 'chain';

export interface DiagramNode {
  /** A chain's key is its scenario's key and its number from 1: `weights-copied#1`. */
  readonly key: string;
  readonly kind: DiagramNodeKind;
  /** The title (a claim's statement), whole: renderers shorten it. */
  readonly text: string;
  /**
   * A pathway's or claim's rule: "all", "any", "≥2 of 3", "assumed", "undeveloped"; a scenario's
   * ("any" of its chains) and a chain's ("all" of its steps' mitigations); else null.
   */
  readonly rule: string | null;
  /** A mitigation's or evidence item's own status; else null. */
  readonly status: string | null;
  /**
   * A scenario's time to harm ("time to harm 2h"); a chain's total latency against it ("45m of
   * 2h", or "too slow: 3d of 2h"); else null.
   */
  readonly timing: string | null;
  readonly state: DiagramNodeState;
  /** A pathway's or claim's margin before and after the simulation; else null. */
  readonly margin: DiagramMargin | null;
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  /**
   * `supports` down the argument (a scenario to its chains, a chain to its steps' mitigations
   * too); `dependsOn` from a mitigation to one it needs.
   */
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
  | { readonly kind: 'evidence'; readonly node: Case['evidence'][number] }
  | { readonly kind: 'scenario'; readonly node: CaseScenario }
  | { readonly kind: 'chain'; readonly node: ChainNode };

/** A response chain as a node: keyed like the analysis graph's chain, with its scenario. */
interface ChainNode {
  readonly key: string;
  readonly chain: CaseChain;
  readonly scenario: CaseScenario;
}

/**
 * The subgraph of one pathway: every claim, mitigation, evidence item and scenario its `supports`
 * reach, a scenario's chains and their steps' mitigations, plus the `dependsOn` of those
 * mitigations (transitively), each with its state after failing
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
    const heldBefore = this.heldBefore(key);
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
          timing: null,
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
          timing: null,
          // Not holding wins over failed: the simulation changes nothing for it.
          state: !heldBefore ? 'not-holding' : this.failed.has(key) ? 'failed' : 'holds',
          margin: null,
        };
      case 'scenario': {
        const { node } = item;
        const chains = node.chains.map((_, i) => chainKey(node.key, i));
        return {
          key,
          kind: 'scenario',
          text: node.title,
          rule: describeRule({ requires: { mode: 'any' }, supports: chains }),
          status: null,
          timing: `time to harm ${describeDuration(node.timeToHarm)}`,
          state: !heldBefore
            ? 'not-holding'
            : chains.some((chain) => this.holdsAfter(chain))
              ? 'holds'
              : 'broken',
          margin: null,
        };
      }
      case 'chain': {
        const { chain, scenario } = item.node;
        const { graph } = this.analysis;
        const latency = chainLatency(graph, graph.nodeByKey.get(key)!);
        const timing = `${describeDuration(latency)} of ${describeDuration(scenario.timeToHarm)}`;
        return {
          key,
          kind: 'chain',
          text: chain.steps
            .map((step) => `${step.mitigation} ${step.action} (${describeDuration(step.latency)})`)
            .join(' → '),
          rule: describeRule({ requires: REQUIRE_ALL, supports: stepMitigations(chain) }),
          status: null,
          timing: latency > scenario.timeToHarm ? `too slow: ${timing}` : timing,
          state: !heldBefore ? 'not-holding' : this.holdsAfter(key) ? 'holds' : 'broken',
          margin: null,
        };
      }
    }
  }

  private heldBefore(key: string): boolean {
    return this.analysis.holds[this.analysis.graph.nodeByKey.get(key)!] === 1;
  }

  /**
   * Whether a chain that held before still holds: none of its mitigations failed. (A chain's
   * speed is not simulated, so one that held is still fast enough.)
   */
  private holdsAfter(chain: string): boolean {
    const { graph } = this.analysis;
    const node = graph.nodeByKey.get(chain)!;
    return (
      this.heldBefore(chain) &&
      graph.children[node].every((mitigation) => !this.failed.has(graph.keys[mitigation]))
    );
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
    case 'scenario':
      return { keys: item.node.chains.map((_, i) => chainKey(item.node.key, i)), kind: 'supports' };
    case 'chain':
      return { keys: stepMitigations(item.node.chain), kind: 'supports' };
  }
}

/** The mitigations acting in a chain, each once, in step order. */
const stepMitigations = (chain: CaseChain): string[] => [
  ...new Set(chain.steps.map((step) => step.mitigation)),
];

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
    ...(c.scenarios ?? []).flatMap((scenario): [string, CaseNode][] => [
      [scenario.key, { kind: 'scenario', node: scenario }],
      ...scenario.chains.map((chain, i): [string, CaseNode] => {
        const key = chainKey(scenario.key, i);
        return [key, { kind: 'chain', node: { key, chain, scenario } }];
      }),
    ]),
  ]);
}
