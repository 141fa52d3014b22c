import { isDeepStrictEqual } from 'node:util';
import type { Case } from './case';

export interface StatusChange {
  readonly kind: 'mitigation' | 'evidence';
  readonly key: string;
  /** Null when the node is new. */
  readonly from: string | null;
  readonly to: string;
}

/** The mitigations and evidence whose status differs between two versions of a case (or is new). */
export function diffStatuses({
  before,
  after,
}: {
  before: Case | null;
  after: Case;
}): StatusChange[] {
  const previous = new Map<string, string>();
  for (const n of [...(before?.mitigations ?? []), ...(before?.evidence ?? [])]) {
    previous.set(n.key, n.status);
  }
  const changes: StatusChange[] = [];
  const collect = (
    kind: StatusChange['kind'],
    nodes: readonly { key: string; status: string }[],
  ) => {
    for (const n of nodes) {
      const from = previous.get(n.key) ?? null;
      if (from !== n.status) changes.push({ kind, key: n.key, from, to: n.status });
    }
  };
  collect('mitigation', after.mitigations);
  collect('evidence', after.evidence);
  return changes;
}

/** Whether two versions of a case differ in nothing but statuses of mitigations and evidence. */
export function onlyStatusesDiffer(a: Case, b: Case): boolean {
  // Edits share what they leave alone, so a status change's case has the same objects but for
  // the node it changed: compare those alone rather than the whole case.
  if (
    a.report === b.report &&
    a.teams === b.teams &&
    a.pathways === b.pathways &&
    a.claims === b.claims &&
    a.scenarios === b.scenarios
  ) {
    return sameButStatuses(a.mitigations, b.mitigations) && sameButStatuses(a.evidence, b.evidence);
  }
  const withoutStatuses = (c: Case) => ({
    ...c,
    mitigations: c.mitigations.map(({ status: _, ...m }) => m),
    evidence: c.evidence.map(({ status: _, ...e }) => e),
  });
  return isDeepStrictEqual(withoutStatuses(a), withoutStatuses(b));
}

function sameButStatuses<T extends { readonly status: string }>(
  a: readonly T[],
  b: readonly T[],
): boolean {
  return (
    a === b ||
    (a.length === b.length &&
      a.every(
        (node, i) =>
          node === b[i] || isDeepStrictEqual({ ...node, status: null }, { ...b[i], status: null }),
      ))
  );
}

/**
 * The case with the statuses in force at some past instant: `statuses` maps each key to its last
 * recorded status by then. A node with no status recorded by then did not exist yet, and counts
 * as not holding (a mitigation `retired`, evidence `invalidated`).
 */
export function withStatusesAt({
  case: c,
  statuses,
}: {
  case: Case;
  statuses: ReadonlyMap<string, string>;
}): Case {
  return {
    ...c,
    mitigations: c.mitigations.map((m) => ({
      ...m,
      status: (statuses.get(m.key) ?? 'retired') as typeof m.status,
    })),
    evidence: c.evidence.map((e) => ({
      ...e,
      status: (statuses.get(e.key) ?? 'invalidated') as typeof e.status,
    })),
  };
}
