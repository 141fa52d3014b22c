import fc from 'fast-check';
import type { Case } from '../case-model/case';
import { validateCase } from '../case-model/validate-case';
import { analyseGraph, analyseSuccessor, computeMargins, computeMinimalCutSets } from './cut-sets';
import { describeCaseAnalysis } from './case-analysis-report';
import { buildAnalysisGraph } from './graph/case-graph';
import { evaluateHolding } from './graph/holding';
import { computeLoadBearingMap } from './load-bearing';
import { rankRoadmapItems } from './roadmap';
import { computeScenarioReports } from './scenarios';
import {
  bruteAnalyse,
  bruteCandidates,
  bruteHolds,
  bruteProbability,
  bruteRoadmapItem,
  bruteScenarioReports,
  bruteWhatBreaks,
  reportMargin,
} from './testing/brute-force';
import { maxOrderArb, scenarioCaseArb } from './testing/random-case';
import { computeFailureImpact } from './what-breaks';

/*
 * SPEC §3.7: scenarios inside the analyses, against the brute-force reference (which evaluates
 * scenarios straight off the case) on random small cases whose claims and pathways rest on
 * scenarios with fast, slow and repeated-step chains.
 */

const basicKeys = (c: Case) => [...c.mitigations, ...c.evidence].map((x) => x.key);
const mitigationKeys = (c: Case) => c.mitigations.map((m) => m.key);

/** Some overrides of step latencies: slower, faster, or to exactly timeToHarm values. */
const latenciesArb = (c: Case) =>
  fc.array(
    fc.record({
      mitigation: fc.constantFrom(...mitigationKeys(c)),
      latency: fc.constantFrom(0, 300, 3600, 4 * 3600),
    }),
    { maxLength: 2 },
  );
const withLatenciesArb = scenarioCaseArb.chain((c) =>
  fc.tuple(
    fc.constant(c),
    fc.subarray(basicKeys(c)),
    c.mitigations.length === 0 ? fc.constant([]) : latenciesArb(c),
  ),
);

describe('analysis with scenarios against brute force', () => {
  it('generates valid cases', () => {
    fc.assert(
      fc.property(scenarioCaseArb, (c) => {
        expect(validateCase({ case: c }).filter((i) => i.severity === 'error')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('evaluates holding of every node, scenarios included, with and without failures', () => {
    fc.assert(
      fc.property(withLatenciesArb, ([c, failed]) => {
        const graph = buildAnalysisGraph({ case: c });
        expect(Object.fromEntries(evaluateHolding({ graph, failed }))).toEqual(
          Object.fromEntries(bruteHolds(c, { failed: new Set(failed) })),
        );
      }),
      { numRuns: 800 },
    );
  });

  it('finds the minimal cut sets and margins of pathways and claims resting on scenarios', () => {
    fc.assert(
      fc.property(scenarioCaseArb, maxOrderArb, (c, maxOrder) => {
        const brute = bruteAnalyse(c);
        const analysis = analyseGraph({ graph: buildAnalysisGraph({ case: c }), maxOrder });
        expect(computeMinimalCutSets({ analysis }).map((x) => [x.key, x.cutSets])).toEqual(
          [...brute.cutSets].map(([key, sets]) => [key, sets.filter((s) => s.length <= maxOrder)]),
        );
        expect(computeMargins({ analysis }).map((m) => [m.key, m.holds, m.margin])).toEqual(
          [...brute.margins].map(([key, m]) => [
            key,
            brute.holds.get(key),
            reportMargin(m, maxOrder),
          ]),
        );
        const singles = (key: string) =>
          brute.cutSets
            .get(key)!
            .filter((s) => s.length === 1)
            .map((s) => s[0]);
        for (const entry of computeLoadBearingMap({ analysis }).byArgument) {
          expect([...entry.mitigations, ...entry.evidence].sort()).toEqual(singles(entry.key));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reports each scenario (SPEC §8), with and without latency overrides', () => {
    fc.assert(
      fc.property(withLatenciesArb, maxOrderArb, ([c, , latencies], maxOrder) => {
        const graph = buildAnalysisGraph({ case: c });
        expect(computeScenarioReports({ graph, maxOrder, latencies })).toEqual(
          bruteScenarioReports(c, maxOrder, latencies),
        );
        // On a shared analysis too: overrides must not leak into it.
        const analysis = analyseGraph({ graph, maxOrder });
        computeScenarioReports({ analysis, latencies });
        expect(computeScenarioReports({ analysis })).toEqual(bruteScenarioReports(c, maxOrder));
      }),
      { numRuns: 800 },
    );
  });

  it('reports what breaks, with failures and latency overrides, as SPEC §3.4 defines it', () => {
    fc.assert(
      fc.property(withLatenciesArb, maxOrderArb, ([c, failed, latencies], maxOrder) => {
        const analysis = analyseGraph({ graph: buildAnalysisGraph({ case: c }), maxOrder });
        const { exact, ...impact } = computeFailureImpact({ analysis, failed, latencies });
        expect(exact).toBe(true);
        expect(impact).toEqual(bruteWhatBreaks(c, failed, maxOrder, latencies));
      }),
      { numRuns: 1000 },
    );
  });

  it('evaluates every roadmap candidate as SPEC §3.5 defines it', () => {
    fc.assert(
      fc.property(scenarioCaseArb, maxOrderArb, (c, maxOrder) => {
        const items = rankRoadmapItems({ graph: buildAnalysisGraph({ case: c }), maxOrder });
        expect(items.map((i) => i.key).sort()).toEqual(bruteCandidates(c));
        for (const { rank, exact, ...item } of items) {
          expect(exact).toBe(true);
          expect(item).toEqual(bruteRoadmapItem(c, item.key, maxOrder));
        }
      }),
      { numRuns: 600 },
    );
  });

  it('re-analyses a latency change as from scratch (a chain turning slow is a status change)', () => {
    fc.assert(
      fc.property(withLatenciesArb, maxOrderArb, ([c, , latencies], maxOrder) => {
        const previous = analyseGraph({ graph: buildAnalysisGraph({ case: c }), maxOrder });
        const override = new Map(latencies.map((l) => [l.mitigation, l.latency]));
        const changed: Case = {
          ...c,
          scenarios: c.scenarios!.map((s) => ({
            ...s,
            chains: s.chains.map((ch) => ({
              steps: ch.steps.map((st) => ({
                ...st,
                latency: override.get(st.mitigation) ?? st.latency,
              })),
            })),
          })),
        };
        const graph = buildAnalysisGraph({ case: changed });
        const successor = analyseSuccessor({ previous, graph, maxOrder });
        const fresh = analyseGraph({ graph, maxOrder });
        expect(computeMargins({ analysis: successor })).toEqual(
          computeMargins({ analysis: fresh }),
        );
        expect(computeScenarioReports({ analysis: successor })).toEqual(
          computeScenarioReports({ analysis: fresh }),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('gives every cut set and the exact failure probability through scenarios (SPEC §3.6)', () => {
    const quantifiedArb = scenarioCaseArb.chain((c) =>
      fc
        .array(fc.constantFrom(0, 0.1, 0.5, 1), {
          minLength: basicKeys(c).length,
          maxLength: basicKeys(c).length,
        })
        .map((ps): Case => {
          const p = new Map(basicKeys(c).map((k, i) => [k, ps[i]]));
          const withP = <T extends { key: string }>(x: T): T => ({
            ...x,
            probability: p.get(x.key),
          });
          return { ...c, mitigations: c.mitigations.map(withP), evidence: c.evidence.map(withP) };
        }),
    );
    fc.assert(
      fc.property(quantifiedArb, (c) => {
        const p = new Map(
          [...c.mitigations, ...c.evidence].map((x) => [x.key, x.probability!] as const),
        );
        const brute = bruteAnalyse(c);
        const report = describeCaseAnalysis({ case: c, maxOrder: null, probability: true });
        for (const pathway of report.pathways) {
          expect(pathway.cutSets).toEqual(brute.cutSets.get(pathway.key));
          expect(pathway.probability!.exact).toBeCloseTo(bruteProbability(c, pathway.key, p), 10);
        }
      }),
      { numRuns: 300 },
    );
  });
});
