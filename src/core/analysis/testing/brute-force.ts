import type { Case, CaseMitigation, CaseScenario, Requirement } from '../../case-model/case';

/*
 * A deliberately naive reference for the analysis engine: SPEC §3 evaluated straight off the
 * case, and every question answered by enumerating all failure sets of the basic events that hold.
 * Exponential; only for the small random cases of the property tests. It shares no code with the
 * engine (not even the graph), so agreeing with it means something.
 */

export interface BruteState {
  /** Mitigations and evidence forced to fail. */
  readonly failed?: ReadonlySet<string>;
  /** Mitigations put in place (status treated as in_place). */
  readonly inPlace?: ReadonlySet<string>;
}

/** Whether every node holds under the state (SPEC §3.1), by key. */
export function bruteHolds(c: Case, state: BruteState = {}): Map<string, boolean> {
  const failed = state.failed ?? new Set<string>();
  const inPlace = state.inPlace ?? new Set<string>();
  const mitigations = new Map(c.mitigations.map((m) => [m.key, m]));
  const evidence = new Map(c.evidence.map((e) => [e.key, e]));
  const arguments_ = new Map<
    string,
    { requires: Requirement; supports: readonly string[]; assumed: boolean }
  >([
    ...c.pathways.map((p) => [p.key, { ...p, assumed: false }] as const),
    ...c.claims.map((cl) => [cl.key, cl] as const),
  ]);
  const scenarios = new Map((c.scenarios ?? []).map((s) => [s.key, s]));
  const memo = new Map<string, boolean>();
  const holds = (key: string): boolean => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    const m = mitigations.get(key);
    const e = evidence.get(key);
    const s = scenarios.get(key);
    if (s) {
      // SPEC §3.7: some chain fast enough whose every step's mitigation holds.
      result = s.chains.some(
        (chain) =>
          totalLatency(chain.steps) <= s.timeToHarm &&
          chain.steps.every((step) => holds(step.mitigation)),
      );
    } else if (m) {
      result =
        !failed.has(key) &&
        (m.status === 'in_place' || inPlace.has(key)) &&
        m.dependsOn.every(holds);
    } else if (e) {
      result = !failed.has(key) && e.status === 'valid';
    } else {
      const a = arguments_.get(key)!;
      const holding = a.supports.filter(holds).length;
      const n = a.supports.length;
      if (n === 0) result = a.assumed;
      else if (a.requires.mode === 'all') result = holding === n;
      else if (a.requires.mode === 'any') result = holding >= 1;
      else result = holding >= a.requires.atLeast;
    }
    memo.set(key, result);
    return result;
  };
  return new Map(allKeys(c).map((key) => [key, holds(key)]));
}

const totalLatency = (steps: CaseScenario['chains'][number]['steps']) =>
  steps.reduce((sum, step) => sum + step.latency, 0);

export interface BruteAnalysis {
  readonly holds: ReadonlyMap<string, boolean>;
  /** Every minimal cut set (no order bound) of every pathway and claim, each sorted by key. */
  readonly cutSets: ReadonlyMap<string, string[][]>;
  /** Smallest cut set size (0 when not holding); Infinity when nothing can fail it. */
  readonly margins: ReadonlyMap<string, number>;
  /** The same for scenarios. */
  readonly scenarioCutSets: ReadonlyMap<string, string[][]>;
  readonly scenarioMargins: ReadonlyMap<string, number>;
}

/** Enumerates every subset of the basic events that hold under the state. */
export function bruteAnalyse(c: Case, state: BruteState = {}): BruteAnalysis {
  const holds = bruteHolds(c, state);
  const events = [...c.mitigations, ...c.evidence]
    .map((x) => x.key)
    .filter((k) => holds.get(k))
    .sort();
  const argumentKeys = [...c.pathways, ...c.claims].map((x) => x.key).sort();
  const failedBy = new Map<number, ReadonlyMap<string, boolean>>();
  for (let mask = 0; mask < 1 << events.length; mask++) {
    const failed = new Set(state.failed ?? []);
    events.forEach((e, i) => mask & (1 << i) && failed.add(e));
    failedBy.set(mask, bruteHolds(c, { ...state, failed }));
  }
  const cutSetsOf = (keys: readonly string[]) => {
    const cutSets = new Map<string, string[][]>();
    const margins = new Map<string, number>();
    for (const key of keys) {
      const fails = (mask: number) => !failedBy.get(mask)!.get(key);
      const minimal: string[][] = [];
      for (let mask = 0; mask < 1 << events.length; mask++) {
        // Monotone, so minimal iff removing any one member makes it hold again.
        if (fails(mask) && events.every((_, i) => !(mask & (1 << i)) || !fails(mask & ~(1 << i)))) {
          minimal.push(events.filter((_, i) => mask & (1 << i)));
        }
      }
      cutSets.set(key, minimal.sort(compareKeyLists));
      margins.set(key, minimal.length === 0 ? Infinity : Math.min(...minimal.map((s) => s.length)));
    }
    return { cutSets, margins };
  };
  const { cutSets, margins } = cutSetsOf(argumentKeys);
  const scenarios = cutSetsOf((c.scenarios ?? []).map((s) => s.key).sort());
  return {
    holds,
    cutSets,
    margins,
    scenarioCutSets: scenarios.cutSets,
    scenarioMargins: scenarios.margins,
  };
}

/** A margin as the engine reports it: null above maxOrder. */
export const reportMargin = (margin: number, maxOrder: number): number | null =>
  margin > maxOrder ? null : margin;

/** The case with every step of the given mitigations taking the given latency instead. */
export function withLatencies(
  c: Case,
  latencies: readonly { readonly mitigation: string; readonly latency: number }[],
): Case {
  const override = new Map(latencies.map((l) => [l.mitigation, l.latency]));
  if (!c.scenarios) return c;
  return {
    ...c,
    scenarios: c.scenarios.map((s) => ({
      ...s,
      chains: s.chains.map((chain) => ({
        steps: chain.steps.map((step) => ({
          ...step,
          latency: override.get(step.mitigation) ?? step.latency,
        })),
      })),
    })),
  };
}

/** SPEC §3.4, by enumeration; `latencies` (SPEC §8) apply to the state after. */
export function bruteWhatBreaks(
  c: Case,
  failed: readonly string[],
  maxOrder: number,
  latencies: readonly { readonly mitigation: string; readonly latency: number }[] = [],
) {
  const before = bruteAnalyse(c);
  const after = bruteAnalyse(withLatencies(c, latencies), { failed: new Set(failed) });
  const capped = (m: number) => Math.min(m, maxOrder + 1);
  const given = new Set(failed);
  const alsoFailed = c.mitigations
    .map((m) => m.key)
    .filter((k) => !given.has(k) && before.holds.get(k) && !after.holds.get(k))
    .sort();
  const change = (key: string, kind: 'pathway' | 'claim') => ({
    key,
    kind,
    before: reportMargin(before.margins.get(key)!, maxOrder),
    after: reportMargin(after.margins.get(key)!, maxOrder),
  });
  const broken = (kind: 'pathway' | 'claim', keys: readonly string[]) =>
    keys
      .filter((k) => before.holds.get(k) && !after.holds.get(k))
      .sort()
      .map((k) => change(k, kind));
  const pathwayKeys = c.pathways.map((p) => p.key);
  const claimKeys = c.claims.map((cl) => cl.key);
  const kindOf = (k: string) => (pathwayKeys.includes(k) ? 'pathway' : 'claim');
  const weakened = [...pathwayKeys, ...claimKeys]
    .filter(
      (k) => after.holds.get(k) && capped(after.margins.get(k)!) < capped(before.margins.get(k)!),
    )
    .sort()
    .map((k) => change(k, kindOf(k)));
  return {
    failed: [...given].sort(),
    alsoFailed,
    brokenPathways: broken('pathway', pathwayKeys),
    brokenClaims: broken('claim', claimKeys),
    brokenScenarios: (c.scenarios ?? [])
      .map((s) => s.key)
      .filter((k) => before.holds.get(k) && !after.holds.get(k))
      .sort(),
    weakened,
  };
}

/** SPEC §3.5 for one candidate, by enumeration (cost rule as documented in roadmap.ts). */
export function bruteRoadmapItem(c: Case, candidate: string, maxOrder: number) {
  const mitigations = new Map(c.mitigations.map((m) => [m.key, m]));
  const before = bruteAnalyse(c);
  const bundle = new Set<string>([candidate]);
  const visit = (m: CaseMitigation) =>
    m.dependsOn.forEach((d) => {
      if (!before.holds.get(d) && !bundle.has(d)) {
        bundle.add(d);
        visit(mitigations.get(d)!);
      }
    });
  visit(mitigations.get(candidate)!);
  const members = [...bundle].sort();
  const needsWork = members.filter((k) => mitigations.get(k)!.status !== 'in_place');
  const after = bruteAnalyse(c, { inPlace: bundle });
  const capped = (m: number) => Math.min(m, maxOrder + 1);
  const rises = (k: string) => capped(after.margins.get(k)!) > capped(before.margins.get(k)!);
  const newly = (k: string) => !before.holds.get(k) && after.holds.get(k);
  const pathways = c.pathways.map((p) => p.key).sort();
  const claims = c.claims.map((cl) => cl.key).sort();
  return {
    key: candidate,
    bundle: members,
    cost: needsWork.reduce((sum, k) => sum + (mitigations.get(k)!.effort ?? 0), 0),
    missingEffort: needsWork.filter((k) => mitigations.get(k)!.effort === null),
    argumentsStrengthened: pathways.filter(rises).length + claims.filter(rises).length,
    pathwaysStrengthened: pathways.filter(rises),
    claimsStrengthened: claims.filter(rises),
    newlyHoldingPathways: pathways.filter(newly),
    newlyHoldingClaims: claims.filter(newly),
  };
}

/** Candidates of SPEC §3.5: planned or in-progress mitigations, by key. */
export const bruteCandidates = (c: Case): string[] =>
  c.mitigations
    .filter((m) => m.status === 'planned' || m.status === 'in_progress')
    .map((m) => m.key)
    .sort();

/**
 * SPEC §8's per-scenario report by enumeration: chains by total latency against timeToHarm, and
 * margin and load-bearing mitigations from the scenario's minimal cut sets.
 */
export function bruteScenarioReports(
  c: Case,
  maxOrder: number,
  latencies: readonly { readonly mitigation: string; readonly latency: number }[] = [],
) {
  const timed = withLatencies(c, latencies);
  const analysis = bruteAnalyse(timed);
  return (timed.scenarios ?? [])
    .map((s) => {
      const chains = s.chains.map((chain, index) => {
        const latency = totalLatency(chain.steps);
        const fastEnough = latency <= s.timeToHarm;
        const holds =
          fastEnough && chain.steps.every((step) => analysis.holds.get(step.mitigation));
        return { index, latency, fastEnough, holds };
      });
      const holding = chains.filter((ch) => ch.holds);
      const fastest =
        holding.length === 0 ? null : holding.reduce((a, b) => (b.latency < a.latency ? b : a));
      return {
        key: s.key,
        timeToHarm: s.timeToHarm,
        holds: analysis.holds.get(s.key)!,
        margin: reportMargin(analysis.scenarioMargins.get(s.key)!, maxOrder),
        fastestChain: fastest?.index ?? null,
        latency: fastest?.latency ?? null,
        responseMargin: fastest ? s.timeToHarm - fastest.latency : null,
        loadBearing: analysis.scenarioCutSets
          .get(s.key)!
          .filter((set) => set.length === 1)
          .map((set) => set[0]),
        slowChains: chains.filter((ch) => !ch.fastEnough).map((ch) => ch.index),
        chains,
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

const allKeys = (c: Case): string[] =>
  [...c.pathways, ...c.claims, ...c.mitigations, ...c.evidence, ...(c.scenarios ?? [])].map(
    (x) => x.key,
  );

/** By size, then lexicographically by key. */
export function compareKeyLists(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/**
 * P(key does not hold) (SPEC §3.6) by enumerating every failure set of the mitigations and
 * evidence that hold under the state, each weighted by p per event.
 */
export function bruteProbability(
  c: Case,
  key: string,
  p: ReadonlyMap<string, number>,
  state: BruteState = {},
): number {
  const holds = bruteHolds(c, state);
  const events = allKeys(c).filter(
    (k) => holds.get(k) && [...c.mitigations, ...c.evidence].some((x) => x.key === k),
  );
  let total = 0;
  for (let mask = 0; mask < 1 << events.length; mask++) {
    let weight = 1;
    const failed = new Set(state.failed ?? []);
    events.forEach((e, i) => {
      if (mask & (1 << i)) {
        failed.add(e);
        weight *= p.get(e)!;
      } else {
        weight *= 1 - p.get(e)!;
      }
    });
    if (weight > 0 && !bruteHolds(c, { ...state, failed }).get(key)) total += weight;
  }
  return total;
}
