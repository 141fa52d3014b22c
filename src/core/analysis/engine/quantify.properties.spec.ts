import fc from 'fast-check';
import type { Case } from '../../case-model/case';
import { describeCaseAnalysis } from '../case-analysis-report';
import { bruteAnalyse, bruteHolds, bruteProbability } from '../testing/brute-force';
import { makeSpecExampleCase } from '../testing/make-case';
import { caseArb, maxOrderArb } from '../testing/random-case';

/*
 * Probabilities and importance (SPEC §3.6) against brute force on random small cases: P(X) as
 * the sum, over every failure set of the events that hold now, of its probability; P(X|e) and
 * P(X|¬e) the same with p(e) set to 1 and 0; rare-event and MCUB over the brute-force minimal
 * cut sets up to maxOrder. Relative tolerance 1e-9 (and see CANCELLATION).
 */

const RELATIVE = 1e-9;
/**
 * A difference of two probabilities near each other (P(X|e) − P(X|¬e), for MIF and CIF) carries
 * rounding of the order of 1e-16 of the terms, whatever its own size: it is allowed this much of
 * `scale`, the terms' size, besides the relative tolerance.
 */
const CANCELLATION = 1e-12;

const close = (actual: number, expected: number, scale = 0): boolean =>
  Math.abs(actual - expected) <=
    RELATIVE * Math.max(Math.abs(expected), 1e-12) + CANCELLATION * scale ||
  (Number.isNaN(actual) && Number.isNaN(expected)) ||
  actual === expected;

/** A case with a probability on some events, and the probability each event analyses with. */
const quantifiedCaseArb = caseArb.chain((c) => {
  const events = [...c.mitigations, ...c.evidence].map((x) => x.key);
  return fc
    .tuple(
      fc.array(fc.option(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { nil: undefined }), {
        minLength: events.length,
        maxLength: events.length,
      }),
      fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    )
    .map(([given, defaultProbability]) => {
      const probabilityOf = new Map(events.map((key, i) => [key, given[i]]));
      const withProbability = <T extends { key: string }>(x: T): T => {
        const p = probabilityOf.get(x.key);
        return p === undefined ? x : { ...x, probability: p };
      };
      const quantified: Case = {
        ...c,
        mitigations: c.mitigations.map(withProbability),
        evidence: c.evidence.map(withProbability),
      };
      return { case: quantified, defaultProbability, probabilityOf };
    });
});

describe('probabilities and importance against brute force', () => {
  it('gives exact P, rare-event and MCUB, and the five importance measures', () => {
    fc.assert(
      fc.property(
        quantifiedCaseArb,
        maxOrderArb,
        ({ case: c, defaultProbability, probabilityOf }, maxOrder) => {
          const p = new Map(
            [...probabilityOf].map(([key, given]) => [key, given ?? defaultProbability]),
          );
          const report = describeCaseAnalysis({
            case: c,
            maxOrder,
            probability: true,
            importance: true,
            defaultProbability,
          });
          expect(report.defaultProbabilityUsedBy).toEqual(
            [...probabilityOf]
              .filter(([key, given]) => given === undefined && bruteHolds(c).get(key))
              .map(([key]) => key)
              .sort(),
          );
          const brute = bruteAnalyse(c);
          for (const pathway of report.pathways) {
            const exact = bruteProbability(c, pathway.key, p);
            const sets = brute.cutSets.get(pathway.key)!.filter((s) => s.length <= maxOrder);
            const setProbability = (s: readonly string[]) =>
              s.reduce((acc, e) => acc * p.get(e)!, 1);
            const rareEvent = sets.reduce((acc, s) => acc + setProbability(s), 0);
            const mcub = 1 - sets.reduce((acc, s) => acc * (1 - setProbability(s)), 1);
            expect(close(pathway.probability!.exact, exact)).toBe(true);
            expect(close(pathway.probability!.rareEvent, rareEvent)).toBe(true);
            expect(close(pathway.probability!.mcub, mcub)).toBe(true);

            for (const i of pathway.importance!) {
              const pe = p.get(i.key)!;
              const given = bruteProbability(c, pathway.key, new Map([...p, [i.key, 1]]));
              const givenNot = bruteProbability(c, pathway.key, new Map([...p, [i.key, 0]]));
              const expected = {
                mif: given - givenNot,
                cif: (pe * (given - givenNot)) / exact,
                dif: (pe * given) / exact,
                raw: given / exact,
                rrw: exact / givenNot,
              };
              const terms = Math.max(given, givenNot);
              const scale = { mif: terms, cif: (pe * terms) / exact, dif: 0, raw: 0, rrw: 0 };
              for (const measure of ['mif', 'cif', 'dif', 'raw', 'rrw'] as const) {
                if (!close(i[measure], expected[measure], scale[measure])) {
                  throw new Error(
                    `${pathway.key} ${i.key} ${measure}: ${i[measure]} vs ${expected[measure]}`,
                  );
                }
              }
            }
            // Every event the pathway depends on is listed: the others have MIF 0.
            const listed = new Set(pathway.importance!.map((i) => i.key));
            for (const set of sets) for (const e of set) expect(listed.has(e)).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('refuses an event with no probability when no default is given, naming it', () => {
    fc.assert(
      fc.property(quantifiedCaseArb, ({ case: c, probabilityOf }) => {
        const holds = bruteHolds(c);
        const missing = [...probabilityOf]
          .filter(([key, given]) => given === undefined && holds.get(key))
          .map(([key]) => key)
          .sort();
        const analyse = () => describeCaseAnalysis({ case: c, maxOrder: 2, probability: true });
        if (missing.length === 0) expect(analyse).not.toThrow();
        else expect(analyse).toThrow(expect.objectContaining({ keys: missing }));
      }),
      { numRuns: 200 },
    );
  });

  it('lists every minimal cut set for maxOrder null', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const brute = bruteAnalyse(c);
        const report = describeCaseAnalysis({ case: c, maxOrder: null });
        for (const pathway of report.pathways) {
          expect(pathway.cutSets).toEqual(brute.cutSets.get(pathway.key));
          expect(pathway.cutSetsCompleteToOrder).toBeNull();
          const margin = brute.margins.get(pathway.key)!;
          expect(pathway.margin).toBe(margin === Infinity ? null : margin);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('describeCaseAnalysis options', () => {
  it('reports probability and importance only when asked', () => {
    const c = makeSpecExampleCase();
    const plain = describeCaseAnalysis({ case: c, maxOrder: 4 });
    expect(plain.pathways[0]).not.toHaveProperty('probability');
    expect(plain.pathways[0]).not.toHaveProperty('importance');
    expect(plain).not.toHaveProperty('defaultProbabilityUsedBy');
    const onlyImportance = describeCaseAnalysis({
      case: c,
      maxOrder: 4,
      importance: true,
      defaultProbability: 0.5,
    });
    expect(onlyImportance.pathways[0]).not.toHaveProperty('probability');
    expect(onlyImportance.pathways[0].importance?.map((i) => i.key)).toEqual([
      'alignment-audit',
      'egress-monitor',
      'log-pipeline',
      'weight-file-permissions',
    ]);
  });

  it('refuses a maxOrder that is not a positive integer or null', () => {
    for (const maxOrder of [0, 1.5, -1]) {
      expect(() => describeCaseAnalysis({ case: makeSpecExampleCase(), maxOrder })).toThrow(
        expect.objectContaining({ code: 'INVALID_MAX_ORDER' }),
      );
    }
  });
});
