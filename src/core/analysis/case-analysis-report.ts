import { describeDuration } from '../case-model/duration';
import { AnalysisError } from './graph/analysis-error';
import { buildAnalysisGraph } from './graph/case-graph';
import type { AnalysisGraph } from './graph/types';
import { analyseGraph, MAX_SUPPORTED_ORDER, type CaseAnalysis } from './cut-sets';
import {
  buildCutSetFamilies,
  buildFailureDiagrams,
  type FailureDiagrams,
} from './engine/failure-diagrams';
import { listSortedSets, nodeCutSetFamily, sortFamilySets } from './engine/minimal-cut-sets';
import {
  COMPACT,
  spacedLayout,
  flattenCutSets,
  writeSetList,
  type FlatCutSets,
  type ListLayout,
} from './cut-sets-json';
import {
  computeFailureProbability,
  computeImportance,
  readEventProbabilities,
  type EventImportance,
  type FailureProbability,
} from './engine/quantify';
import { computeHolds, readOwnStatus } from './graph/holding';
import { computeLoadBearingMap } from './load-bearing';
import { rankRoadmapItems, type RoadmapItem } from './roadmap';
import {
  computeScenarioReports,
  resolveLatencies,
  type LatencyOverride,
  type ScenarioReport,
} from './scenarios';
import type { Case } from '../case-model/case';

/** What `cli analyze` prints: SPEC §3's answers for one case file (SPEC §9's JSON object). */
export interface CaseReportAnalysis {
  readonly report: string;
  /** null: every minimal cut set, margins exact. */
  readonly maxOrder: number | null;
  readonly pathways: readonly {
    readonly key: string;
    readonly holds: boolean;
    /** null: more than maxOrder, or nothing can make it fail. */
    readonly margin: number | null;
    readonly loadBearing: readonly string[];
    readonly cutSets: readonly (readonly string[])[];
    /** Always the order asked for: the engine is exact. */
    readonly cutSetsCompleteToOrder: number | null;
    /** Present when probabilities were asked for. */
    readonly probability?: FailureProbability;
    /** Present when importance was asked for: every event the pathway depends on, by key. */
    readonly importance?: readonly EventImportance[];
  }[];
  /** Every mitigation and evidence item that is load-bearing somewhere. */
  readonly loadBearing: readonly {
    key: string;
    kind: string;
    pathways: readonly string[];
    claims: readonly string[];
  }[];
  readonly roadmap: readonly RoadmapItem[];
  /**
   * SPEC §8's report per scenario; present when the case has scenarios. Their margins are bounded
   * by maxOrder, or by MAX_SUPPORTED_ORDER when it is null (as the roadmap's are).
   */
  readonly scenarios?: readonly ScenarioReport[];
  /** With probabilities: the events that had none and used the default, by key. */
  readonly defaultProbabilityUsedBy?: readonly string[];
}

/**
 * The cut sets of describeCaseAnalysis' pathways in their flat sorted form: a large model has a
 * million of them, and an array per set (with its garbage) cost more than the analysis.
 */
const sortedCutSetsOf = new WeakMap<CaseReportAnalysis['pathways'][number], FlatCutSets>();

/** A pathway's cut sets in flat form: describeCaseAnalysis' own, or its listed sets flattened. */
const flatCutSetsOf = (pathway: CaseReportAnalysis['pathways'][number]): FlatCutSets =>
  sortedCutSetsOf.get(pathway) ?? flattenCutSets(pathway.cutSets);

/** How many cut sets a pathway has, and its first `limit`, without listing the others. */
function firstCutSets(
  pathway: CaseReportAnalysis['pathways'][number],
  limit: number,
): { readonly total: number; readonly first: readonly (readonly string[])[] } {
  const flat = flatCutSetsOf(pathway);
  const first: string[][] = [];
  let total = 0;
  for (const { size, events, count } of flat.sorted) {
    total += count;
    for (let i = 0; i < count && first.length < limit; i++) {
      first.push(Array.from(events.subarray(i * size, i * size + size), flat.toKey));
    }
  }
  return { total, first };
}

// U+0000 can stand in for a list: neither YAML nor XML lets a key (or any text) hold it.
const CUT_SETS_PLACEHOLDER = '\u0000cutSets:';

/**
 * `JSON.stringify(report, null, indent)`, except that with an indent each cut set takes one line,
 * and that describeCaseAnalysis' cut sets are written from their flat form, straight to bytes.
 */
export function stringifyCaseAnalysis(report: CaseReportAnalysis, indent = 0): string {
  // A pathway's fields sit three levels deep: report, pathways, the pathway.
  const layout: ListLayout = indent === 0 ? COMPACT : spacedLayout(' '.repeat(3 * indent), indent);
  const lists: string[] = [];
  const withPlaceholders = (pathway: CaseReportAnalysis['pathways'][number]) => {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(pathway) as (keyof typeof pathway)[]) {
      if (key !== 'cutSets') copy[key] = pathway[key];
      else {
        lists.push(writeSetList(flatCutSetsOf(pathway), layout));
        copy[key] = `${CUT_SETS_PLACEHOLDER}${lists.length - 1}`;
      }
    }
    return copy;
  };
  const text = JSON.stringify(
    report,
    function (this: unknown, key: string, value: unknown) {
      return this === report && key === 'pathways' ? report.pathways.map(withPlaceholders) : value;
    },
    indent,
  );
  return text.replace(/"\\u0000cutSets:(\d+)"/g, (_, index: string) => lists[Number(index)]);
}

export interface CaseAnalysisOptions {
  readonly maxOrder: number | null;
  /** Report P(pathway): exact, rare-event and MCUB. */
  readonly probability?: boolean;
  /** Report the five importance measures per pathway (they need probabilities too). */
  readonly importance?: boolean;
  /** Probability for events that have none; without it such an event is an error. */
  readonly defaultProbability?: number;
  /**
   * What-if (SPEC §8): every step of these mitigations takes the given latency, in every answer
   * (a chain that turns too slow stops holding for the pathways too).
   */
  readonly latencies?: readonly LatencyOverride[];
}

export function describeCaseAnalysis({
  case: c,
  maxOrder,
  probability = false,
  importance = false,
  defaultProbability,
  latencies = [],
}: { case: Case } & CaseAnalysisOptions): CaseReportAnalysis {
  if (maxOrder !== null && (!Number.isInteger(maxOrder) || maxOrder < 1)) {
    throw new AnalysisError(
      'INVALID_MAX_ORDER',
      `maxOrder must be a positive integer or null (every order), got ${maxOrder}`,
    );
  }
  const graph = retimeSteps(buildAnalysisGraph({ case: c }), latencies);
  const own = readOwnStatus({ graph });
  const holds = computeHolds({ graph, own });
  // Cut sets to a finite order come from ZBDDs built bottom-up, truncated at maxOrder: far
  // smaller than the BDD on trees that share a lot. The BDD is built only when needed: for
  // probabilities, and for every cut set (maxOrder null).
  const roots = graph.pathways;
  let diagrams: FailureDiagrams | undefined;
  const diagramsNow = () => (diagrams ??= buildFailureDiagrams({ graph, own, roots }));
  const families = maxOrder === null ? null : buildCutSetFamilies({ graph, own, maxOrder, roots });
  // Load-bearing needs only order-1 cut sets.
  const map = computeLoadBearingMap({ analysis: analyseGraph({ graph, maxOrder: 1 }) });
  const lbByArgument = new Map(
    map.byArgument.map((a) => [a.key, [...a.mitigations, ...a.evidence]]),
  );
  const quantified =
    probability || importance
      ? readEventProbabilities({
          graph,
          holds,
          probabilityOf: (n) => graph.probability[n] ?? undefined,
          defaultProbability,
        })
      : null;
  const toKey = (event: number) => graph.keys[graph.nodeOfEvent[event]];
  const pathways = graph.pathways.map((node) => {
    const sorted = sortFamilySets(
      families
        ? { ...families, family: families.family[node] }
        : nodeCutSetFamily({ diagrams: diagramsNow(), node, maxOrder }),
    );
    let listed: string[][] | undefined;
    const pathway = {
      key: graph.keys[node],
      holds: holds[node] === 1,
      // The smallest set comes first; none up to maxOrder is "more than maxOrder" (SPEC §3.2).
      margin: sorted.length > 0 ? sorted[0].size : null,
      loadBearing: lbByArgument.get(graph.keys[node]) ?? [],
      // Listed on first read: stringifyCaseAnalysis and formatCaseAnalysis write from `sorted`.
      get cutSets(): string[][] {
        return (listed ??= listSortedSets(sorted, toKey));
      },
      cutSetsCompleteToOrder: maxOrder,
      ...(quantified &&
        probability && {
          probability: computeFailureProbability({
            diagrams: diagramsNow(),
            node,
            probabilities: quantified.probabilities,
            maxOrder,
          }),
        }),
      ...(quantified &&
        importance && {
          importance: computeImportance({
            diagrams: diagramsNow(),
            node,
            probabilities: quantified.probabilities,
          }),
        }),
    };
    sortedCutSetsOf.set(pathway, { sorted, toKey });
    return pathway;
  });
  const hasCandidates = c.mitigations.some(
    (m) => m.status === 'planned' || m.status === 'in_progress',
  );
  // The roadmap and scenario margins come from the cut-set families, which go up to
  // MAX_SUPPORTED_ORDER.
  let bounded: CaseAnalysis | undefined;
  const boundedNow = () =>
    (bounded ??= analyseGraph({
      graph,
      maxOrder: Math.min(maxOrder ?? MAX_SUPPORTED_ORDER, MAX_SUPPORTED_ORDER),
    }));
  return {
    report: c.report.key,
    maxOrder,
    pathways,
    loadBearing: map.byEvent.filter((e) => e.pathways.length + e.claims.length > 0),
    roadmap: hasCandidates ? rankRoadmapItems({ analysis: boundedNow() }) : [],
    ...(c.scenarios && { scenarios: computeScenarioReports({ analysis: boundedNow() }) }),
    ...(quantified && { defaultProbabilityUsedBy: quantified.defaulted }),
  };
}

/** Lines for a terminal. */
export function formatCaseAnalysis(r: CaseReportAnalysis): string[] {
  const margin = (m: number | null) =>
    m === null ? (r.maxOrder === null ? 'unbounded' : `>${r.maxOrder}`) : String(m);
  const lines = [
    `report '${r.report}' (margins and cut sets ${r.maxOrder === null ? 'of every order' : `up to order ${r.maxOrder}`})`,
    '',
    'Pathways',
  ];
  for (const p of r.pathways) {
    const status = p.holds ? `holds, margin ${margin(p.margin)}` : 'DOES NOT HOLD';
    lines.push(
      `  ${p.key}: ${status}${p.loadBearing.length > 0 ? `; load-bearing: ${p.loadBearing.join(', ')}` : ''}`,
    );
    if (p.probability) {
      const { exact, rareEvent, mcub } = p.probability;
      lines.push(
        `      P(fails) ${exact.toPrecision(6)} (rare-event ${rareEvent.toPrecision(6)}, MCUB ${mcub.toPrecision(6)})`,
      );
    }
    for (const e of p.importance ?? []) {
      const measures = (['mif', 'cif', 'dif', 'raw', 'rrw'] as const)
        .map((m) => `${m.toUpperCase()} ${e[m].toPrecision(4)}`)
        .join(', ');
      lines.push(`      importance of ${e.key}: ${measures}`);
    }
    const { total, first } = firstCutSets(p, 10);
    for (const set of first) lines.push(`      {${set.join(', ')}}`);
    if (total > first.length) lines.push(`      … ${total - first.length} more minimal cut sets`);
  }
  lines.push('', 'Load-bearing controls and evidence');
  if (r.loadBearing.length === 0) lines.push('  none');
  for (const e of r.loadBearing) {
    lines.push(
      `  ${e.key} (${e.kind}): pathways [${e.pathways.join(', ')}], claims [${e.claims.join(', ')}]`,
    );
  }
  if (r.scenarios) {
    lines.push('', 'Scenarios');
    for (const s of r.scenarios) lines.push(...formatScenario(s));
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

/** A scenario's summary line, then one line per chain (numbered from 1, as in the case file). */
function formatScenario(s: ScenarioReport): string[] {
  const chainName = (index: number) => `chain ${index + 1}`;
  const timing = `time to harm ${describeDuration(s.timeToHarm)}`;
  const status =
    s.fastestChain === null || s.latency === null || s.responseMargin === null
      ? `DOES NOT HOLD (${timing})`
      : `holds: ${chainName(s.fastestChain)} responds in ${describeDuration(s.latency)} ` +
        `(${timing}, response margin ${describeDuration(s.responseMargin)})`;
  const loadBearing = s.loadBearing.length > 0 ? `; load-bearing: ${s.loadBearing.join(', ')}` : '';
  const slow =
    s.slowChains.length > 0 ? `; too slow: ${s.slowChains.map(chainName).join(', ')}` : '';
  return [
    `  ${s.key}: ${status}${loadBearing}${slow}`,
    ...s.chains.map(
      (chain) =>
        `      ${chainName(chain.index)}: ${describeDuration(chain.latency)}, ` +
        (chain.holds ? 'holds' : chain.fastEnough ? 'does not hold' : 'too slow'),
    ),
  ];
}

/**
 * The graph with every step of an overridden mitigation taking its new latency, so that every
 * answer (holding, cut sets, roadmap, scenario reports) sees the what-if.
 */
function retimeSteps(graph: AnalysisGraph, latencies: readonly LatencyOverride[]): AnalysisGraph {
  if (latencies.length === 0) return graph;
  const seconds = resolveLatencies({ graph, latencies });
  return {
    ...graph,
    steps: graph.steps.map(
      (steps) =>
        steps?.map((step) => ({
          ...step,
          latency: seconds.get(step.mitigation) ?? step.latency,
        })) ?? null,
    ),
  };
}
