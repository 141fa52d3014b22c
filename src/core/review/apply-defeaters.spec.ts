import fc from 'fast-check';
import type { Case } from '../case-model/case';
import { bruteAnalyse, bruteHolds } from '../analysis/testing/brute-force';
import { caseArb } from '../analysis/testing/random-case';
import { analyseCase, computeMargins } from '../analysis';
import { applyDefeaters, defeaterApplies, type Defeater } from './apply-defeaters';

/**
 * SPEC §3.8 evaluated directly, without transforming the case: a rebutted argument does not
 * hold, an undermined event fails, an undercut support counts as not holding for its parent only.
 */
function referenceHolds(c: Case, defeaters: readonly Defeater[], failed: ReadonlySet<string>) {
  const rebutted = new Set(defeaters.flatMap((d) => (d.defeats === 'rebutting' ? [d.node] : [])));
  const undermined = new Set(
    defeaters.flatMap((d) => (d.defeats === 'undermining' ? [d.node] : [])),
  );
  const undercut = new Set(
    defeaters.flatMap((d) => (d.defeats === 'undercutting' ? [`${d.link.to}<${d.link.from}`] : [])),
  );
  const base = bruteHolds(c, { failed: new Set([...failed, ...undermined]) });
  const args = new Map([...c.pathways, ...c.claims].map((a) => [a.key, a]));
  const memo = new Map<string, boolean>();
  const holds = (key: string): boolean => {
    const a = args.get(key);
    if (!a) return base.get(key)!;
    if (memo.has(key)) return memo.get(key)!;
    let result: boolean;
    if (rebutted.has(key)) result = false;
    else if (a.supports.length === 0) result = 'assumed' in a ? a.assumed : false;
    else {
      const n = a.supports.length;
      const holding = a.supports.filter((s) => !undercut.has(`${key}<${s}`) && holds(s)).length;
      const need =
        a.requires.mode === 'all' ? n : a.requires.mode === 'any' ? 1 : a.requires.atLeast;
      result = holding >= need;
    }
    memo.set(key, result);
    return result;
  };
  return new Map([...base.keys()].map((key) => [key, holds(key)]));
}

/** A case and defeaters on its nodes and links. */
const caseWithDefeaters = caseArb.chain((c) => {
  const args = [...c.pathways, ...c.claims];
  const events = [...c.mitigations, ...c.evidence].map((n) => n.key);
  const links = args.flatMap((a) => a.supports.map((from) => ({ from, to: a.key })));
  const options: fc.Arbitrary<Defeater>[] = [];
  if (args.length > 0) {
    options.push(
      fc
        .constantFrom(...args.map((a) => a.key))
        .map((node) => ({ defeats: 'rebutting' as const, node })),
    );
  }
  if (events.length > 0) {
    options.push(
      fc.constantFrom(...events).map((node) => ({ defeats: 'undermining' as const, node })),
    );
  }
  if (links.length > 0) {
    options.push(
      fc.constantFrom(...links).map((link) => ({ defeats: 'undercutting' as const, link })),
    );
  }
  const defeaters =
    options.length > 0 ? fc.array(fc.oneof(...options), { maxLength: 4 }) : fc.constant([]);
  return fc.tuple(fc.constant(c), defeaters);
});

describe('defeaters in the analyses (SPEC §3.8)', () => {
  it('holds exactly as SPEC §3.8 says, under every failure of the basic events', () => {
    fc.assert(
      fc.property(caseWithDefeaters, fc.infiniteStream(fc.boolean()), ([c, defeaters], coins) => {
        const defeated = applyDefeaters(c, defeaters);
        const events = [...c.mitigations, ...c.evidence].map((n) => n.key);
        // A handful of failure sets, always including none.
        for (let round = 0; round < 6; round++) {
          const failed = new Set(round === 0 ? [] : events.filter(() => coins.next().value));
          expect(bruteHolds(defeated, { failed })).toEqual(referenceHolds(c, defeaters, failed));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the engine the margins the brute force finds on the defeated case', () => {
    fc.assert(
      fc.property(caseWithDefeaters, ([c, defeaters]) => {
        const defeated = applyDefeaters(c, defeaters);
        const brute = bruteAnalyse(defeated);
        for (const m of computeMargins({
          analysis: analyseCase({ case: defeated, maxOrder: 4 }),
        })) {
          const expected = brute.margins.get(m.key)!;
          expect({ key: m.key, margin: m.margin }).toEqual({
            key: m.key,
            margin: expected > 4 ? null : expected,
          });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('changes nothing without defeaters, and ignores ones naming nothing', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        expect(applyDefeaters(c, [])).toBe(c);
        expect(
          applyDefeaters(c, [
            { defeats: 'rebutting', node: 'gone' },
            { defeats: 'undermining', node: 'gone' },
            { defeats: 'undercutting', link: { from: 'gone', to: 'also-gone' } },
          ]),
        ).toEqual(c);
      }),
    );
  });

  it.each([
    ['none', 'open', false],
    ['none', 'accepted', false],
    ['accepted', 'accepted', true],
    ['accepted', 'open', false],
    ['openAndAccepted', 'open', true],
    ['openAndAccepted', 'accepted', true],
    ['openAndAccepted', 'addressed', true],
    ['openAndAccepted', 'resolved', false],
    ['accepted', 'addressed', false],
    ['openAndAccepted', 'withdrawn', false],
  ] as const)('under %s, a %s defeater applies: %s', (mode, state, applies) => {
    expect(defeaterApplies(state, mode)).toBe(applies);
  });
});
