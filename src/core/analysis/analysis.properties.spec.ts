import fc from 'fast-check';
import { REQUIRE_ALL, type Case, type CaseMitigation } from '../case-model/case';
import { validateCase } from '../case-model/validate-case';
import { buildAnalysisGraph } from './graph/case-graph';
import {
  analyseGraph,
  analyseSuccessor,
  computeMargins,
  computeMinimalCutSets,
  reanalyse,
  type CaseAnalysis,
} from './cut-sets';
import { evaluateHolding } from './graph/holding';
import { computeLoadBearingMap, computeLoadBearingMatrix } from './load-bearing';
import { planRoadmap, rankRoadmapItems, type RoadmapPlanStep } from './roadmap';
import {
  bruteAnalyse,
  bruteCandidates,
  bruteHolds,
  bruteRoadmapItem,
  bruteWhatBreaks,
  reportMargin,
} from './testing/brute-force';
import {
  caseArb,
  evidenceStatusArb,
  maxOrderArb,
  mitigationStatusArb,
} from './testing/random-case';
import { computeFailureImpact } from './what-breaks';

/* The engine against the brute-force reference on thousands of random small valid cases (random-case.ts). */

const basicKeys = (c: Case) => [...c.mitigations, ...c.evidence].map((x) => x.key);
const assertValid = (c: Case) =>
  expect(validateCase({ case: c }).filter((i) => i.severity === 'error')).toEqual([]);

describe('analysis engine against brute force', () => {
  it('evaluates holding, with and without failures, as SPEC §3.1 does', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) => fc.tuple(fc.constant(c), fc.subarray(basicKeys(c)))),
        ([c, failed]) => {
          assertValid(c);
          const graph = buildAnalysisGraph({ case: c });
          expect(Object.fromEntries(evaluateHolding({ graph, failed }))).toEqual(
            Object.fromEntries(bruteHolds(c, { failed: new Set(failed) })),
          );
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('finds exactly the minimal cut sets up to maxOrder, and the margins', () => {
    fc.assert(
      fc.property(caseArb, maxOrderArb, (c, maxOrder) => {
        const brute = bruteAnalyse(c);
        const analysis = analyseGraph({ graph: buildAnalysisGraph({ case: c }), maxOrder });
        const expected = [...brute.cutSets].map(([key, sets]) => ({
          key,
          cutSets: sets.filter((s) => s.length <= maxOrder),
        }));
        expect(
          computeMinimalCutSets({ analysis }).map(({ key, cutSets }) => ({ key, cutSets })),
        ).toEqual(expected);
        expect(computeMargins({ analysis })).toEqual(
          [...brute.margins].map(([key, margin]) => ({
            key,
            kind: c.pathways.some((p) => p.key === key) ? 'pathway' : 'claim',
            holds: brute.holds.get(key),
            margin: reportMargin(margin, maxOrder),
            exact: true,
          })),
        );
      }),
      { numRuns: 2500 },
    );
  });

  it('finds the minimal cut sets after failing some items first', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) => fc.tuple(fc.constant(c), fc.subarray(basicKeys(c)))),
        maxOrderArb,
        ([c, failed], maxOrder) => {
          const brute = bruteAnalyse(c, { failed: new Set(failed) });
          const actual = computeMinimalCutSets({
            graph: buildAnalysisGraph({ case: c }),
            maxOrder,
            failed,
          });
          expect(actual.map(({ key, cutSets }) => [key, cutSets])).toEqual(
            [...brute.cutSets].map(([key, sets]) => [
              key,
              sets.filter((s) => s.length <= maxOrder),
            ]),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('stays exact where it says so when the family size limit cuts families short', () => {
    fc.assert(
      fc.property(
        caseArb,
        maxOrderArb,
        fc.integer({ min: 1, max: 3 }),
        (c, maxOrder, familyLimit) => {
          const brute = bruteAnalyse(c);
          const analysis = analyseGraph({
            graph: buildAnalysisGraph({ case: c }),
            maxOrder,
            familyLimit,
          });
          for (const { key, cutSets, completeToOrder } of computeMinimalCutSets({ analysis })) {
            expect(completeToOrder).toBeGreaterThanOrEqual(1);
            expect(cutSets.filter((s) => s.length <= completeToOrder)).toEqual(
              brute.cutSets.get(key)!.filter((s) => s.length <= completeToOrder),
            );
          }
          for (const { key, margin, exact } of computeMargins({ analysis })) {
            if (exact) expect(margin).toBe(reportMargin(brute.margins.get(key)!, maxOrder));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('maps load-bearing items both ways as the order-1 cut sets (SPEC §3.3)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const brute = bruteAnalyse(c);
        const graph = buildAnalysisGraph({ case: c });
        const map = computeLoadBearingMap({ graph });
        const singles = (key: string) =>
          brute.cutSets
            .get(key)!
            .filter((s) => s.length === 1)
            .map((s) => s[0]);
        const mitigationKeys = new Set(c.mitigations.map((m) => m.key));
        for (const entry of map.byArgument) {
          const expected = singles(entry.key);
          expect(entry.mitigations).toEqual(expected.filter((k) => mitigationKeys.has(k)));
          expect(entry.evidence).toEqual(expected.filter((k) => !mitigationKeys.has(k)));
        }
        for (const entry of map.byEvent) {
          const owners = [...brute.cutSets.keys()].filter((k) => singles(k).includes(entry.key));
          expect([...entry.pathways, ...entry.claims].sort()).toEqual(owners);
        }
        const matrix = computeLoadBearingMatrix({ graph, maxOrder: 2 });
        for (const row of matrix.rows) {
          matrix.pathways.forEach((p, i) =>
            expect(row.loadBearing[i]).toBe(singles(p.key).includes(row.key)),
          );
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reports what breaks as SPEC §3.4 defines it', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) => fc.tuple(fc.constant(c), fc.subarray(basicKeys(c)))),
        maxOrderArb,
        ([c, failed], maxOrder) => {
          const analysis = analyseGraph({ graph: buildAnalysisGraph({ case: c }), maxOrder });
          const { exact, ...impact } = computeFailureImpact({ analysis, failed });
          expect(exact).toBe(true);
          expect(impact).toEqual(bruteWhatBreaks(c, failed, maxOrder));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('evaluates every roadmap candidate as SPEC §3.5 defines it', () => {
    fc.assert(
      fc.property(caseArb, maxOrderArb, (c, maxOrder) => {
        const items = rankRoadmapItems({ graph: buildAnalysisGraph({ case: c }), maxOrder });
        expect(items.map((i) => i.key).sort()).toEqual(bruteCandidates(c));
        for (const { rank, exact, ...item } of items) {
          expect(exact).toBe(true);
          expect(item).toEqual(bruteRoadmapItem(c, item.key, maxOrder));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('re-analyses incrementally to the same margins and cut sets as from scratch', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) =>
          fc.tuple(
            fc.constant(c),
            fc.subarray(basicKeys(c)),
            fc.subarray(c.mitigations.map((m) => m.key)),
          ),
        ),
        maxOrderArb,
        ([c, failed, inPlace], maxOrder) => {
          const graph = buildAnalysisGraph({ case: c });
          const analysis = analyseGraph({ graph, maxOrder });
          const own = analysis.own.slice();
          const seeds = [...new Set([...failed, ...inPlace])].map((k) => graph.nodeByKey.get(k)!);
          for (const k of inPlace) own[graph.nodeByKey.get(k)!] = 1;
          for (const k of failed) own[graph.nodeByKey.get(k)!] = 0;
          const updated = reanalyse({ analysis, own, seeds });
          const brute = bruteAnalyse(c, { failed: new Set(failed), inPlace: new Set(inPlace) });
          expect(
            computeMargins({ analysis: updated }).map((m) => [m.key, m.holds, m.margin]),
          ).toEqual(
            [...brute.margins].map(([key, m]) => [
              key,
              brute.holds.get(key),
              reportMargin(m, maxOrder),
            ]),
          );
          expect(
            computeMinimalCutSets({ analysis: updated }).map((x) => [x.key, x.cutSets]),
          ).toEqual(
            [...brute.cutSets].map(([key, sets]) => [
              key,
              sets.filter((set) => set.length <= maxOrder),
            ]),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('analyses each of a series of status changes from the analysis before it, as from scratch', () => {
    // Each change sets every mitigation's and evidence item's status anew (often to the same);
    // a quarter of them also change a requirement, which is a change of structure.
    const changeArb = fc.record({
      mitigations: fc.array(mitigationStatusArb, { minLength: 7, maxLength: 7 }),
      evidence: fc.array(evidenceStatusArb, { minLength: 4, maxLength: 4 }),
      efforts: fc.array(fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }), {
        minLength: 7,
        maxLength: 7,
      }),
      structural: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    });
    const applyChange = (
      c: Case,
      change: typeof changeArb extends fc.Arbitrary<infer C> ? C : never,
    ): Case => ({
      ...c,
      mitigations: c.mitigations.map((m, i) => ({
        ...m,
        status: change.mitigations[i],
        effort: change.efforts[i],
      })),
      evidence: c.evidence.map((e, i) => ({ ...e, status: change.evidence[i] })),
      pathways: change.structural
        ? c.pathways.map((p, i) =>
            i === 0
              ? { ...p, requires: p.requires.mode === 'any' ? REQUIRE_ALL : { mode: 'any' } }
              : p,
          )
        : c.pathways,
    });
    /** Everything the service reads from an analysis, failing `failed` for what-breaks. */
    const observe = (analysis: CaseAnalysis, failed: readonly string[]) => ({
      margins: computeMargins({ analysis }),
      holds: [...analysis.holds],
      cutSets: computeMinimalCutSets({ analysis }),
      loadBearing: computeLoadBearingMap({ analysis }),
      matrix: computeLoadBearingMatrix({ analysis }),
      roadmap: (['default', 'perEffort', 'pathwaysFirst'] as const).map((order) =>
        rankRoadmapItems({ analysis, order }),
      ),
      plan: planRoadmap({ analysis, budget: 6 }),
      whatBreaks: computeFailureImpact({ analysis, failed }),
      truncated: analysis.truncated,
      statuses: [
        analysis.graph.mitigationStatus,
        analysis.graph.evidenceStatus,
        analysis.graph.effort,
      ],
    });
    fc.assert(
      fc.property(
        caseArb,
        fc.array(changeArb, { minLength: 1, maxLength: 3 }),
        maxOrderArb,
        fc.array(fc.nat(), { maxLength: 2 }),
        (c, changes, maxOrder, failedPicks) => {
          const basic = basicKeys(c);
          const failed = basic.length === 0 ? [] : failedPicks.map((i) => basic[i % basic.length]);
          let analysis = analyseGraph({ graph: buildAnalysisGraph({ case: c }), maxOrder });
          let current = c;
          for (const change of changes) {
            current = applyChange(current, change);
            assertValid(current);
            const graph = buildAnalysisGraph({ case: current });
            analysis = analyseSuccessor({ previous: analysis, graph, maxOrder });
            expect(observe(analysis, failed)).toEqual(
              observe(analyseGraph({ graph, maxOrder }), failed),
            );
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('ranks and plans the same on an analysis already ranked and planned as on a fresh one', () => {
    // Evaluations and planned states are kept per analysis and shared across calls.
    const planCaseArb = caseArb.chain((c) =>
      fc.subarray(c.mitigations.map((m) => m.key)).map((keys) => withStatus(c, keys, 'planned')),
    );
    const orderArb = fc.constantFrom(
      'default' as const,
      'perEffort' as const,
      'pathwaysFirst' as const,
    );
    fc.assert(
      fc.property(
        planCaseArb,
        maxOrderArb,
        fc.array(fc.tuple(orderArb, fc.integer({ min: 0, max: 20 })), {
          minLength: 2,
          maxLength: 4,
        }),
        (c, maxOrder, asks) => {
          const graph = buildAnalysisGraph({ case: c });
          const shared = analyseGraph({ graph, maxOrder });
          for (const [order, budget] of asks) {
            const fresh = () => analyseGraph({ graph, maxOrder });
            expect(rankRoadmapItems({ analysis: shared, order })).toEqual(
              rankRoadmapItems({ analysis: fresh(), order }),
            );
            expect(planRoadmap({ analysis: shared, order, budget })).toEqual(
              planRoadmap({ analysis: fresh(), order, budget }),
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('plans greedily with each step evaluated after the earlier ones, and counts cumulatively', () => {
    // More planned work than the general cases have, so that plans run several steps.
    const planCaseArb = caseArb.chain((c) =>
      fc.subarray(c.mitigations.map((m) => m.key)).map((keys) => withStatus(c, keys, 'planned')),
    );
    fc.assert(
      fc.property(
        planCaseArb,
        maxOrderArb,
        fc.integer({ min: 0, max: 20 }),
        (c, maxOrder, budget) => {
          const plan = planRoadmap({ graph: buildAnalysisGraph({ case: c }), maxOrder, budget });
          let current = c;
          let spent = 0;
          const before = bruteAnalyse(c);
          for (const step of plan.steps) {
            // The pick is the first in the default ranking of the current state that fits and helps.
            const expected = bruteCandidates(current)
              .map((key) => bruteRoadmapItem(current, key, maxOrder))
              .filter((i) => i.argumentsStrengthened > 0 && i.cost <= budget - spent)
              .sort(
                (a, b) =>
                  b.argumentsStrengthened - a.argumentsStrengthened ||
                  b.pathwaysStrengthened.length - a.pathwaysStrengthened.length ||
                  a.cost - b.cost ||
                  (a.key < b.key ? -1 : 1),
              )[0];
            expect(pickItemFields(step)).toEqual(expected);
            current = withStatus(current, step.bundle, 'in_place');
            spent += step.cost;
            const after = bruteAnalyse(current);
            const capped = (m: number) => Math.min(m, maxOrder + 1);
            const cumulative = [...after.margins].filter(
              ([k, m]) => capped(m) > capped(before.margins.get(k)!),
            );
            expect(step.cumulativeArgumentsStrengthened).toBe(cumulative.length);
            expect(step.cumulativeCost).toBeCloseTo(spent);
          }
          expect(plan.spent).toBeLessThanOrEqual(budget);
          const nextPick = bruteCandidates(current)
            .map((key) => bruteRoadmapItem(current, key, maxOrder))
            .find((i) => i.argumentsStrengthened > 0 && i.cost <= budget - spent);
          expect(nextPick).toBeUndefined();
        },
      ),
      { numRuns: 1000 },
    );
  });
});

/** The fields a roadmap item shares with the brute-force one. */
const pickItemFields = (item: RoadmapPlanStep) => ({
  key: item.key,
  bundle: item.bundle,
  cost: item.cost,
  missingEffort: item.missingEffort,
  argumentsStrengthened: item.argumentsStrengthened,
  pathwaysStrengthened: item.pathwaysStrengthened,
  claimsStrengthened: item.claimsStrengthened,
  newlyHoldingPathways: item.newlyHoldingPathways,
  newlyHoldingClaims: item.newlyHoldingClaims,
});

/** The case with the given mitigations' status changed. */
function withStatus(c: Case, keys: readonly string[], status: CaseMitigation['status']): Case {
  const set = new Set(keys);
  return { ...c, mitigations: c.mitigations.map((m) => (set.has(m.key) ? { ...m, status } : m)) };
}
