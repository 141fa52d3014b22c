import fc from 'fast-check';
import { analyseCase, computeFailureImpact } from '../analysis';
import { caseArb, maxOrderArb } from '../analysis/testing/random-case';
import { makeCase, makeClaim, makeMitigation, makePathway } from '../analysis/testing/make-case';
import { computeReviewImpact } from './review-impact';

describe('reviewImpact (SPEC §7)', () => {
  it('is what-breaks when every defeater undermines a control that holds', () => {
    fc.assert(
      fc.property(caseArb, maxOrderArb, fc.infiniteStream(fc.boolean()), (c, maxOrder, coins) => {
        const holding = [
          ...c.mitigations.filter((m) => m.status === 'in_place'),
          ...c.evidence.filter((e) => e.status === 'valid'),
        ].map((n) => n.key);
        const failed = holding.filter(() => coins.next().value);
        const impact = computeReviewImpact(
          c,
          failed.map((node) => ({ defeats: 'undermining' as const, node })),
          maxOrder,
        );
        const breaks = computeFailureImpact({
          analysis: analyseCase({ case: c, maxOrder }),
          failed,
        });
        expect(impact).toEqual({
          brokenPathways: breaks.brokenPathways,
          brokenClaims: breaks.brokenClaims,
          weakened: breaks.weakened,
        });
      }),
      { numRuns: 200 },
    );
  });

  it('breaks a pathway through an undercut link, and weakens one that had a spare support', () => {
    const c = makeCase({
      pathways: [
        makePathway({ key: 'p-all', supports: ['claim-a', 'claim-b'] }),
        makePathway({ key: 'p-any', supports: ['claim-a', 'claim-b'], requires: { mode: 'any' } }),
      ],
      claims: [
        makeClaim({ key: 'claim-a', supports: ['m1'] }),
        makeClaim({ key: 'claim-b', supports: ['m2'] }),
      ],
      mitigations: [makeMitigation({ key: 'm1' }), makeMitigation({ key: 'm2' })],
    });
    const impact = computeReviewImpact(
      c,
      [{ defeats: 'undercutting', link: { from: 'claim-b', to: 'p-all' } }],
      4,
    );
    expect(impact.brokenPathways).toEqual([{ key: 'p-all', kind: 'pathway', before: 1, after: 0 }]);
    expect(impact.brokenClaims).toEqual([]);
    // claim-b itself still holds: the undercut is for p-all only.
    expect(impact.weakened).toEqual([]);
    const rebut = computeReviewImpact(c, [{ defeats: 'rebutting', node: 'claim-a' }], 4);
    expect(rebut.brokenClaims.map((b) => b.key)).toEqual(['claim-a']);
    expect(rebut.brokenPathways.map((b) => b.key)).toEqual(['p-all']);
    expect(rebut.weakened).toEqual([{ key: 'p-any', kind: 'pathway', before: 2, after: 1 }]);
  });
});
