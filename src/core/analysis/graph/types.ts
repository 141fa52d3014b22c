import type {
  EvidenceStatus,
  MitigationStatus,
  NodeKind,
  Requirement,
} from '../../case-model/case';

/** A pathway or claim: the nodes that have a margin and can be broken or strengthened. */
export type ArgumentKind = Extract<NodeKind, 'pathway' | 'claim'>;
/** A mitigation or evidence item: the nodes whose failure is a basic event (SPEC §3.1). */
export type BasicEventKind = Extract<NodeKind, 'mitigation' | 'evidence'>;
/**
 * The graph's node kinds: the case's, plus scenarios (an `any` over their chains) and their
 * response chains (internal gates: an `all` over their steps' mitigations, holding only when
 * fast enough; SPEC §3.7).
 */
export type GraphNodeKind = NodeKind | 'scenario' | 'chain';

/** A response chain's steps as the graph keeps them: the step's mitigation node and latency. */
export interface ChainStep {
  readonly mitigation: number;
  readonly latency: number;
}

/**
 * A case as an immutable indexed graph, built once and shared by every analysis.
 *
 * Nodes are numbered 0..size-1 in ascending key order, so sorting node numbers sorts keys. Basic
 * events (mitigations and evidence) also get dense event numbers 0..eventCount-1, again in key
 * order, which keep cut-set encodings small.
 */
export interface AnalysisGraph {
  readonly size: number;
  readonly keys: readonly string[];
  readonly kinds: readonly GraphNodeKind[];
  readonly nodeByKey: ReadonlyMap<string, number>;
  /**
   * `supports` of a pathway or claim, `dependsOn` of a mitigation, the chains of a scenario and
   * the distinct step mitigations of a chain; ascending.
   */
  readonly children: readonly (readonly number[])[];
  /** The inverse of `children`; ascending. */
  readonly parents: readonly (readonly number[])[];
  /**
   * Requirement of a pathway or claim (`any` for a scenario, `all` for a chain); null for
   * mitigations and evidence.
   */
  readonly requires: readonly (Requirement | null)[];
  readonly assumed: readonly boolean[];
  /** Status of a mitigation; null for other kinds. */
  readonly mitigationStatus: readonly (MitigationStatus | null)[];
  /** Status of an evidence item; null for other kinds. */
  readonly evidenceStatus: readonly (EvidenceStatus | null)[];
  /** Effort of a mitigation (null when not estimated or not a mitigation). */
  readonly effort: readonly (number | null)[];
  /** Failure probability of a mitigation or evidence item (SPEC §3.6); null when not given. */
  readonly probability: readonly (number | null)[];
  /** Every node after all of its children. */
  readonly topoOrder: readonly number[];
  readonly pathways: readonly number[];
  readonly claims: readonly number[];
  readonly mitigations: readonly number[];
  readonly evidence: readonly number[];
  readonly scenarios: readonly number[];
  /** Time to harm (seconds) of a scenario; null for other kinds. */
  readonly timeToHarm: readonly (number | null)[];
  /** Steps of a chain, in order; null for other kinds. */
  readonly steps: readonly (readonly ChainStep[] | null)[];
  readonly eventCount: number;
  /** Event number of a mitigation or evidence node, -1 for pathways and claims. */
  readonly eventOfNode: readonly number[];
  readonly nodeOfEvent: readonly number[];
}

/** A cut set: event numbers, ascending. */
export type CutSet = readonly number[];

/**
 * The minimal cut sets of one node's failure, sorted by size (not by key within a size).
 * Complete for every set of size ≤ `order`; larger sets are never present.
 */
export interface Family {
  readonly sets: readonly CutSet[];
  readonly order: number;
}

export interface NodeMargin {
  readonly key: string;
  readonly kind: ArgumentKind;
  readonly holds: boolean;
  /** 0 when it does not hold; null when more than maxOrder. */
  readonly margin: number | null;
  /** Always true now: where the cut-set family hit its size limit, the BDD gives the margin. */
  readonly exact: boolean;
}

export interface NodeCutSets {
  readonly key: string;
  readonly kind: ArgumentKind;
  /** Each set sorted by key; sets sorted by size, then lexicographically. [[]] when it fails now. */
  readonly cutSets: readonly (readonly string[])[];
  /** The order up to which `cutSets` is complete: maxOrder unless the size limit cut it. */
  readonly completeToOrder: number;
}

export interface MarginChange {
  readonly key: string;
  readonly kind: ArgumentKind;
  /** Margins as in NodeMargin: null is "more than maxOrder". */
  readonly before: number | null;
  readonly after: number | null;
}
