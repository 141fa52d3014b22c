import fc from 'fast-check';
import { AnalysisError } from './graph/analysis-error';
import { buildAnalysisGraph } from './graph/case-graph';
import { quantifyReport } from './quantify-report';
import { bruteProbability } from './testing/brute-force';
import { makeSpecExampleCase } from './testing/make-case';
import { caseArb } from './testing/random-case';
import type { Case } from '../case-model/case';

/** Every event gets a probability from its key, so that runs are reproducible. */
const withProbabilities = (c: Case): Case => {
  const p = (key: string) => ((key.length * 7) % 10) / 20 + 0.02;
  return {
    ...c,
    mitigations: c.mitigations.map((m) => ({ ...m, probability: p(m.key) })),
    evidence: c.evidence.map((e) => ({ ...e, probability: p(e.key) })),
  };
};

describe('quantifyReport', () => {
  it('gives every pathway and claim the exact failure probability of brute force', () => {
    fc.assert(
      fc.property(caseArb, (generated) => {
        const c = withProbabilities(generated);
        const q = quantifyReport({ graph: buildAnalysisGraph({ case: c }), maxOrder: null });
        const p = new Map([...c.mitigations, ...c.evidence].map((x) => [x.key, x.probability!]));
        for (const x of [...c.pathways, ...c.claims]) {
          const exact = q.probability(x.key).exact;
          expect(Math.abs(exact - bruteProbability(c, x.key, p))).toBeLessThanOrEqual(1e-9);
          // With every cut set (maxOrder null): rare-event ≥ MCUB ≥ exact.
          expect(q.probability(x.key).rareEvent).toBeGreaterThanOrEqual(
            q.probability(x.key).mcub - 1e-12,
          );
        }
        expect(q.defaulted).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('uses the default for events without a probability and names them; without one it refuses', () => {
    const c = makeSpecExampleCase();
    const graph = buildAnalysisGraph({ case: c });
    const q = quantifyReport({ graph, maxOrder: 4, defaultProbability: 0.1 });
    // Holding events only: interp-probes is planned (already failed, probability 1).
    expect(q.defaulted).toEqual([
      'alignment-audit',
      'egress-monitor',
      'log-pipeline',
      'weight-file-permissions',
    ]);
    // self-exfiltration needs no-coherent-goals (alignment-audit, interp-probes failed) and
    // exfil-detected (permissions, or the monitor with its pipeline):
    // P = 1 − (1 − 0.1)·(1 − 0.1·(1 − 0.9·0.9)) = 1 − 0.9·0.981 = 0.1171.
    expect(q.probability('self-exfiltration').exact).toBeCloseTo(0.1171, 12);
    expect(() => quantifyReport({ graph, maxOrder: 4 })).toThrow(AnalysisError);
  });

  it('refuses keys that are no pathway or claim', () => {
    const graph = buildAnalysisGraph({ case: makeSpecExampleCase() });
    const q = quantifyReport({ graph, maxOrder: 4, defaultProbability: 0.1 });
    expect(() => q.probability('nope')).toThrow("no pathway or claim 'nope'");
    expect(() => q.importance('egress-monitor')).toThrow("'egress-monitor' is no pathway or claim");
  });
});
