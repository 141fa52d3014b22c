import { AnalysisError } from './graph/analysis-error';
import { buildFailureDiagrams } from './engine/failure-diagrams';
import {
  computeFailureProbability,
  computeImportance,
  readEventProbabilities,
  type EventImportance,
  type FailureProbability,
} from './engine/quantify';
import { computeHolds, readOwnStatus } from './graph/holding';
import type { AnalysisGraph } from './graph/types';

/** SPEC §3.6 for one report's case, computed per pathway or claim on first use. */
export interface ReportQuantification {
  /** Events without a probability of their own that used the default, by key. */
  readonly defaulted: readonly string[];
  /** P(X) exactly, with the rare-event and min-cut upper bound over cut sets to maxOrder. */
  probability(key: string): FailureProbability;
  /** The five importance measures of every event X depends on, by key. */
  importance(key: string): readonly EventImportance[];
}

/**
 * Quantifies a case's arguments: the failure diagrams and event probabilities once, each
 * pathway's or claim's answer when first asked. Throws (AnalysisError) naming every event with
 * no probability when no default is given, and on a key that is no pathway or claim.
 */
export function quantifyReport({
  graph,
  maxOrder,
  defaultProbability,
}: {
  readonly graph: AnalysisGraph;
  readonly maxOrder: number | null;
  readonly defaultProbability?: number;
}): ReportQuantification {
  const own = readOwnStatus({ graph });
  const holds = computeHolds({ graph, own });
  const { probabilities, defaulted } = readEventProbabilities({
    graph,
    holds,
    probabilityOf: (n) => graph.probability[n] ?? undefined,
    defaultProbability,
  });
  const diagrams = buildFailureDiagrams({ graph, own });
  const argumentNode = (key: string): number => {
    const node = graph.nodeByKey.get(key);
    if (node === undefined) {
      throw new AnalysisError('UNKNOWN_KEY', `no pathway or claim '${key}'`, [key]);
    }
    if (graph.kinds[node] !== 'pathway' && graph.kinds[node] !== 'claim') {
      throw new AnalysisError('NOT_AN_ARGUMENT', `'${key}' is no pathway or claim`, [key]);
    }
    return node;
  };
  const probabilityByKey = new Map<string, FailureProbability>();
  const importanceByKey = new Map<string, readonly EventImportance[]>();
  return {
    defaulted,
    probability: (key) => {
      let answer = probabilityByKey.get(key);
      if (!answer) {
        const node = argumentNode(key);
        answer = computeFailureProbability({ diagrams, node, probabilities, maxOrder });
        probabilityByKey.set(key, answer);
      }
      return answer;
    },
    importance: (key) => {
      let answer = importanceByKey.get(key);
      if (!answer) {
        answer = computeImportance({ diagrams, node: argumentNode(key), probabilities });
        importanceByKey.set(key, answer);
      }
      return answer;
    },
  };
}
