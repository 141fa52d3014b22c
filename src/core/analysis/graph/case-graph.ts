import { REQUIRE_ALL, type Case, type Requirement } from '../../case-model/case';
import { AnalysisError } from './analysis-error';
import type { AnalysisGraph, ChainStep, GraphNodeKind } from './types';

const REQUIRE_ANY: Requirement = { mode: 'any' };

/** Code-unit order: deterministic and locale-independent. */
export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A pathway or claim: the nodes with a margin. */
export const isArgument = (graph: AnalysisGraph, node: number): boolean =>
  graph.kinds[node] === 'pathway' || graph.kinds[node] === 'claim';

/**
 * The graph key of a scenario's chain (0-based index): `#` is outside KEY_PATTERN, so it never
 * clashes with a case key.
 */
export const chainKey = (scenario: string, index: number): string => `${scenario}#${index + 1}`;

/**
 * Indexes a structurally valid case (unique keys, resolvable references, no cycles; see
 * validateCase) as an immutable graph. Node numbers follow key order.
 */
export function buildAnalysisGraph({ case: c }: { readonly case: Case }): AnalysisGraph {
  const scenarios = c.scenarios ?? [];
  const entries: { key: string; kind: GraphNodeKind }[] = [
    ...c.pathways.map((p) => ({ key: p.key, kind: 'pathway' as const })),
    ...c.claims.map((cl) => ({ key: cl.key, kind: 'claim' as const })),
    ...c.mitigations.map((m) => ({ key: m.key, kind: 'mitigation' as const })),
    ...c.evidence.map((e) => ({ key: e.key, kind: 'evidence' as const })),
    ...scenarios.flatMap((s) => [
      { key: s.key, kind: 'scenario' as const },
      ...s.chains.map((_, i) => ({ key: chainKey(s.key, i), kind: 'chain' as const })),
    ]),
  ].sort((a, b) => compareKeys(a.key, b.key));
  const size = entries.length;
  const keys = entries.map((e) => e.key);
  const kinds = entries.map((e) => e.kind);
  const nodeByKey = new Map(keys.map((key, i) => [key, i]));
  const nodeOf = (key: string) => nodeByKey.get(key)!;

  const children: number[][] = Array.from({ length: size }, () => []);
  const requires: (Requirement | null)[] = new Array<Requirement | null>(size).fill(null);
  const assumed: boolean[] = new Array<boolean>(size).fill(false);
  const mitigationStatus = new Array<AnalysisGraph['mitigationStatus'][number]>(size).fill(null);
  const evidenceStatus = new Array<AnalysisGraph['evidenceStatus'][number]>(size).fill(null);
  const effort: (number | null)[] = new Array<number | null>(size).fill(null);
  const probability: (number | null)[] = new Array<number | null>(size).fill(null);
  for (const p of c.pathways) {
    const n = nodeOf(p.key);
    children[n] = p.supports.map(nodeOf);
    requires[n] = p.requires;
  }
  for (const cl of c.claims) {
    const n = nodeOf(cl.key);
    children[n] = cl.supports.map(nodeOf);
    requires[n] = cl.requires;
    assumed[n] = cl.assumed;
  }
  for (const m of c.mitigations) {
    const n = nodeOf(m.key);
    children[n] = m.dependsOn.map(nodeOf);
    mitigationStatus[n] = m.status;
    effort[n] = m.effort;
    probability[n] = m.probability ?? null;
  }
  for (const e of c.evidence) {
    evidenceStatus[nodeOf(e.key)] = e.status;
    probability[nodeOf(e.key)] = e.probability ?? null;
  }
  const timeToHarm = new Array<number | null>(size).fill(null);
  const steps = new Array<readonly ChainStep[] | null>(size).fill(null);
  for (const s of scenarios) {
    const n = nodeOf(s.key);
    timeToHarm[n] = s.timeToHarm;
    requires[n] = REQUIRE_ANY;
    children[n] = s.chains.map((_, i) => nodeOf(chainKey(s.key, i)));
    s.chains.forEach((chain, i) => {
      const chainNode = nodeOf(chainKey(s.key, i));
      const chainSteps = chain.steps.map((step) => ({
        mitigation: nodeOf(step.mitigation),
        latency: step.latency,
      }));
      steps[chainNode] = chainSteps;
      requires[chainNode] = REQUIRE_ALL;
      // A mitigation acting twice in a chain is one support of it.
      children[chainNode] = [...new Set(chainSteps.map((step) => step.mitigation))];
    });
  }
  for (const list of children) list.sort((a, b) => a - b);

  const parents: number[][] = Array.from({ length: size }, () => []);
  children.forEach((list, parent) => list.forEach((child) => parents[child].push(parent)));

  const nodesOfKind = (kind: GraphNodeKind) => kinds.flatMap((k, i) => (k === kind ? [i] : []));
  const eventOfNode = new Array<number>(size).fill(-1);
  const nodeOfEvent: number[] = [];
  kinds.forEach((kind, node) => {
    if (kind === 'mitigation' || kind === 'evidence') {
      eventOfNode[node] = nodeOfEvent.length;
      nodeOfEvent.push(node);
    }
  });

  return {
    size,
    keys,
    kinds,
    nodeByKey,
    children,
    parents,
    requires,
    assumed,
    mitigationStatus,
    evidenceStatus,
    effort,
    probability,
    topoOrder: orderTopologically(children),
    pathways: nodesOfKind('pathway'),
    claims: nodesOfKind('claim'),
    mitigations: nodesOfKind('mitigation'),
    evidence: nodesOfKind('evidence'),
    scenarios: nodesOfKind('scenario'),
    timeToHarm,
    steps,
    eventCount: nodeOfEvent.length,
    eventOfNode,
    nodeOfEvent,
  };
}

/**
 * `graph` with the statuses of `c`, a case that differs from the one the graph was built from in
 * statuses alone (as after status changes; a new version per change): the rest is shared, not
 * rebuilt. Equal to buildAnalysisGraph({ case: c }), which it falls back to when `c` has other
 * mitigations or evidence.
 */
export function graphWithStatuses({
  graph,
  case: c,
}: {
  readonly graph: AnalysisGraph;
  readonly case: Case;
}): AnalysisGraph {
  if (
    c.mitigations.length !== graph.mitigations.length ||
    c.evidence.length !== graph.evidence.length
  ) {
    return buildAnalysisGraph({ case: c });
  }
  const mitigationStatus = graph.mitigationStatus.slice();
  const evidenceStatus = graph.evidenceStatus.slice();
  for (const m of c.mitigations) {
    const n = graph.nodeByKey.get(m.key);
    if (n === undefined || graph.kinds[n] !== 'mitigation') return buildAnalysisGraph({ case: c });
    mitigationStatus[n] = m.status;
  }
  for (const e of c.evidence) {
    const n = graph.nodeByKey.get(e.key);
    if (n === undefined || graph.kinds[n] !== 'evidence') return buildAnalysisGraph({ case: c });
    evidenceStatus[n] = e.status;
  }
  return { ...graph, mitigationStatus, evidenceStatus };
}

/** Iterative post-order DFS: every node after its children. Assumes no cycles. */
function orderTopologically(children: readonly (readonly number[])[]): number[] {
  const order: number[] = [];
  const visited = new Uint8Array(children.length);
  for (let root = 0; root < children.length; root++) {
    if (visited[root]) continue;
    visited[root] = 1;
    const stack: { node: number; next: number }[] = [{ node: root, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const list = children[frame.node];
      if (frame.next < list.length) {
        const child = list[frame.next++];
        if (!visited[child]) {
          visited[child] = 1;
          stack.push({ node: child, next: 0 });
        }
      } else {
        order.push(frame.node);
        stack.pop();
      }
    }
  }
  return order;
}

/**
 * Resolves keys of mitigations and evidence (the only nodes that can fail) to node numbers,
 * ascending and without duplicates. Throws naming every unknown key, or every key of a pathway or claim.
 */
export function resolveBasicEvents({
  graph,
  keys,
}: {
  readonly graph: AnalysisGraph;
  readonly keys: readonly string[];
}): number[] {
  const unique = [...new Set(keys)].sort(compareKeys);
  const unknown = unique.filter((key) => !isCaseKey(graph, key));
  if (unknown.length > 0) {
    throw new AnalysisError(
      'UNKNOWN_KEY',
      `unknown key${plural(unknown)}: ${quote(unknown)}`,
      unknown,
    );
  }
  const nodes = unique.map((key) => graph.nodeByKey.get(key)!);
  const notEvents = nodes.filter((n) => graph.eventOfNode[n] < 0).map((n) => graph.keys[n]);
  if (notEvents.length > 0) {
    throw new AnalysisError(
      'NOT_A_BASIC_EVENT',
      `only mitigations and evidence can fail; ${quote(notEvents)} ${notEvents.length > 1 ? 'are pathways, claims or scenarios' : `is a ${graph.kinds[graph.nodeByKey.get(notEvents[0])!]}`}`,
      notEvents,
    );
  }
  return nodes;
}

/** Resolves the key of a pathway or claim to its node number. */
export function resolveArgument({
  graph,
  key,
}: {
  readonly graph: AnalysisGraph;
  readonly key: string;
}): number {
  const node = isCaseKey(graph, key) ? graph.nodeByKey.get(key) : undefined;
  if (node === undefined) throw new AnalysisError('UNKNOWN_KEY', `unknown key: '${key}'`, [key]);
  const kind = graph.kinds[node];
  if (kind !== 'pathway' && kind !== 'claim') {
    throw new AnalysisError('NOT_AN_ARGUMENT', `'${key}' is a ${kind}, not a pathway or claim`, [
      key,
    ]);
  }
  return node;
}

/** Whether `key` names a node of the case (chains are the graph's own nodes). */
const isCaseKey = (graph: AnalysisGraph, key: string): boolean => {
  const node = graph.nodeByKey.get(key);
  return node !== undefined && graph.kinds[node] !== 'chain';
};

const quote = (keys: readonly string[]) => keys.map((k) => `'${k}'`).join(', ');
const plural = (keys: readonly string[]) => (keys.length > 1 ? 's' : '');
