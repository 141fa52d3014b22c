import { compareKeys } from '../analysis/graph/case-graph';
import type { Case, NodeKind } from '../case-model/case';
import type { CaseIssue } from '../case-model/case-issue';

/**
 * Lineage across reports (SPEC §6): a node continues the previous report's node with its own key,
 * and the nodes its `previousKeys` name (a rename, a split, a merge).
 */

/** Where each node kind lives in a case (and in a case file). */
const COLLECTIONS = [
  ['pathways', 'pathway'],
  ['claims', 'claim'],
  ['mitigations', 'mitigation'],
  ['evidence', 'evidence'],
] as const satisfies readonly (readonly [keyof Case, NodeKind])[];

export interface CaseNodeRef {
  readonly key: string;
  readonly kind: NodeKind;
  /** Lineage as written on the node; empty when it has none. */
  readonly previousKeys: readonly string[];
}

/** Every pathway, claim, mitigation and evidence item of a case, in file order by kind. */
export function listCaseNodes(c: Case): CaseNodeRef[] {
  return COLLECTIONS.flatMap(([collection, kind]) =>
    c[collection].map((node) => ({ key: node.key, kind, previousKeys: node.previousKeys ?? [] })),
  );
}

/**
 * Errors for every `previousKeys` entry of `next` that names no node of `previous` (the report it
 * iterates on). Path and keys as in validateCase: ['claims', i, 'previousKeys', j], [node, named].
 */
export function lineageIssues(previous: Case, next: Case): CaseIssue[] {
  const known = new Set(listCaseNodes(previous).map((n) => n.key));
  const issues: CaseIssue[] = [];
  for (const [collection, kind] of COLLECTIONS) {
    next[collection].forEach((node, index) => {
      (node.previousKeys ?? []).forEach((named, at) => {
        if (known.has(named)) return;
        issues.push({
          severity: 'error',
          code: 'UNKNOWN_REFERENCE',
          message:
            `${kind} '${node.key}': previousKeys names '${named}', ` +
            `which report '${previous.report.key}' does not have`,
          path: [collection, index, 'previousKeys', at],
          keys: [node.key, named],
        });
      });
    });
  }
  return issues;
}

/** A node of `to` and the nodes of `from` it continues. */
export interface NodeContinuation {
  readonly key: string;
  readonly kind: NodeKind;
  /**
   * Keys of `from` it continues: its own key when `from` has it, and the `previousKeys` that
   * `from` has (when `to` iterates on `from`); ascending, no repeats. Empty: the node is new.
   */
  readonly continues: readonly string[];
}

export interface NodeRef {
  readonly key: string;
  readonly kind: NodeKind;
}

/** A node of `to` under a new key that takes the place of exactly one node of `from`. */
export interface NodeRename {
  readonly from: string;
  readonly to: string;
  /** Its kind in `to` (a change of kind shows as a field change `nodeKind`). */
  readonly kind: NodeKind;
}

/** A node of `from` continued by several nodes of `to` (by key or lineage). */
export interface NodeSplit {
  readonly from: string;
  /** Ascending. */
  readonly into: readonly string[];
}

/** A node of `to` continuing several nodes of `from` (by key or lineage). */
export interface NodeMerge {
  readonly into: string;
  /** Ascending. */
  readonly from: readonly string[];
}

export interface NodeMatching {
  /** Every node of `to`, by key. */
  readonly continuations: readonly NodeContinuation[];
  /** Nodes of `to` that continue nothing, by key. */
  readonly added: readonly NodeRef[];
  /** Nodes of `from` that `to` neither keeps under their key nor names in previousKeys, by key. */
  readonly removed: readonly NodeRef[];
  /** By `to` key. */
  readonly renamed: readonly NodeRename[];
  /** By `from` key. */
  readonly splits: readonly NodeSplit[];
  /** By `to` key. */
  readonly merges: readonly NodeMerge[];
}

/**
 * Whether `next` iterates on `previous` (SPEC §6): its `report.previous` is the key of
 * `previous`, another report. Only then do `next`'s previousKeys name nodes of `previous`.
 */
export function iteratesOn(next: Case, previous: Case): boolean {
  return next.report.previous === previous.report.key && next.report.key !== previous.report.key;
}

/**
 * Matches the nodes of two reports (SPEC §6): by key (the same key in both), else by lineage
 * (`to`'s previousKeys). Keys match whatever the node kind. Splits and merges count both ways of
 * continuing: a node kept under its key and also named by a new node is a split into two.
 * A rename is the one-to-one case under a new key: a `to` node continuing exactly one `from`
 * node, not its own key, that nothing else continues. `previousKeys` naming nothing in `from`
 * are ignored here (lineageIssues reports them).
 *
 * Lineage is used only when `to` iterates on `from` (iteratesOn): otherwise its previousKeys name
 * nodes of some other report (two versions of one report, a report two iterations back, the same
 * case twice), and matching by them would pair nodes that are not each other's predecessors. So
 * a case compared with itself always matches itself, key for key.
 */
export function matchNodes(from: Case, to: Case): NodeMatching {
  const fromNodes = listCaseNodes(from).sort((a, b) => compareKeys(a.key, b.key));
  const toNodes = listCaseNodes(to).sort((a, b) => compareKeys(a.key, b.key));
  const fromKeys = new Set(fromNodes.map((n) => n.key));
  const useLineage = iteratesOn(to, from);

  const continuations = toNodes.map(({ key, kind, previousKeys }): NodeContinuation => {
    const continues = new Set(useLineage ? previousKeys.filter((k) => fromKeys.has(k)) : []);
    if (fromKeys.has(key)) continues.add(key);
    return { key, kind, continues: [...continues].sort(compareKeys) };
  });
  const continuers = new Map<string, string[]>(fromNodes.map((n) => [n.key, []]));
  for (const { key, continues } of continuations) {
    for (const f of continues) continuers.get(f)!.push(key);
  }

  return {
    continuations,
    added: continuations
      .filter((t) => t.continues.length === 0)
      .map(({ key, kind }) => ({ key, kind })),
    removed: fromNodes
      .filter((f) => continuers.get(f.key)!.length === 0)
      .map(({ key, kind }) => ({ key, kind })),
    renamed: continuations
      .filter(
        (t) =>
          t.continues.length === 1 &&
          t.continues[0] !== t.key &&
          continuers.get(t.continues[0])!.length === 1,
      )
      .map((t) => ({ from: t.continues[0], to: t.key, kind: t.kind })),
    splits: fromNodes
      .filter((f) => continuers.get(f.key)!.length >= 2)
      .map((f) => ({ from: f.key, into: continuers.get(f.key)! })),
    merges: continuations
      .filter((t) => t.continues.length >= 2)
      .map((t) => ({ into: t.key, from: t.continues })),
  };
}

/**
 * The one node of `from` each node of `to` stands for, where there is one: the same key, else
 * the node it renames. One-to-one. Splits and merges into new keys have none.
 */
export function counterpartsOf(matching: NodeMatching): ReadonlyMap<string, string> {
  const counterparts = new Map<string, string>();
  for (const t of matching.continuations) {
    if (t.continues.includes(t.key)) counterparts.set(t.key, t.key);
  }
  for (const r of matching.renamed) counterparts.set(r.to, r.from);
  return counterparts;
}

/**
 * What a key of `from` is called in `to`: the keys of the nodes continuing it, or the key itself
 * when nothing does (the node was removed, and `to` has no node under that key).
 */
export function mapKeysForward(matching: NodeMatching): (fromKey: string) => readonly string[] {
  const continuers = new Map<string, string[]>();
  for (const { key, continues } of matching.continuations) {
    for (const f of continues) {
      const list = continuers.get(f);
      if (list) list.push(key);
      else continuers.set(f, [key]);
    }
  }
  return (fromKey) => continuers.get(fromKey) ?? [fromKey];
}
