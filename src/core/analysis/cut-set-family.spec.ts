import {
  createFamilyContext,
  failsNowFamily,
  neverFailsFamily,
  productFamilies,
  thresholdFamilies,
  truncateFamily,
  unionFamilies,
} from './cut-set-family';
import { compareCutSets } from './cut-sets';
import type { CutSet, Family } from './graph/types';

const ctx = createFamilyContext({ maxOrder: 4, limit: 1000 });
const family = (sets: CutSet[], order = 4): Family => ({
  sets: [...sets].sort(compareCutSets),
  order,
});
const sorted = (f: Family) => ({ sets: [...f.sets].sort(compareCutSets), order: f.order });

describe('cut-set family algebra', () => {
  it.each<[string, Family, Family, Family]>([
    // {2,3} ⊇ {2} and {1,4} ⊇ {1}: only the singletons stay minimal.
    [
      'drops sets a smaller one subsumes',
      family([[1], [2, 3]]),
      family([[2], [1, 4]]),
      family([[1], [2]]),
    ],
    ['drops duplicates', family([[1, 2]]), family([[1, 2], [3]]), family([[3], [1, 2]])],
    ['fails now if either input does', failsNowFamily(4), family([[1]]), failsNowFamily(4)],
    ['ignores an input that never fails', neverFailsFamily(4), family([[1]]), family([[1]])],
  ])('union %s', (_, a, b, expected) => {
    expect(sorted(unionFamilies([a, b], 4, ctx))).toEqual(expected);
  });

  it.each<[string, Family, Family, number, Family]>([
    // {1}∪{1} = {1}; {1}∪{3}, {2}∪{1} ⊇ {1}; {2}∪{3} = {2,3}.
    [
      'is exact with a shared event',
      family([[1], [2]]),
      family([[1], [3]]),
      4,
      family([[1], [2, 3]]),
    ],
    [
      'keeps only unions within the order',
      family([[1], [2, 3]]),
      family([[4], [5, 6]]),
      3,
      family(
        [
          [1, 4],
          [1, 5, 6],
          [2, 3, 4],
        ],
        3,
      ),
    ],
    [
      'is the identity with an input that fails now',
      failsNowFamily(4),
      family([[1, 2]]),
      4,
      family([[1, 2]]),
    ],
    [
      'never fails with an input that never fails',
      neverFailsFamily(4),
      family([[1]]),
      4,
      neverFailsFamily(4),
    ],
    // Disjoint singletons need two failures: nothing of size ≤ 1.
    [
      'is empty when every union is too large',
      family([[1]]),
      family([[2]]),
      1,
      neverFailsFamily(1),
    ],
    // {1,2} overlaps {2,3} in one event, so their union has size 3 and fits order 3.
    [
      'finds large sets that fit by overlapping',
      family([[1, 2]]),
      family([[2, 3]]),
      3,
      family([[1, 2, 3]], 3),
    ],
  ])('product %s', (_, a, b, order, expected) => {
    expect(sorted(productFamilies(a, b, order, ctx))).toEqual(expected);
  });

  it.each<[string, Family[], number, Family]>([
    [
      '2 of 3 fail: every pair',
      [family([[1]]), family([[2]]), family([[3]])],
      2,
      family([
        [1, 2],
        [1, 3],
        [2, 3],
      ]),
    ],
    ['1 of 3: a union', [family([[1]]), family([[2]]), family([[3]])], 1, family([[1], [2], [3]])],
    ['3 of 3: a product', [family([[1]]), family([[2]]), family([[3]])], 3, family([[1, 2, 3]])],
    // Two supports share event 1, so it alone fails two of them.
    ['2 of 3 with a shared event', [family([[1]]), family([[1]]), family([[2]])], 2, family([[1]])],
    ['needing none fails now', [family([[1]])], 0, failsNowFamily(4)],
    ['needing more than there are never fails', [family([[1]])], 2, neverFailsFamily(4)],
  ])('threshold %s', (_, families, needed, expected) => {
    expect(sorted(thresholdFamilies(families, needed, 4, ctx))).toEqual(expected);
  });

  it('truncates to an order, keeping the smaller sets', () => {
    const f = family([[1], [2, 3], [4, 5, 6]]);
    expect(truncateFamily(f, 2)).toEqual(family([[1], [2, 3]], 2));
    expect(truncateFamily(f, 4)).toBe(f);
  });

  it('lowers the order instead of collecting more than `limit` sets of one size', () => {
    const small = createFamilyContext({ maxOrder: 4, limit: 2 });
    // Three candidate pairs exceed the limit of 2: pairs are dropped, singletons stay exact.
    const result = unionFamilies(
      [
        family([[1], [2, 3]]),
        family([
          [4, 5],
          [6, 7],
        ]),
      ],
      4,
      small,
    );
    expect(result).toEqual(family([[1]], 1));
  });
});
