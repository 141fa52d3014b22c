import { buildAnalysisGraph } from './graph/case-graph';
import { makeCase, makeClaim, makeMitigation, makePathway } from './testing/make-case';
import { computeFailureImpact } from './what-breaks';

/*
 * Losing one of three redundant monitors weakens their claim but not the claims above it:
 *   pathway p = any(x, y)            y = all(y1): margin 1
 *   x = all(q, r)                    q = any(a, b): margin 2;  r = any(c, d, e): margin 3
 * x fails with q or r, so its margin is min(2, 3) = 2; p needs x and y to fail: 2 + 1 = 3.
 * With c failed, r = any(d, e) has margin 2. x stays at min(2, 2) = 2 although it gained a cut
 * set ({d, e}) of the same size, and p stays at 3: only r is weakened.
 */
const c = makeCase({
  pathways: [makePathway({ key: 'p', requires: { mode: 'any' }, supports: ['x', 'y'] })],
  claims: [
    makeClaim({ key: 'x', supports: ['q', 'r'] }),
    makeClaim({ key: 'q', requires: { mode: 'any' }, supports: ['a', 'b'] }),
    makeClaim({ key: 'r', requires: { mode: 'any' }, supports: ['c', 'd', 'e'] }),
    makeClaim({ key: 'y', supports: ['y1'] }),
  ],
  mitigations: ['a', 'b', 'c', 'd', 'e', 'y1'].map((key) => makeMitigation({ key })),
});

describe('what breaks when one of several redundant controls fails', () => {
  it('weakens only the claim that lost redundancy, not those whose margin stays', () => {
    expect(computeFailureImpact({ graph: buildAnalysisGraph({ case: c }), failed: ['c'] })).toEqual(
      {
        failed: ['c'],
        alsoFailed: [],
        brokenPathways: [],
        brokenClaims: [],
        brokenScenarios: [],
        weakened: [{ key: 'r', kind: 'claim', before: 3, after: 2 }],
        exact: true,
      },
    );
  });

  it('weakens the whole chain when a second one fails', () => {
    // With c and d failed, r rests on e alone (1), so x drops to 1 and p to 1 + 1 = 2.
    const impact = computeFailureImpact({
      graph: buildAnalysisGraph({ case: c }),
      failed: ['c', 'd'],
    });
    expect(impact.weakened).toEqual([
      { key: 'p', kind: 'pathway', before: 3, after: 2 },
      { key: 'r', kind: 'claim', before: 3, after: 1 },
      { key: 'x', kind: 'claim', before: 2, after: 1 },
    ]);
  });
});
