import {
  analyseCase,
  computeLoadBearingMap,
  computeMargins,
  listCutSets,
  rankRoadmapItems,
  type RoadmapItem,
} from '.';
import type { Case } from '../case-model/case';

/** What `cli analyze` prints: SPEC §3's answers for one case file. */
export interface CaseReportAnalysis {
  readonly report: string;
  readonly maxOrder: number;
  readonly pathways: readonly {
    readonly key: string;
    readonly holds: boolean;
    /** null: more than maxOrder. */
    readonly margin: number | null;
    readonly loadBearing: readonly string[];
    readonly cutSets: readonly (readonly string[])[];
    readonly cutSetsCompleteToOrder: number;
  }[];
  /** Every mitigation and evidence item that is load-bearing somewhere. */
  readonly loadBearing: readonly {
    key: string;
    kind: string;
    pathways: readonly string[];
    claims: readonly string[];
  }[];
  readonly roadmap: readonly RoadmapItem[];
}

export function describeCaseAnalysis({
  case: c,
  maxOrder,
}: {
  case: Case;
  maxOrder: number;
}): CaseReportAnalysis {
  const analysis = analyseCase({ case: c, maxOrder });
  const map = computeLoadBearingMap({ analysis });
  const lbByArgument = new Map(
    map.byArgument.map((a) => [a.key, [...a.mitigations, ...a.evidence]]),
  );
  const pathways = computeMargins({ analysis })
    .filter((m) => m.kind === 'pathway')
    .map((m) => {
      const cuts = listCutSets({ analysis, key: m.key });
      return {
        key: m.key,
        holds: m.holds,
        margin: m.margin,
        loadBearing: lbByArgument.get(m.key) ?? [],
        cutSets: cuts.cutSets,
        cutSetsCompleteToOrder: cuts.completeToOrder,
      };
    });
  return {
    report: c.report.key,
    maxOrder,
    pathways,
    loadBearing: map.byEvent.filter((e) => e.pathways.length + e.claims.length > 0),
    roadmap: rankRoadmapItems({ analysis }),
  };
}

/** Lines for a terminal. */
export function formatCaseAnalysis(r: CaseReportAnalysis): string[] {
  const margin = (m: number | null) => (m === null ? `>${r.maxOrder}` : String(m));
  const lines = [
    `report '${r.report}' (margins and cut sets up to order ${r.maxOrder})`,
    '',
    'Pathways',
  ];
  for (const p of r.pathways) {
    const status = p.holds ? `holds, margin ${margin(p.margin)}` : 'DOES NOT HOLD';
    lines.push(
      `  ${p.key}: ${status}${p.loadBearing.length > 0 ? `; load-bearing: ${p.loadBearing.join(', ')}` : ''}`,
    );
    const shown = p.cutSets.slice(0, 10);
    for (const set of shown) lines.push(`      {${set.join(', ')}}`);
    if (p.cutSets.length > shown.length) {
      lines.push(`      … ${p.cutSets.length - shown.length} more minimal cut sets`);
    }
  }
  lines.push('', 'Load-bearing controls and evidence');
  if (r.loadBearing.length === 0) lines.push('  none');
  for (const e of r.loadBearing) {
    lines.push(
      `  ${e.key} (${e.kind}): pathways [${e.pathways.join(', ')}], claims [${e.claims.join(', ')}]`,
    );
  }
  lines.push('', 'Roadmap');
  if (r.roadmap.length === 0) lines.push('  no planned or in-progress work');
  for (const item of r.roadmap) {
    const missing =
      item.missingEffort.length > 0 ? ` (no effort for ${item.missingEffort.join(', ')})` : '';
    lines.push(
      `  ${item.rank}. ${item.key}: strengthens ${item.argumentsStrengthened} ` +
        `(pathways: ${item.pathwaysStrengthened.join(', ') || 'none'}); cost ${item.cost}${missing}; bundle ${item.bundle.join(', ')}`,
    );
  }
  return lines;
}
