import { isDuration, parseDuration } from '../case-model/duration';
import { AnalysisError } from './graph/analysis-error';
import { chainKey, resolveBasicEvents } from './graph/case-graph';
import { chainLatency, readOwnStatus } from './graph/holding';
import type { AnalysisGraph } from './graph/types';
import {
  nodeMargin,
  reanalyse,
  resolveAnalysis,
  type AnalysisInput,
  type CaseAnalysis,
} from './cut-sets';
import { singlePointsOfFailure } from './load-bearing';

/** A what-if (SPEC §8): every step of `mitigation` takes `latency` (seconds, or `4h`). */
export interface LatencyOverride {
  readonly mitigation: string;
  readonly latency: number | string;
}

/**
 * Resolves latency overrides to seconds by mitigation node. Throws naming an unknown key, a key
 * that is not a mitigation, or a latency that is not a duration. The last override of a key wins.
 */
export function resolveLatencies({
  graph,
  latencies,
}: {
  readonly graph: AnalysisGraph;
  readonly latencies: readonly LatencyOverride[];
}): Map<number, number> {
  const resolved = new Map<number, number>();
  for (const { mitigation, latency } of latencies) {
    const [node] = resolveBasicEvents({ graph, keys: [mitigation] });
    if (graph.kinds[node] !== 'mitigation') {
      // Codes the API edge already maps (its switch is exhaustive); both are BAD_USER_INPUT.
      throw new AnalysisError(
        'NOT_A_BASIC_EVENT',
        `latencies: '${mitigation}' is evidence; only mitigations act in response steps`,
        [mitigation],
      );
    }
    const seconds = typeof latency === 'string' ? parseDuration(latency) : latency;
    if (seconds === null || !isDuration(seconds)) {
      throw new AnalysisError(
        'INVALID_LIMIT',
        `latencies: '${mitigation}': ${JSON.stringify(latency)} is not a duration (whole seconds, or 30s, 5m, 2h, 3d)`,
        [mitigation],
      );
    }
    resolved.set(node, seconds);
  }
  return resolved;
}

/**
 * Re-times the chains in `own` (a copy the caller owns) under the overrides and returns the chains
 * whose fast-enough status changed: the seeds for reanalyse or what-breaks.
 */
export function retimeChains({
  graph,
  own,
  latencies,
}: {
  readonly graph: AnalysisGraph;
  readonly own: Uint8Array;
  readonly latencies: ReadonlyMap<number, number>;
}): number[] {
  if (latencies.size === 0) return [];
  const timed = readOwnStatus({ graph, latencies });
  const changed: number[] = [];
  for (const s of graph.scenarios) {
    for (const chain of graph.children[s]) {
      if (own[chain] !== timed[chain]) {
        own[chain] = timed[chain];
        changed.push(chain);
      }
    }
  }
  return changed;
}

export interface ScenarioChainReport {
  /** 0-based, in file order. */
  readonly index: number;
  /** Total latency of its steps, seconds (after overrides). */
  readonly latency: number;
  /** latency ≤ timeToHarm. */
  readonly fastEnough: boolean;
  /** Fast enough and every step's mitigation holds. */
  readonly holds: boolean;
}

export interface ScenarioReport {
  readonly key: string;
  readonly timeToHarm: number;
  readonly holds: boolean;
  /** Margin as for a claim (SPEC §3.2): 0 when it does not hold, null above maxOrder. */
  readonly margin: number | null;
  /** Index of the fastest chain that holds (the first on ties); null when none holds. */
  readonly fastestChain: number | null;
  /** Its total latency, seconds. */
  readonly latency: number | null;
  /** timeToHarm − latency, seconds: how much slower the response could be and still hold. */
  readonly responseMargin: number | null;
  /** Mitigations whose failure alone stops the scenario holding (SPEC §3.3), by key. */
  readonly loadBearing: readonly string[];
  /** Indexes of the chains too slow for timeToHarm. */
  readonly slowChains: readonly number[];
  readonly chains: readonly ScenarioChainReport[];
}

/**
 * SPEC §8's per-scenario report, by key, optionally with latency overrides (what if the on-call
 * is not paged). With overrides, an analysis passed in is re-analysed, not changed.
 */
export function computeScenarioReports(
  input: AnalysisInput & { readonly latencies?: readonly LatencyOverride[] },
): ScenarioReport[] {
  const base = resolveAnalysis(input);
  const { graph } = base;
  const latencies = resolveLatencies({ graph, latencies: input.latencies ?? [] });
  const analysis = withRetimedChains(base, latencies);
  return graph.scenarios.map((s) => {
    const timeToHarm = graph.timeToHarm[s]!;
    const chains = chainsOf(graph, s).map((chain, index): ScenarioChainReport => {
      const latency = chainLatency(graph, chain, latencies);
      return {
        index,
        latency,
        fastEnough: latency <= timeToHarm,
        holds: analysis.holds[chain] === 1,
      };
    });
    // Stable on ties: the first of the fastest.
    const fastest = chains
      .filter((ch) => ch.holds)
      .reduce<ScenarioChainReport | null>((a, b) => (a && a.latency <= b.latency ? a : b), null);
    return {
      key: graph.keys[s],
      timeToHarm,
      holds: analysis.holds[s] === 1,
      margin: nodeMargin(analysis, s),
      fastestChain: fastest?.index ?? null,
      latency: fastest?.latency ?? null,
      responseMargin: fastest ? timeToHarm - fastest.latency : null,
      loadBearing: singlePointsOfFailure(analysis, s).map(
        (event) => graph.keys[graph.nodeOfEvent[event]],
      ),
      slowChains: chains.filter((ch) => !ch.fastEnough).map((ch) => ch.index),
      chains,
    };
  });
}

/** The analysis with chains re-timed under `latencies` (itself when nothing changes). */
function withRetimedChains(
  analysis: CaseAnalysis,
  latencies: ReadonlyMap<number, number>,
): CaseAnalysis {
  const own = analysis.own.slice();
  const seeds = retimeChains({ graph: analysis.graph, own, latencies });
  return seeds.length === 0 ? analysis : reanalyse({ analysis, own, seeds });
}

/** A scenario's chain nodes in file order (children are in key order: `#10` before `#2`). */
function chainsOf(graph: AnalysisGraph, scenario: number): number[] {
  return graph.children[scenario].map((_, i) =>
    graph.nodeByKey.get(chainKey(graph.keys[scenario], i))!,
  );
}
