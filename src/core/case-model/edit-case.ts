import { DomainError, DomainErrorCode } from '../shared/domain-error';
import type {
  Case,
  CaseClaim,
  CaseEvidence,
  CaseMitigation,
  CasePathway,
  CaseReport,
  CaseTeam,
  NodeKind,
} from './case';

/**
 * Pure edits of a case. Each returns a new case; none checks the structural rules (the caller
 * validates the result as a whole), but each refuses edits that name nothing or would reuse a key.
 */

export type NodeOfKind = {
  pathway: CasePathway;
  claim: CaseClaim;
  mitigation: CaseMitigation;
  evidence: CaseEvidence;
};

const COLLECTION = {
  pathway: 'pathways',
  claim: 'claims',
  mitigation: 'mitigations',
  evidence: 'evidence',
} as const satisfies Record<NodeKind, keyof Case>;

export function findNodeKind(c: Case, key: string): NodeKind | null {
  for (const kind of Object.keys(COLLECTION) as NodeKind[]) {
    if (c[COLLECTION[kind]].some((n) => n.key === key)) return kind;
  }
  return null;
}

/** The node of this kind and key; NODE_NOT_FOUND or WRONG_NODE_KIND naming the key otherwise. */
export function requireNode<K extends NodeKind>(c: Case, kind: K, key: string): NodeOfKind[K] {
  const node = (c[COLLECTION[kind]] as readonly NodeOfKind[K][]).find((n) => n.key === key);
  if (node) return node;
  const actual = findNodeKind(c, key);
  if (actual) {
    throw new DomainError(
      DomainErrorCode.WRONG_NODE_KIND,
      `'${key}' is a ${actual}, not a ${kind}`,
    );
  }
  throw new DomainError(
    DomainErrorCode.NODE_NOT_FOUND,
    `no ${kind} '${key}' in report '${c.report.key}'`,
  );
}

/** Scenarios share the nodes' keys (supports may name them), so a new key must avoid theirs too. */
const isScenarioKey = (c: Case, key: string): boolean =>
  (c.scenarios ?? []).some((s) => s.key === key);

function refuseTakenKey(c: Case, key: string): void {
  const kind = findNodeKind(c, key) ?? (isScenarioKey(c, key) ? 'scenario' : null);
  if (kind) {
    throw new DomainError(
      DomainErrorCode.KEY_EXISTS,
      `key '${key}' is already used by a ${kind} in report '${c.report.key}'`,
    );
  }
}

const withCollection = <K extends NodeKind>(
  c: Case,
  kind: K,
  map: (nodes: readonly NodeOfKind[K][]) => readonly NodeOfKind[K][],
): Case => ({ ...c, [COLLECTION[kind]]: map(c[COLLECTION[kind]] as readonly NodeOfKind[K][]) });

/** Applies `f` to every key list, so that renames and deletions reach every reference. */
function mapReferences(c: Case, f: (keys: readonly string[]) => readonly string[]): Case {
  return {
    ...c,
    pathways: c.pathways.map((p) => ({ ...p, supports: f(p.supports) })),
    claims: c.claims.map((cl) => ({ ...cl, supports: f(cl.supports) })),
    mitigations: c.mitigations.map((m) => ({ ...m, dependsOn: f(m.dependsOn) })),
  };
}

export function createNode<K extends NodeKind>(c: Case, kind: K, node: NodeOfKind[K]): Case {
  refuseTakenKey(c, node.key);
  return withCollection(c, kind, (nodes) => [...nodes, node]);
}

/** Updates a node's fields; a new `key` renames it everywhere it is referenced. */
export function updateNode<K extends NodeKind>(
  c: Case,
  kind: K,
  key: string,
  patch: Partial<NodeOfKind[K]>,
): Case {
  requireNode(c, kind, key);
  const newKey = patch.key ?? key;
  if (newKey !== key) refuseTakenKey(c, newKey);
  const updated = withCollection(c, kind, (nodes) =>
    nodes.map((n) => (n.key === key ? withoutEmptyLineage({ ...n, ...patch, key: newKey }) : n)),
  );
  return newKey === key
    ? updated
    : renameInScenarios(
        mapReferences(updated, (keys) => keys.map((k) => (k === key ? newKey : k))),
        key,
        newKey,
      );
}

/** A renamed pathway or mitigation keeps the scenarios that name it (SPEC §8). */
function renameInScenarios(c: Case, from: string, to: string): Case {
  if (!c.scenarios) return c;
  return {
    ...c,
    scenarios: c.scenarios.map((s) => ({
      ...s,
      pathway: s.pathway === from ? to : s.pathway,
      chains: s.chains.map((chain) => ({
        steps: chain.steps.map((step) =>
          step.mitigation === from ? { ...step, mitigation: to } : step,
        ),
      })),
    })),
  };
}

/** An empty `previousKeys` is no lineage: the node is then as a case file without it reads. */
function withoutEmptyLineage<T extends { previousKeys?: readonly string[] }>(node: T): T {
  if (node.previousKeys === undefined || node.previousKeys.length > 0) return node;
  const { previousKeys: _none, ...rest } = node;
  return rest as T;
}

/** Deletes a node and every link to or from it. */
export function deleteNode(c: Case, kind: NodeKind, key: string): Case {
  requireNode(c, kind, key);
  const without = withCollection(c, kind, (nodes) => nodes.filter((n) => n.key !== key));
  return mapReferences(without, (keys) => keys.filter((k) => k !== key));
}

export type LinkType = 'supports' | 'dependsOn';

/** Adds `to` to the `supports` list of a pathway or claim, or the `dependsOn` of a mitigation. */
export function addLink(
  c: Case,
  type: LinkType,
  from: string,
  to: string,
  position?: number,
): Case {
  const list = linkList(c, type, from);
  if (list.includes(to)) {
    throw new DomainError(
      DomainErrorCode.LINK_EXISTS,
      `'${from}' already lists '${to}' in ${type}`,
    );
  }
  if (findNodeKind(c, to) === null && !isScenarioKey(c, to)) {
    throw new DomainError(
      DomainErrorCode.NODE_NOT_FOUND,
      `no node '${to}' in report '${c.report.key}'`,
    );
  }
  const at = position === undefined ? list.length : Math.max(0, Math.min(position, list.length));
  return setLinkList(c, type, from, [...list.slice(0, at), to, ...list.slice(at)]);
}

export function removeLink(c: Case, type: LinkType, from: string, to: string): Case {
  const list = linkList(c, type, from);
  if (!list.includes(to)) {
    throw new DomainError(
      DomainErrorCode.LINK_NOT_FOUND,
      `'${from}' does not list '${to}' in ${type}`,
    );
  }
  return setLinkList(
    c,
    type,
    from,
    list.filter((k) => k !== to),
  );
}

function linkList(c: Case, type: LinkType, from: string): readonly string[] {
  if (type === 'dependsOn') return requireNode(c, 'mitigation', from).dependsOn;
  const kind = findNodeKind(c, from);
  if (kind === 'pathway' || kind === 'claim') return requireNode(c, kind, from).supports;
  if (kind === null) {
    throw new DomainError(
      DomainErrorCode.NODE_NOT_FOUND,
      `no pathway or claim '${from}' in report '${c.report.key}'`,
    );
  }
  throw new DomainError(
    DomainErrorCode.WRONG_NODE_KIND,
    `'${from}' is a ${kind}; only pathways and claims have supports (mitigations use dependsOn)`,
  );
}

function setLinkList(c: Case, type: LinkType, from: string, keys: readonly string[]): Case {
  if (type === 'dependsOn') return updateNode(c, 'mitigation', from, { dependsOn: keys });
  const kind = findNodeKind(c, from) as 'pathway' | 'claim';
  return updateNode(c, kind, from, { supports: keys });
}

/** Updates the report's own fields; undefined fields are left as they are. */
export function updateReport(c: Case, patch: Partial<CaseReport>): Case {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return { ...c, report: { ...c.report, ...defined } };
}

export function createTeam(c: Case, team: CaseTeam): Case {
  if (c.teams.some((t) => t.key === team.key)) {
    throw new DomainError(
      DomainErrorCode.KEY_EXISTS,
      `team '${team.key}' already exists in report '${c.report.key}'`,
    );
  }
  return { ...c, teams: [...c.teams, team] };
}

/** Updates a team; a new key is carried to the mitigations it owns and the steps it acts in. */
export function updateTeam(c: Case, key: string, patch: Partial<CaseTeam>): Case {
  requireTeam(c, key);
  const newKey = patch.key ?? key;
  if (newKey !== key && c.teams.some((t) => t.key === newKey)) {
    throw new DomainError(
      DomainErrorCode.KEY_EXISTS,
      `team '${newKey}' already exists in report '${c.report.key}'`,
    );
  }
  return {
    ...c,
    teams: c.teams.map((t) => (t.key === key ? { ...t, ...patch, key: newKey } : t)),
    mitigations: c.mitigations.map((m) => (m.team === key ? { ...m, team: newKey } : m)),
    ...withStepTeams(c, key, newKey),
  };
}

/** The scenarios with steps acted by team `from` acted by `to` (none: the mitigation's team). */
function withStepTeams(c: Case, from: string, to: string | null): Pick<Case, 'scenarios'> {
  if (!c.scenarios) return {};
  return {
    scenarios: c.scenarios.map((s) => ({
      ...s,
      chains: s.chains.map((chain) => ({
        steps: chain.steps.map((step) => {
          if (step.team !== from) return step;
          const { team: _from, ...rest } = step;
          return to === null ? rest : { ...rest, team: to };
        }),
      })),
    })),
  };
}

/**
 * Deletes a team; its mitigations are left without a team, and its steps are acted by their
 * mitigation's team.
 */
export function deleteTeam(c: Case, key: string): Case {
  requireTeam(c, key);
  return {
    ...c,
    teams: c.teams.filter((t) => t.key !== key),
    mitigations: c.mitigations.map((m) => (m.team === key ? { ...m, team: null } : m)),
    ...withStepTeams(c, key, null),
  };
}

function requireTeam(c: Case, key: string): CaseTeam {
  const team = c.teams.find((t) => t.key === key);
  if (!team) {
    throw new DomainError(
      DomainErrorCode.TEAM_NOT_FOUND,
      `no team '${key}' in report '${c.report.key}'`,
    );
  }
  return team;
}

/** Teams named by mitigations but not declared, declared with no name (files may omit them). */
export function declareReferencedTeams(c: Case): Case {
  const declared = new Set(c.teams.map((t) => t.key));
  const missing = [
    ...new Set(c.mitigations.flatMap((m) => (m.team && !declared.has(m.team) ? [m.team] : []))),
  ];
  return missing.length === 0
    ? c
    : { ...c, teams: [...c.teams, ...missing.map((key) => ({ key, name: null }))] };
}
