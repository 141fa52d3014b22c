import type {
  Case,
  CaseClaim,
  CaseEvidence,
  CaseMitigation,
  CasePathway,
  CaseScenario,
} from './case';
import { DomainError, DomainErrorCode } from '../shared/domain-error';

/** A node of a case with its kind. */
export type KindedNode =
  | { readonly kind: 'pathway'; readonly node: CasePathway }
  | { readonly kind: 'claim'; readonly node: CaseClaim }
  | { readonly kind: 'mitigation'; readonly node: CaseMitigation }
  | { readonly kind: 'evidence'; readonly node: CaseEvidence };

/** Every node of the case by key (keys are unique across kinds in a valid case). */
export function indexNodes(c: Case): Map<string, KindedNode> {
  const nodes = new Map<string, KindedNode>();
  for (const node of c.pathways) nodes.set(node.key, { kind: 'pathway', node });
  for (const node of c.claims) nodes.set(node.key, { kind: 'claim', node });
  for (const node of c.mitigations) nodes.set(node.key, { kind: 'mitigation', node });
  for (const node of c.evidence) nodes.set(node.key, { kind: 'evidence', node });
  return nodes;
}

/**
 * The node of that key a caller may see: none when there is no such node, or when it is
 * restricted and the caller has no clearance (to such a caller the two are the same).
 */
export function visibleNode(
  nodes: ReadonlyMap<string, KindedNode>,
  key: string,
  clearance: boolean,
): KindedNode | undefined {
  const found = nodes.get(key);
  return found && (clearance || !found.node.restricted) ? found : undefined;
}

/** The scenario of that key a caller may see: a scenario is restricted with its pathway. */
export function visibleScenario(
  c: Case,
  nodes: ReadonlyMap<string, KindedNode>,
  key: string,
  clearance: boolean,
): CaseScenario | undefined {
  const scenario = (c.scenarios ?? []).find((s) => s.key === key);
  return scenario && visibleNode(nodes, scenario.pathway, clearance) ? scenario : undefined;
}

/**
 * The visible node of that key, or NODE_NOT_FOUND: to a caller without clearance a restricted
 * node is a node that does not exist, with the same message. `what` names it (node, evidence).
 */
export function requireVisibleNode(
  nodes: ReadonlyMap<string, KindedNode>,
  key: string,
  clearance: boolean,
  reportKey: string,
  what = 'node',
): KindedNode {
  const found = visibleNode(nodes, key, clearance);
  if (!found) {
    throw new DomainError(
      DomainErrorCode.NODE_NOT_FOUND,
      `report '${reportKey}' has no ${what} '${key}'`,
    );
  }
  return found;
}
