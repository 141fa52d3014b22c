import fc from 'fast-check';
import type { Case } from '../case-model/case';
import { buildAnalysisGraph } from './graph/case-graph';
import { rankRoadmapByRiskReduction } from './roadmap-risk-reduction';
import { bruteCandidates, bruteProbability } from './testing/brute-force';
import { makeSpecExampleCase } from './testing/make-case';
import { caseArb } from './testing/random-case';

/*
 * Roadmap order RISK_REDUCTION (SPEC §3.6) against brute force: the fall in Σ P(pathway) with
 * the bundle in place, per unit of cost.
 */

/** Every mitigation and evidence item gets a probability from its position. */
const withProbabilities = (c: Case): Case => ({
  ...c,
  mitigations: c.mitigations.map((m, i) => ({ ...m, probability: 0.05 + 0.1 * (i % 9) })),
  evidence: c.evidence.map((e, i) => ({ ...e, probability: 0.3 / (i + 1) })),
});

const totalRisk = (c: Case, p: ReadonlyMap<string, number>, inPlace: ReadonlySet<string>) =>
  c.pathways.reduce((sum, pathway) => sum + bruteProbability(c, pathway.key, p, { inPlace }), 0);

describe('rankRoadmapByRiskReduction', () => {
  it('gives each candidate the fall in total pathway probability, ranked per unit of cost', () => {
    fc.assert(
      fc.property(caseArb, (generated) => {
        const c = withProbabilities(generated);
        const p = new Map(
          [...c.mitigations, ...c.evidence].map((x) => [x.key, x.probability!] as const),
        );
        const { items, defaultProbabilityUsedBy } = rankRoadmapByRiskReduction({
          graph: buildAnalysisGraph({ case: c }),
        });
        expect(defaultProbabilityUsedBy).toEqual([]);
        expect(items.map((i) => i.key).sort()).toEqual(bruteCandidates(c));
        const before = totalRisk(c, p, new Set());
        for (const item of items) {
          const expected = before - totalRisk(c, p, new Set(item.bundle));
          // Relative to the total: the reduction is a difference of two such sums.
          expect(Math.abs(item.riskReduction - expected)).toBeLessThanOrEqual(1e-9 * before);
        }
        // Ranked by reduction per unit of cost, then reduction, then key.
        for (let i = 1; i < items.length; i++) {
          const [a, b] = [items[i - 1], items[i]];
          expect(
            a.riskReductionPerCost > b.riskReductionPerCost ||
              (a.riskReductionPerCost === b.riskReductionPerCost &&
                (a.riskReduction > b.riskReduction ||
                  (a.riskReduction === b.riskReduction && a.key < b.key))),
          ).toBe(true);
        }
        expect(items.map((i) => i.rank)).toEqual(items.map((_, i) => i + 1));
      }),
      { numRuns: 300 },
    );
  });

  it('ranks the SPEC example: interpretability probes cut the pathway risk', () => {
    // Pathway fails when no-coherent-goals fails (audit AND probes fail) or exfil-detected
    // fails (permissions AND (egress OR pipeline) fail). With the probes planned:
    // P = 0.2 + 0.1·0.3439 − 0.2·0.1·0.3439 ≈ 0.2275. With them in place (p 0.5):
    // P(no-coherent-goals) = 0.2·0.5 = 0.1, so P = 0.1 + 0.03439 − 0.003439 = 0.130951.
    const base = makeSpecExampleCase();
    const probability: Record<string, number> = {
      'alignment-audit': 0.2,
      'interp-probes': 0.5,
      'weight-file-permissions': 0.1,
      'egress-monitor': 0.1,
      'log-pipeline': 0.271,
    };
    const c: Case = {
      ...base,
      mitigations: base.mitigations.map((m) => ({ ...m, probability: probability[m.key] })),
      evidence: base.evidence.map((e) => ({ ...e, probability: probability[e.key] })),
    };
    const [item] = rankRoadmapByRiskReduction({ graph: buildAnalysisGraph({ case: c }) }).items;
    // egress OR pipeline fails: 1 − 0.9·0.729 = 0.3439.
    const exfil = 0.1 * 0.3439;
    const before = 0.2 + exfil - 0.2 * exfil;
    const after = 0.1 + exfil - 0.1 * exfil;
    expect(item.key).toBe('interp-probes');
    expect(item.riskReduction).toBeCloseTo(before - after, 12);
    expect(item.riskReductionPerCost).toBeCloseTo((before - after) / 8, 12);
  });

  it('refuses events without a probability unless a default is given, and lists who used it', () => {
    const c = makeSpecExampleCase();
    const graph = buildAnalysisGraph({ case: c });
    expect(() => rankRoadmapByRiskReduction({ graph })).toThrow(/no probability for/);
    const { defaultProbabilityUsedBy } = rankRoadmapByRiskReduction({
      graph,
      defaultProbability: 0.1,
    });
    expect(defaultProbabilityUsedBy).toEqual([
      'alignment-audit',
      'egress-monitor',
      'interp-probes',
      'log-pipeline',
      'weight-file-permissions',
    ]);
  });
});
