import { buildAnalysisGraph } from './graph/case-graph';
import { analyseGraph, computeMargins, listCutSets } from './cut-sets';
import { computeLoadBearingMap } from './load-bearing';
import { makeCase, makeClaim, makeMitigation, makePathway } from './testing/make-case';
import { computeFailureImpact } from './what-breaks';

/*
 * The bridge network, the textbook case where tree formulas go wrong: components c1..c5 with
 * c1: s→a, c2: s→b, c3: a–b (the bridge), c4: a→t, c5: b→t. The pathway's argument holds while
 * some path from s to t works, so it is `any` of four path claims that share components:
 *   path-14 = c1 ∧ c4, path-25 = c2 ∧ c5, path-135 = c1 ∧ c3 ∧ c5, path-234 = c2 ∧ c3 ∧ c4.
 * Its minimal cut sets are the minimal sets meeting every path: {c1,c2}, {c4,c5}, {c1,c3,c5},
 * {c2,c3,c4}.
 */
const bridge = makeCase({
  pathways: [
    makePathway({
      key: 'bridge',
      requires: { mode: 'any' },
      supports: ['path-14', 'path-25', 'path-135', 'path-234'],
    }),
  ],
  claims: [
    makeClaim({ key: 'path-14', supports: ['c1', 'c4'] }),
    makeClaim({ key: 'path-25', supports: ['c2', 'c5'] }),
    makeClaim({ key: 'path-135', supports: ['c1', 'c3', 'c5'] }),
    makeClaim({ key: 'path-234', supports: ['c2', 'c3', 'c4'] }),
  ],
  mitigations: ['c1', 'c2', 'c3', 'c4', 'c5'].map((key) => makeMitigation({ key })),
});
const graph = buildAnalysisGraph({ case: bridge });

describe('bridge network', () => {
  it('has exactly the four textbook minimal cut sets', () => {
    expect(listCutSets({ graph, key: 'bridge' })).toEqual({
      key: 'bridge',
      kind: 'pathway',
      cutSets: [
        ['c1', 'c2'],
        ['c4', 'c5'],
        ['c1', 'c3', 'c5'],
        ['c2', 'c3', 'c4'],
      ],
      completeToOrder: 4,
    });
  });

  it('bounds cut sets and margins by maxOrder', () => {
    // Order 2 keeps the two pairs; order 1 has none, so the margin (2) is "more than 1".
    expect(listCutSets({ graph, maxOrder: 2, key: 'bridge' }).cutSets).toEqual([
      ['c1', 'c2'],
      ['c4', 'c5'],
    ]);
    const margin = (maxOrder: number) =>
      computeMargins({ graph, maxOrder }).find((m) => m.key === 'bridge')!.margin;
    expect(margin(4)).toBe(2);
    expect(margin(1)).toBeNull();
  });

  it('has no single point of failure, while each path claim rests on all its components', () => {
    const map = computeLoadBearingMap({ graph });
    expect(map.byArgument.find((a) => a.key === 'bridge')!.mitigations).toEqual([]);
    expect(map.byArgument.find((a) => a.key === 'path-135')!.mitigations).toEqual([
      'c1',
      'c3',
      'c5',
    ]);
    expect(map.byEvent.find((e) => e.key === 'c3')!.claims).toEqual(['path-135', 'path-234']);
  });

  it('is weakened, not broken, by losing c1', () => {
    // Without c1 the paths left are {c2,c5} and {c2,c3,c4}: cut sets {c2}, {c3,c5}, {c4,c5}, so
    // the margin drops from 2 to 1. The two paths through c1 break.
    const impact = computeFailureImpact({ analysis: analyseGraph({ graph }), failed: ['c1'] });
    expect(impact).toEqual({
      failed: ['c1'],
      alsoFailed: [],
      brokenPathways: [],
      brokenClaims: [
        { key: 'path-135', kind: 'claim', before: 1, after: 0 },
        { key: 'path-14', kind: 'claim', before: 1, after: 0 },
      ],
      brokenScenarios: [],
      weakened: [{ key: 'bridge', kind: 'pathway', before: 2, after: 1 }],
      exact: true,
    });
  });

  it('keeps its margin when only the bridge fails', () => {
    // Without c3: paths {c1,c4} and {c2,c5}, cut sets {c1,c2}, {c1,c5}, {c2,c4}, {c4,c5}: still 2.
    const impact = computeFailureImpact({ graph, failed: ['c3'] });
    expect(impact.weakened).toEqual([]);
    expect(impact.brokenClaims.map((c) => c.key)).toEqual(['path-135', 'path-234']);
  });
});
