import { AnalysisError } from '../graph/analysis-error';
import type { AnalysisGraph } from '../graph/types';
import type { FailureDiagrams } from './failure-diagrams';
import { ONE } from './node-store';

/** SPEC §3.6: P(X) exactly (BDD), and the two approximations over its minimal cut sets. */
export interface FailureProbability {
  readonly exact: number;
  /** Σ over the minimal cut sets (up to maxOrder) of their probability. */
  readonly rareEvent: number;
  /** Min-cut upper bound: 1 − Π (1 − P(cut set)) over the same sets. */
  readonly mcub: number;
}

/** Importance of one basic event for X, as SCRAM 0.16 defines the measures. */
export interface EventImportance {
  readonly key: string;
  /** Birnbaum: P(X|e) − P(X|¬e). */
  readonly mif: number;
  /** Criticality: P(e)·MIF / P(X). */
  readonly cif: number;
  /** Fussell–Vesely (diagnostic): P(e)·P(X|e) / P(X). */
  readonly dif: number;
  /** Risk achievement worth: P(X|e) / P(X). */
  readonly raw: number;
  /** Risk reduction worth: P(X) / P(X|¬e). */
  readonly rrw: number;
}

/**
 * Each event's probability by event number, from the case, or `defaultProbability` for those with
 * none (listed in `defaulted`, by key). Events that do not hold now need none: they have
 * occurred (probability 1).
 * Throws naming every event without one when there is no default.
 */
export function readEventProbabilities({
  graph,
  holds,
  probabilityOf,
  defaultProbability,
}: {
  readonly graph: AnalysisGraph;
  /** Whether each node holds now (computeHolds). */
  readonly holds: Uint8Array;
  /** The probability of a mitigation or evidence node, undefined when it has none. */
  readonly probabilityOf: (node: number) => number | undefined;
  readonly defaultProbability?: number;
}): { probabilities: Float64Array; defaulted: string[] } {
  if (defaultProbability !== undefined && !(defaultProbability >= 0 && defaultProbability <= 1)) {
    throw new AnalysisError(
      'INVALID_LIMIT',
      `defaultProbability must be from 0 to 1, got ${defaultProbability}`,
    );
  }
  const probabilities = new Float64Array(graph.eventCount);
  const defaulted: string[] = [];
  graph.nodeOfEvent.forEach((node, event) => {
    const given = probabilityOf(node);
    if (!holds[node]) probabilities[event] = 1;
    else if (given !== undefined) probabilities[event] = given;
    else {
      defaulted.push(graph.keys[node]);
      probabilities[event] = defaultProbability ?? NaN;
    }
  });
  if (defaultProbability === undefined && defaulted.length > 0) {
    throw new AnalysisError(
      'INVALID_LIMIT',
      `no probability for ${defaulted.map((k) => `'${k}'`).join(', ')}; ` +
        'give each a probability or ask with a default probability',
      defaulted,
    );
  }
  return { probabilities, defaulted };
}

/** Probability by BDD level, from probability by event number. */
function byLevel(diagrams: FailureDiagrams, probabilities: Float64Array): Float64Array {
  return Float64Array.from(diagrams.eventOfLevel, (event) => probabilities[event]);
}

export function computeFailureProbability({
  diagrams,
  node,
  probabilities,
  maxOrder,
}: {
  readonly diagrams: FailureDiagrams;
  readonly node: number;
  /** By event number (readEventProbabilities). */
  readonly probabilities: Float64Array;
  readonly maxOrder: number | null;
}): FailureProbability {
  const p = byLevel(diagrams, probabilities);
  const { bdd, zbdd } = diagrams;
  const failure = diagrams.failure[node];
  const cutSets = zbdd.minimalCutSets(bdd, failure, maxOrder);
  return {
    exact: bdd.probability(failure, p),
    rareEvent: zbdd.sumOfProducts(cutSets, p),
    mcub: cutSets === ONE ? 1 : -Math.expm1(zbdd.sumOfLogComplements(cutSets, p)),
  };
}

/**
 * The five importance measures of every event X's failure depends on (those its BDD tests), by
 * key. From one Birnbaum pass: P(X|e) = P + (1 − p)·MIF and P(X|¬e) = P − p·MIF.
 */
export function computeImportance({
  diagrams,
  node,
  probabilities,
}: {
  readonly diagrams: FailureDiagrams;
  readonly node: number;
  readonly probabilities: Float64Array;
}): EventImportance[] {
  const { graph, bdd, eventOfLevel } = diagrams;
  const p = byLevel(diagrams, probabilities);
  const failure = diagrams.failure[node];
  const { probability, mif } = bdd.birnbaum(failure, p);
  const levels = [...new Set(bdd.reachable(failure).map((n) => bdd.store.level[n]))];
  return levels
    .map((level) => eventOfLevel[level])
    .sort((a, b) => a - b)
    .map((event) => {
      const level = diagrams.levelOfEvent[event];
      const q = p[level];
      const birnbaum = mif[level];
      const given = probability + (1 - q) * birnbaum;
      const givenNot = probability - q * birnbaum;
      return {
        key: graph.keys[graph.nodeOfEvent[event]],
        mif: birnbaum,
        cif: (q * birnbaum) / probability,
        dif: (q * given) / probability,
        raw: given / probability,
        rrw: probability / givenNot,
      };
    });
}
