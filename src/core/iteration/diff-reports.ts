import {
  analyseCase,
  computeLoadBearingMap,
  computeMargins,
  DEFAULT_MAX_ORDER,
  rankRoadmapItems,
  type ArgumentKind,
  type CaseAnalysis,
} from '../analysis';
import { compareKeys } from '../analysis/graph/case-graph';
import type {
  Case,
  CaseClaim,
  CaseEvidence,
  CaseMitigation,
  CasePathway,
  CaseReport,
  CaseScenario,
  CaseStep,
  NodeKind,
  Requirement,
} from '../case-model/case';
import { formatDuration } from '../case-model/duration';
import { totalLatency } from '../case-model/response-steps';
import { indexNodes, type KindedNode } from '../case-model/index-nodes';
import {
  counterpartsOf,
  mapKeysForward,
  matchNodes,
  type NodeMatching,
  type NodeMerge,
  type NodeRef,
  type NodeRename,
  type NodeSplit,
} from './lineage';

/**
 * SPEC §6 `diffReports`: what changed from one report to the next, in its structure and in its
 * analysis. Nodes are matched by key, else by lineage when `to` iterates on `from` (matchNodes);
 * everything of `from` is expressed in `to`'s keys through that matching, so a rename alone
 * changes no link, pair or margin.
 */

/** A field's value as compared: requirements as 'all', 'any' or 'atLeast K'; absent is null. */
export type FieldValue = string | number | boolean | null;

export interface FieldChange {
  readonly field: string;
  readonly before: FieldValue;
  readonly after: FieldValue;
}

/** A node of `to` whose fields differ from its counterpart's in `from` (same key, or renamed). */
export interface NodeChange {
  readonly key: string;
  /** Its key in `from`: the same unless renamed. */
  readonly previousKey: string;
  readonly kind: NodeKind;
  readonly changes: readonly FieldChange[];
}

export interface TeamChange {
  readonly key: string;
  readonly changes: readonly FieldChange[];
}

export type LinkRelation = 'supports' | 'dependsOn';

/** `node` supports (or dependsOn) `target`. */
export interface CaseLink {
  readonly node: string;
  readonly relation: LinkRelation;
  readonly target: string;
}

/**
 * A scenario of `to` whose fields differ from those of the scenario of that key in `from`
 * (scenarios have no lineage): title, description, pathway, timeToHarm (seconds), and per chain
 * `chain#N.steps` (its steps as text, null when one side has no chain N) and `chain#N.latency`
 * (its total latency, seconds).
 */
export interface ScenarioChange {
  readonly key: string;
  readonly changes: readonly FieldChange[];
}

/** Scenarios (SPEC §8) added, removed and changed, by key. */
export interface ScenarioDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly ScenarioChange[];
}

export interface StructuralDiff {
  /** Report fields (title, model, previous, description, state); the key is `CaseDiff.from/to`. */
  readonly report: readonly FieldChange[];
  readonly teams: {
    readonly added: readonly string[];
    readonly removed: readonly string[];
    readonly changed: readonly TeamChange[];
  };
  readonly added: readonly NodeRef[];
  readonly removed: readonly NodeRef[];
  readonly renamed: readonly NodeRename[];
  readonly splits: readonly NodeSplit[];
  readonly merges: readonly NodeMerge[];
  /** By key in `to`. */
  readonly changed: readonly NodeChange[];
  /**
   * In `to`'s keys: each `from` link stands for the links between the nodes continuing its ends
   * (a removed end keeps its `from` key). Sorted by node, relation, target.
   */
  readonly links: { readonly added: readonly CaseLink[]; readonly removed: readonly CaseLink[] };
}

export interface ArgumentState {
  readonly holds: boolean;
  /** SPEC §3.2; null: more than maxOrder (or nothing can make it fail). */
  readonly margin: number | null;
}

/**
 * A pathway or claim before and after. Every pathway and claim of `to` is listed, by key; then
 * those of `from` that no pathway or claim of `to` stands for (by key or rename), by key.
 */
export interface ArgumentShift {
  /**
   * Its key in `to`; null when `to` has no counterpart (removed, split or merged away) or its
   * counterpart is no longer a pathway or claim.
   */
  readonly key: string | null;
  /**
   * Its key in `from`; null when `from` has no counterpart (new, or a split's or merge's part)
   * or its counterpart was not a pathway or claim.
   */
  readonly previousKey: string | null;
  readonly kind: ArgumentKind;
  readonly before: ArgumentState | null;
  readonly after: ArgumentState | null;
}

/** `loadBearing` (a mitigation or evidence item) is load-bearing for `argument` (SPEC §3.3). */
export interface LoadBearingPair {
  readonly argument: string;
  readonly loadBearing: string;
}

/** One roadmap item (SPEC §3.5), in its own report's keys. */
export interface RoadmapEntry {
  readonly rank: number;
  readonly key: string;
  readonly argumentsStrengthened: number;
  readonly cost: number;
}

export interface AnalysisDiff {
  readonly maxOrder: number;
  readonly arguments: readonly ArgumentShift[];
  /** In `to`'s keys (`from` pairs mapped as links are); sorted by argument, then item. */
  readonly loadBearing: {
    readonly appeared: readonly LoadBearingPair[];
    readonly disappeared: readonly LoadBearingPair[];
  };
  /** The first `roadmapLimit` (default 10) items of each report's roadmap. */
  readonly roadmap: {
    readonly before: readonly RoadmapEntry[];
    readonly after: readonly RoadmapEntry[];
  };
}

export type RegressionReason = 'lostHolding' | 'marginDecreased';

/** A pathway or claim matched one-to-one that held and does not, or whose margin went down. */
export interface ArgumentRegression {
  readonly key: string;
  readonly previousKey: string;
  readonly kind: ArgumentKind;
  readonly reason: RegressionReason;
  readonly before: ArgumentState;
  readonly after: ArgumentState;
}

export interface DiffSummary {
  /**
   * Margins compare as in SPEC §3.4: null (above maxOrder) counts as maxOrder + 1, so a margin
   * going from above maxOrder to maxOrder is a regression and one staying above it is not.
   * Only one-to-one matches count: an argument removed, or split or merged under new keys, is
   * in the structural diff, not here.
   */
  readonly regressions: readonly ArgumentRegression[];
  /**
   * Report and team field changes, nodes added, removed, renamed, split, merged or changed,
   * links, scenarios added, removed or changed.
   */
  readonly structuralChanges: number;
  /** Arguments whose holding or margin differs, or that one side lacks. */
  readonly argumentsChanged: number;
}

export interface CaseDiff {
  readonly from: string;
  readonly to: string;
  readonly structure: StructuralDiff;
  /**
   * The scenarios' structural diff, apart from `structure`: scenarios are not argument nodes
   * (NodeKind) and have no lineage. Absent when neither case has scenarios, so such diffs look
   * as they always did.
   */
  readonly scenarios?: ScenarioDiff;
  readonly analysis: AnalysisDiff;
  readonly summary: DiffSummary;
}

export interface DiffOptions {
  /** 1..MAX_SUPPORTED_ORDER; default DEFAULT_MAX_ORDER. */
  readonly maxOrder?: number;
  /** Roadmap items compared from the top; default 10. */
  readonly roadmapLimit?: number;
}

/** SPEC §6: the structural and analysis diff from `from` to `to`. Identical cases give an empty diff. */
export function diffCases(from: Case, to: Case, options: DiffOptions = {}): CaseDiff {
  const { maxOrder = DEFAULT_MAX_ORDER, roadmapLimit = 10 } = options;
  const matching = matchNodes(from, to);
  const structure = diffStructure(from, to, matching);
  const scenarios =
    from.scenarios || to.scenarios
      ? diffScenarios(from.scenarios ?? [], to.scenarios ?? [])
      : undefined;
  const analysis = diffAnalysis(from, to, matching, maxOrder, roadmapLimit);
  const rank = (m: number | null) => m ?? maxOrder + 1;
  const regressions = analysis.arguments.flatMap((a): ArgumentRegression[] => {
    const { key, previousKey, kind, before, after } = a;
    if (key === null || previousKey === null || !before || !after) return [];
    const reason: RegressionReason | null =
      before.holds && !after.holds
        ? 'lostHolding'
        : rank(before.margin) > rank(after.margin)
          ? 'marginDecreased'
          : null;
    return reason ? [{ key, previousKey, kind, reason, before, after }] : [];
  });
  const structuralChanges =
    structure.report.length +
    structure.teams.added.length +
    structure.teams.removed.length +
    structure.teams.changed.length +
    structure.added.length +
    structure.removed.length +
    structure.renamed.length +
    structure.splits.length +
    structure.merges.length +
    structure.changed.length +
    structure.links.added.length +
    structure.links.removed.length +
    (scenarios ? scenarios.added.length + scenarios.removed.length + scenarios.changed.length : 0);
  const argumentsChanged = analysis.arguments.filter(
    (a) =>
      !a.before ||
      !a.after ||
      a.before.holds !== a.after.holds ||
      a.before.margin !== a.after.margin,
  ).length;
  return {
    from: from.report.key,
    to: to.report.key,
    structure,
    ...(scenarios && { scenarios }),
    analysis,
    summary: { regressions, structuralChanges, argumentsChanged },
  };
}

type AnyNode = CasePathway | CaseClaim | CaseMitigation | CaseEvidence;
const requirementText = (r: Requirement): string =>
  r.mode === 'atLeast' ? `atLeast ${r.atLeast}` : r.mode;

const common = (node: AnyNode) => ({
  description: node.description,
  restricted: node.restricted ?? false,
});

/** The compared fields of a node, absent ones as their default (or null). */
function fieldsOf(n: KindedNode): Record<string, FieldValue> {
  switch (n.kind) {
    case 'pathway':
      return { title: n.node.title, ...common(n.node), requires: requirementText(n.node.requires) };
    case 'claim':
      return {
        statement: n.node.statement,
        kind: n.node.kind,
        ...common(n.node),
        requires: requirementText(n.node.requires),
        assumed: n.node.assumed,
      };
    case 'mitigation':
      return {
        title: n.node.title,
        kind: n.node.kind,
        ...common(n.node),
        team: n.node.team,
        status: n.node.status,
        effort: n.node.effort,
        probability: n.node.probability ?? null,
        verifyEvery: n.node.verifyEvery ?? null,
        lastVerified: n.node.lastVerified ?? null,
      };
    case 'evidence':
      return {
        title: n.node.title,
        ...common(n.node),
        status: n.node.status,
        validUntil: n.node.validUntil ?? null,
        probability: n.node.probability ?? null,
        scope: n.node.scope ?? 'model',
        effort: n.node.effort ?? null,
      };
  }
}

/** Fields in `before`'s order, then those only `after` has. */
function compareFields(
  before: Record<string, FieldValue>,
  after: Record<string, FieldValue>,
): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }))
    .filter((c) => c.before !== c.after);
}

const reportFields = (r: CaseReport): Record<string, FieldValue> => ({
  title: r.title,
  model: r.model,
  previous: r.previous,
  description: r.description,
  state: r.state ?? 'draft',
});

function linksOf(c: Case): CaseLink[] {
  const links: CaseLink[] = [];
  for (const n of [...c.pathways, ...c.claims]) {
    for (const target of n.supports) links.push({ node: n.key, relation: 'supports', target });
  }
  for (const m of c.mitigations) {
    for (const target of m.dependsOn) links.push({ node: m.key, relation: 'dependsOn', target });
  }
  return links;
}

const linkId = (l: CaseLink) => `${l.node}\u0000${l.relation}\u0000${l.target}`;
const compareLinks = (a: CaseLink, b: CaseLink) =>
  compareKeys(a.node, b.node) ||
  compareKeys(a.relation, b.relation) ||
  compareKeys(a.target, b.target);

/** Items of `a` not in `b`, and of `b` not in `a`, by identity; each sorted. */
function setDifferences<T>(
  a: readonly T[],
  b: readonly T[],
  id: (item: T) => string,
  compare: (x: T, y: T) => number,
): { onlyA: T[]; onlyB: T[] } {
  const idsA = new Set(a.map(id));
  const idsB = new Set(b.map(id));
  const unique = (items: readonly T[], exclude: ReadonlySet<string>) => {
    const seen = new Set<string>();
    return items
      .filter((item) => {
        const key = id(item);
        if (exclude.has(key) || seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort(compare);
  };
  return { onlyA: unique(a, idsB), onlyB: unique(b, idsA) };
}

function diffStructure(from: Case, to: Case, matching: NodeMatching): StructuralDiff {
  const fromNodes = indexNodes(from);
  const toNodes = indexNodes(to);
  const counterparts = counterpartsOf(matching);
  const changed: NodeChange[] = [];
  for (const { key } of matching.continuations) {
    const previousKey = counterparts.get(key);
    if (previousKey === undefined) continue;
    const before = fromNodes.get(previousKey)!;
    const after = toNodes.get(key)!;
    const changes = compareFields(
      { ...(before.kind !== after.kind && { nodeKind: before.kind }), ...fieldsOf(before) },
      { ...(before.kind !== after.kind && { nodeKind: after.kind }), ...fieldsOf(after) },
    );
    if (changes.length > 0) changed.push({ key, previousKey, kind: after.kind, changes });
  }

  const forward = mapKeysForward(matching);
  const mapped = linksOf(from).flatMap((l) =>
    forward(l.node).flatMap((node) =>
      forward(l.target).map((target) => ({ node, relation: l.relation, target })),
    ),
  );
  const links = setDifferences(mapped, linksOf(to), linkId, compareLinks);

  const teamsFrom = new Map(from.teams.map((t) => [t.key, t]));
  const teamsTo = new Map(to.teams.map((t) => [t.key, t]));
  const sortedKeys = (keys: Iterable<string>) => [...keys].sort(compareKeys);
  return {
    report: compareFields(reportFields(from.report), reportFields(to.report)),
    teams: {
      added: sortedKeys([...teamsTo.keys()].filter((k) => !teamsFrom.has(k))),
      removed: sortedKeys([...teamsFrom.keys()].filter((k) => !teamsTo.has(k))),
      changed: sortedKeys([...teamsTo.keys()].filter((k) => teamsFrom.has(k))).flatMap((key) => {
        const changes = compareFields(
          { name: teamsFrom.get(key)!.name },
          { name: teamsTo.get(key)!.name },
        );
        return changes.length > 0 ? [{ key, changes }] : [];
      }),
    },
    added: matching.added,
    removed: matching.removed,
    renamed: matching.renamed,
    splits: matching.splits,
    merges: matching.merges,
    changed,
    links: { added: links.onlyB, removed: links.onlyA },
  };
}

function diffScenarios(from: readonly CaseScenario[], to: readonly CaseScenario[]): ScenarioDiff {
  const before = new Map(from.map((sc) => [sc.key, sc]));
  const after = new Map(to.map((sc) => [sc.key, sc]));
  const sortedKeys = (keys: Iterable<string>) => [...keys].sort(compareKeys);
  return {
    added: sortedKeys([...after.keys()].filter((k) => !before.has(k))),
    removed: sortedKeys([...before.keys()].filter((k) => !after.has(k))),
    changed: sortedKeys([...after.keys()].filter((k) => before.has(k))).flatMap((key) => {
      const changes = compareFields(
        scenarioFields(before.get(key)!),
        scenarioFields(after.get(key)!),
      );
      return changes.length > 0 ? [{ key, changes }] : [];
    }),
  };
}

/** A scenario's compared fields; chains are numbered from 1, as their graph keys are. */
function scenarioFields(sc: CaseScenario): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {
    title: sc.title,
    description: sc.description,
    pathway: sc.pathway,
    timeToHarm: sc.timeToHarm,
  };
  sc.chains.forEach((chain, i) => {
    fields[`chain#${i + 1}.steps`] = chain.steps.map(stepText).join(' → ');
    fields[`chain#${i + 1}.latency`] = totalLatency(chain);
  });
  return fields;
}

/** `security-oncall (security) responds 30m, paged`: a step as the case file says it. */
function stepText(step: CaseStep): string {
  const team = step.team === undefined ? '' : ` (${step.team})`;
  const how = [step.automatic && 'automatic', step.paged && 'paged'].filter(Boolean);
  return `${step.mitigation}${team} ${step.action} ${formatDuration(step.latency)}${how.map((h) => `, ${h}`).join('')}`;
}

interface AnalysedCase {
  readonly states: ReadonlyMap<string, ArgumentState & { readonly kind: ArgumentKind }>;
  readonly loadBearing: readonly LoadBearingPair[];
  readonly roadmap: readonly RoadmapEntry[];
}

/** The analyses a diff compares, as the roadmap and margins queries compute them. */
function analyse(c: Case, maxOrder: number, roadmapLimit: number): AnalysedCase {
  const analysis: CaseAnalysis = analyseCase({ case: c, maxOrder });
  const states = new Map(
    computeMargins({ analysis }).map((m) => [
      m.key,
      { kind: m.kind, holds: m.holds, margin: m.margin },
    ]),
  );
  const loadBearing = computeLoadBearingMap({ analysis }).byArgument.flatMap((a) =>
    [...a.mitigations, ...a.evidence].map((item) => ({ argument: a.key, loadBearing: item })),
  );
  const roadmap = rankRoadmapItems({ analysis })
    .slice(0, roadmapLimit)
    .map(({ rank, key, argumentsStrengthened, cost }) => ({
      rank,
      key,
      argumentsStrengthened,
      cost,
    }));
  return { states, loadBearing, roadmap };
}

const pairId = (p: LoadBearingPair) => `${p.argument}\u0000${p.loadBearing}`;
const comparePairs = (a: LoadBearingPair, b: LoadBearingPair) =>
  compareKeys(a.argument, b.argument) || compareKeys(a.loadBearing, b.loadBearing);

function diffAnalysis(
  from: Case,
  to: Case,
  matching: NodeMatching,
  maxOrder: number,
  roadmapLimit: number,
): AnalysisDiff {
  const before = analyse(from, maxOrder, roadmapLimit);
  const after = analyse(to, maxOrder, roadmapLimit);
  const counterparts = counterpartsOf(matching);
  const state = ({ holds, margin }: ArgumentState): ArgumentState => ({ holds, margin });

  const shifts: ArgumentShift[] = [];
  const accounted = new Set<string>();
  for (const [key, now] of [...after.states].sort(([a], [b]) => compareKeys(a, b))) {
    const previousKey = counterparts.get(key) ?? null;
    const was = previousKey === null ? undefined : before.states.get(previousKey);
    if (was) accounted.add(previousKey!);
    shifts.push({
      key,
      previousKey: was ? previousKey : null,
      kind: now.kind,
      before: was ? state(was) : null,
      after: state(now),
    });
  }
  for (const [previousKey, was] of [...before.states].sort(([a], [b]) => compareKeys(a, b))) {
    if (accounted.has(previousKey)) continue;
    shifts.push({ key: null, previousKey, kind: was.kind, before: state(was), after: null });
  }

  const forward = mapKeysForward(matching);
  const mapped = before.loadBearing.flatMap((p) =>
    forward(p.argument).flatMap((argument) =>
      forward(p.loadBearing).map((loadBearing) => ({ argument, loadBearing })),
    ),
  );
  const pairs = setDifferences(mapped, after.loadBearing, pairId, comparePairs);
  return {
    maxOrder,
    arguments: shifts,
    loadBearing: { appeared: pairs.onlyB, disappeared: pairs.onlyA },
    roadmap: { before: before.roadmap, after: after.roadmap },
  };
}
