import fc from 'fast-check';
import { analyseCase, computeMargins } from '../analysis';
import { ROADMAP_COMPARATORS } from '../analysis/roadmap';
import { bruteAnalyse } from '../analysis/testing/brute-force';
import {
  makeCase,
  makeClaim,
  makeEvidence,
  makeMitigation,
  makePathway,
  makeSpecExampleCase,
} from '../analysis/testing/make-case';
import { caseArb, maxOrderArb } from '../analysis/testing/random-case';
import type { Case, CaseEvidence } from '../case-model/case';
import { arbitraryCase } from '../case-model/testing/case.arbitrary';
import { assessReadiness, type ReestablishmentItem } from './readiness';

/* SPEC §6 readiness: what stands between a draft and a report that holds, and which evidence to redo first. */

describe('assessReadiness', () => {
  it('the SPEC example as written: ready, nothing to redo (planned controls are not evidence)', () => {
    expect(assessReadiness(makeSpecExampleCase())).toEqual({
      report: 'test',
      state: 'draft',
      ready: true,
      pathwaysNotHolding: [],
      claimsNotHolding: [],
      evidenceToRedo: [],
      plan: [],
    });
  });

  /*
   * The SPEC example, cloned for the next model: the alignment audit is stale, so
   * no-coherent-goals (any of audit, planned probes) and self-exfiltration do not hold.
   * capability-limits = any(red-team-eval (invalidated), capability-eval): margin 1, 2 once redone.
   * old-audit supports nothing.
   */
  const cloned = (): Case => {
    const c = makeSpecExampleCase();
    return {
      ...c,
      report: { ...c.report, state: 'published' },
      claims: [
        ...c.claims,
        makeClaim({
          key: 'capability-limits',
          requires: { mode: 'any' },
          supports: ['red-team-eval', 'capability-eval'],
        }),
      ],
      evidence: [
        makeEvidence({ key: 'alignment-audit', status: 'stale', effort: 5 }),
        makeEvidence({ key: 'red-team-eval', status: 'invalidated' }),
        makeEvidence({ key: 'capability-eval', scope: 'standing' }),
        makeEvidence({ key: 'old-audit', status: 'stale', scope: 'standing', effort: 1 }),
      ],
    };
  };

  it('a clone with stale evidence: not ready, and the audit to redo first', () => {
    const r = assessReadiness(cloned());
    expect(r).toMatchObject({
      report: 'test',
      state: 'published',
      ready: false,
      pathwaysNotHolding: ['self-exfiltration'],
      claimsNotHolding: ['no-coherent-goals'],
      evidenceToRedo: [
        { key: 'alignment-audit', status: 'stale', scope: 'model', effort: 5 },
        { key: 'old-audit', status: 'stale', scope: 'standing', effort: 1 },
        { key: 'red-team-eval', status: 'invalidated', scope: 'model', effort: null },
      ],
    });
    expect(r.plan).toEqual<ReestablishmentItem[]>([
      {
        rank: 1,
        key: 'alignment-audit',
        bundle: ['alignment-audit'],
        cost: 5,
        missingEffort: [],
        argumentsRestored: 2,
        pathwaysRestored: ['self-exfiltration'],
        claimsRestored: ['no-coherent-goals'],
        newlyHoldingPathways: ['self-exfiltration'],
        newlyHoldingClaims: ['no-coherent-goals'],
        exact: true,
      },
      {
        rank: 2,
        key: 'red-team-eval',
        bundle: ['red-team-eval'],
        cost: 0,
        missingEffort: ['red-team-eval'],
        argumentsRestored: 1,
        pathwaysRestored: [],
        claimsRestored: ['capability-limits'],
        newlyHoldingPathways: [],
        newlyHoldingClaims: [],
        exact: true,
      },
      {
        rank: 3,
        key: 'old-audit',
        bundle: ['old-audit'],
        cost: 1,
        missingEffort: [],
        argumentsRestored: 0,
        pathwaysRestored: [],
        claimsRestored: [],
        newlyHoldingPathways: [],
        newlyHoldingClaims: [],
        exact: true,
      },
    ]);
  });

  it('every pathway holding is not enough: stale evidence alone makes it not ready', () => {
    const c = makeCase({
      pathways: [makePathway({ key: 'p', requires: { mode: 'any' }, supports: ['m', 'e'] })],
      mitigations: [makeMitigation({ key: 'm' })],
      evidence: [makeEvidence({ key: 'e', status: 'stale' })],
    });
    const r = assessReadiness(c);
    expect(r.pathwaysNotHolding).toEqual([]);
    expect(r.ready).toBe(false);
    // Redoing it takes p from margin 1 to 2.
    expect(r.plan.map((i) => [i.key, i.pathwaysRestored, i.newlyHoldingPathways])).toEqual([
      ['e', ['p'], []],
    ]);
  });

  it('ties: pathways restored first, then cost, then key', () => {
    // Each evidence item restores one argument: e-claim a claim only, the others the pathway.
    const c = makeCase({
      pathways: [
        makePathway({
          key: 'p',
          requires: { mode: 'any' },
          supports: ['m', 'e-cheap', 'e-b', 'e-a'],
        }),
      ],
      claims: [makeClaim({ key: 'c', requires: { mode: 'any' }, supports: ['m', 'e-claim'] })],
      mitigations: [
        makeMitigation({ key: 'm' }),
        // Planned work is no part of the plan and does not count as holding.
        makeMitigation({ key: 'planned-m', status: 'planned', effort: 1 }),
      ],
      evidence: [
        makeEvidence({ key: 'e-claim', status: 'stale', effort: 0 }),
        makeEvidence({ key: 'e-b', status: 'stale', effort: 3 }),
        makeEvidence({ key: 'e-a', status: 'invalidated', effort: 3 }),
        makeEvidence({ key: 'e-cheap', status: 'stale', effort: 2 }),
      ],
    });
    expect(assessReadiness(c).plan.map((i) => [i.rank, i.key])).toEqual([
      [1, 'e-cheap'],
      [2, 'e-a'],
      [3, 'e-b'],
      [4, 'e-claim'],
    ]);
  });
});

/** caseArb with evidence efforts (some missing) and scopes, as a cloned report has them. */
const readinessCaseArb: fc.Arbitrary<Case> = caseArb.chain((c) =>
  fc
    .array(
      fc.record({
        effort: fc.option(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(2.5)), {
          nil: undefined,
        }),
        standing: fc.boolean(),
      }),
      { minLength: c.evidence.length, maxLength: c.evidence.length },
    )
    .map((extra): Case => ({
      ...c,
      evidence: c.evidence.map((e, i): CaseEvidence => ({
        ...e,
        ...(extra[i].effort === undefined ? {} : { effort: extra[i].effort }),
        ...(extra[i].standing ? { scope: 'standing' } : {}),
      })),
    })),
);

/** What redoing `key` alone restores, from the margins the analysis gives before and after. */
function redoAlone(c: Case, key: string, maxOrder: number) {
  const margins = (x: Case) =>
    new Map(
      computeMargins({ analysis: analyseCase({ case: x, maxOrder }) }).map((m) => [m.key, m]),
    );
  const before = margins(c);
  const after = margins({
    ...c,
    evidence: c.evidence.map((e) => (e.key === key ? { ...e, status: 'valid' } : e)),
  });
  const rank = (m: number | null) => m ?? maxOrder + 1;
  const rose = [...before.values()].filter((m) => rank(after.get(m.key)!.margin) > rank(m.margin));
  const newly = rose.filter((m) => !m.holds && after.get(m.key)!.holds);
  const keys = (ms: typeof rose, kind: 'pathway' | 'claim') =>
    ms.filter((m) => m.kind === kind).map((m) => m.key);
  const effort = c.evidence.find((e) => e.key === key)!.effort;
  return {
    key,
    bundle: [key],
    cost: effort ?? 0,
    missingEffort: effort === undefined ? [key] : [],
    argumentsRestored: rose.length,
    pathwaysRestored: keys(rose, 'pathway'),
    claimsRestored: keys(rose, 'claim'),
    newlyHoldingPathways: keys(newly, 'pathway'),
    newlyHoldingClaims: keys(newly, 'claim'),
    exact: true,
  };
}

/** SPEC §3.5: arguments desc, pathways desc, cost asc, key asc. */
const specOrder = (a: ReturnType<typeof redoAlone>, b: ReturnType<typeof redoAlone>): number =>
  b.argumentsRestored - a.argumentsRestored ||
  b.pathwaysRestored.length - a.pathwaysRestored.length ||
  a.cost - b.cost ||
  (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

describe('assessReadiness against a reference', () => {
  it('the plan is each item redone alone, ranked as SPEC §3.5 ranks the roadmap', () => {
    fc.assert(
      fc.property(fc.oneof(readinessCaseArb, arbitraryCase()), maxOrderArb, (c, maxOrder) => {
        const r = assessReadiness(c, { maxOrder });
        const toRedo = c.evidence.filter((e) => e.status !== 'valid');
        const expected = toRedo
          .map((e) => redoAlone(c, e.key, maxOrder))
          .sort(specOrder)
          .map((item, i) => ({ rank: i + 1, ...item }));
        expect(r.plan).toEqual(expected);
        // The roadmap's own comparator agrees with the order written out above.
        const asRoadmap = (i: ReestablishmentItem) => ({
          ...i,
          argumentsStrengthened: i.argumentsRestored,
          pathwaysStrengthened: i.pathwaysRestored,
          claimsStrengthened: i.claimsRestored,
        });
        for (let i = 1; i < r.plan.length; i++) {
          expect(
            ROADMAP_COMPARATORS.default(asRoadmap(r.plan[i - 1]), asRoadmap(r.plan[i])),
          ).toBeLessThan(0);
        }

        const margins = computeMargins({ analysis: analyseCase({ case: c, maxOrder }) });
        const notHolding = (kind: string) =>
          margins.filter((m) => m.kind === kind && !m.holds).map((m) => m.key);
        expect(r.pathwaysNotHolding).toEqual(notHolding('pathway'));
        expect(r.claimsNotHolding).toEqual(notHolding('claim'));
        expect(r.evidenceToRedo.map((e) => e.key)).toEqual(toRedo.map((e) => e.key).sort());
        for (const e of r.evidenceToRedo) {
          const source = c.evidence.find((x) => x.key === e.key)!;
          expect(e).toEqual({
            key: source.key,
            status: source.status,
            scope: source.scope ?? 'model',
            effort: source.effort ?? null,
          });
        }
        expect(r.ready).toBe(r.pathwaysNotHolding.length === 0 && toRedo.length === 0);
        expect(r.state).toBe(c.report.state ?? 'draft');
        expect(r.report).toBe(c.report.key);
      }),
      { numRuns: 400 },
    );
  });

  it('restores what brute force says redoing the item restores', () => {
    fc.assert(
      fc.property(readinessCaseArb, maxOrderArb, (c, maxOrder) => {
        const before = bruteAnalyse(c);
        const rank = (m: number) => Math.min(m, maxOrder + 1);
        for (const item of assessReadiness(c, { maxOrder }).plan) {
          const after = bruteAnalyse({
            ...c,
            evidence: c.evidence.map((e) => (e.key === item.key ? { ...e, status: 'valid' } : e)),
          });
          const rose = (keys: readonly string[]) =>
            keys.filter((k) => rank(after.margins.get(k)!) > rank(before.margins.get(k)!)).sort();
          expect(item.pathwaysRestored).toEqual(rose(c.pathways.map((p) => p.key)));
          expect(item.claimsRestored).toEqual(rose(c.claims.map((cl) => cl.key)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
