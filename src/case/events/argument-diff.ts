import {
  analyseCase,
  computeMargins,
  DEFAULT_MAX_ORDER,
  type NodeMargin,
} from '../../core/analysis';
import type { Case } from '../../core/case-model/case';

export interface ArgumentDiff {
  readonly broken: readonly MarginShiftValue[];
  readonly restored: readonly MarginShiftValue[];
  readonly marginChanged: readonly MarginShiftValue[];
}

export interface MarginShiftValue {
  readonly key: string;
  readonly nodeKind: 'pathway' | 'claim';
  readonly before: number | null;
  readonly after: number | null;
}

/**
 * What a set of status changes did to the argument: the case with the changed nodes at their
 * statuses before against the same case with them at their statuses after (other nodes as they
 * are), so each event shows its own effect. Pathways and claims that broke, were restored or
 * changed margin.
 */
export function diffArgument({
  base,
  before: statusesBefore,
  after: statusesAfter,
}: {
  base: Case;
  /** Key → status before the change; null when the node was new. */
  before: ReadonlyMap<string, string | null>;
  after: ReadonlyMap<string, string>;
}): ArgumentDiff {
  const withStatuses = (statuses: ReadonlyMap<string, string | null>): Case => ({
    ...base,
    mitigations: base.mitigations.map((m) =>
      statuses.has(m.key)
        ? { ...m, status: (statuses.get(m.key) ?? 'retired') as typeof m.status }
        : m,
    ),
    evidence: base.evidence.map((e) =>
      statuses.has(e.key)
        ? { ...e, status: (statuses.get(e.key) ?? 'invalidated') as typeof e.status }
        : e,
    ),
  });
  const before = withStatuses(statusesBefore);
  const after = withStatuses(statusesAfter);
  const margins = (c: Case) =>
    new Map(
      computeMargins({ analysis: analyseCase({ case: c, maxOrder: DEFAULT_MAX_ORDER }) }).map(
        (m): [string, NodeMargin] => [m.key, m],
      ),
    );
  const was = margins(before);
  const now = margins(after);
  const diff = {
    broken: [] as MarginShiftValue[],
    restored: [] as MarginShiftValue[],
    marginChanged: [] as MarginShiftValue[],
  };
  for (const [key, m] of now) {
    const b = was.get(key);
    if (!b) continue;
    const shift = { key, nodeKind: m.kind, before: b.margin, after: m.margin };
    if (b.holds && !m.holds) diff.broken.push(shift);
    else if (!b.holds && m.holds) diff.restored.push(shift);
    else if (b.holds && m.holds && b.margin !== m.margin) diff.marginChanged.push(shift);
  }
  return diff;
}
