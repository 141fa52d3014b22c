import type { Case, CaseEvidence } from './case';

export interface CloneFields {
  readonly key: string;
  readonly title?: string | null;
  readonly model?: string | null;
}

/** The clone of a case for the next model, and the evidence its cloning made stale. */
export interface ClonedCase {
  readonly case: Case;
  /** Model-scoped evidence that was not stale in the source: stale in the clone. */
  readonly madeStale: readonly string[];
}

/**
 * SPEC §6: the next model's draft, from the last report. Everything is copied with its key
 * (teams, nodes, links, restricted flags); `previous` names the source, the copy starts as a draft,
 * and lineage is dropped (its nodes continue the source's under the same keys). Model-scoped
 * evidence is about the source's model: it becomes stale. Standing evidence and mitigations (shared
 * controls) keep their status.
 */
export function cloneCase(source: Case, fields: CloneFields): ClonedCase {
  const madeStale: string[] = [];
  const { state: _state, ...report } = source.report;
  const withoutLineage = <T extends { previousKeys?: readonly string[] }>({
    previousKeys: _lineage,
    ...node
  }: T) => node;
  const evidence = source.evidence.map((e): CaseEvidence => {
    const copy = withoutLineage(e);
    if ((e.scope ?? 'model') !== 'model' || e.status === 'stale') return copy;
    madeStale.push(e.key);
    return { ...copy, status: 'stale' };
  });
  return {
    case: {
      report: {
        ...report,
        key: fields.key,
        title: fields.title ?? source.report.title,
        model: fields.model === undefined ? source.report.model : fields.model,
        previous: source.report.key,
      },
      teams: source.teams,
      pathways: source.pathways.map(withoutLineage),
      claims: source.claims.map(withoutLineage),
      mitigations: source.mitigations.map(withoutLineage),
      evidence,
      // SPEC §6: the clone keeps the scenarios.
      ...(source.scenarios ? { scenarios: source.scenarios } : {}),
    },
    madeStale,
  };
}
