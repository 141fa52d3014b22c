import { AnalysisError } from '../graph/analysis-error';
import { Bdd } from './bdd';
import { ONE, ZERO } from './node-store';
import { Zbdd } from './zbdd';

/** Every assignment of n variables, as bit masks. */
const assignments = (n: number) => Array.from({ length: 1 << n }, (_, mask) => mask);

/** The BDD's value under an assignment (bit i: variable at level i is true). */
function evaluate(bdd: Bdd, f: number, mask: number): boolean {
  const { store } = bdd;
  while (f > ONE) f = mask & (1 << store.level[f]) ? store.high[f] : store.low[f];
  return f === ONE;
}

const popcount = (mask: number) => mask.toString(2).replace(/0/g, '').length;

describe('Bdd', () => {
  const bdd = new Bdd(4);
  const [a, b, c, d] = [0, 1, 2, 3].map((level) => bdd.variable(level));

  it.each([
    ['a ∧ b', () => bdd.and(a, b), (m: number) => (m & 3) === 3],
    ['a ∨ (b ∧ c)', () => bdd.or(a, bdd.and(b, c)), (m: number) => (m & 1) === 1 || (m & 6) === 6],
    ['2 of {a, b, c, d}', () => bdd.atLeast([a, b, c, d], 2), (m: number) => popcount(m) >= 2],
    ['3 of {a, b∧c, d}', () => bdd.atLeast([a, bdd.and(b, c), d], 3), (m: number) => m === 15],
  ])('%s has the right truth table', (_, build, expected) => {
    const f = build();
    for (const mask of assignments(4)) expect(evaluate(bdd, f, mask)).toBe(expected(mask));
  });

  it('is canonical: equal functions are the same node', () => {
    expect(bdd.or(bdd.and(a, b), bdd.and(a, c))).toBe(bdd.and(a, bdd.or(b, c)));
    expect(bdd.atLeast([a, b, c], 1)).toBe(bdd.or(a, bdd.or(b, c)));
    expect(bdd.atLeast([a, b], 0)).toBe(ONE);
    expect(bdd.atLeast([a, b], 3)).toBe(ZERO);
  });

  it('gives probabilities and Birnbaum importance', () => {
    const p = Float64Array.from([0.1, 0.2, 0.3, 0.4]);
    // P(a ∨ b) = 1 − 0.9·0.8; ∂/∂p(a) = 1 − p(b), ∂/∂p(b) = 1 − p(a).
    const f = bdd.or(a, b);
    expect(bdd.probability(f, p)).toBeCloseTo(0.28, 15);
    const { probability, mif } = bdd.birnbaum(f, p);
    expect(probability).toBeCloseTo(0.28, 15);
    expect([...mif]).toEqual([0.8, 0.9, 0, 0].map((x) => expect.closeTo(x, 15) as number));
  });

  it('fails with a clear error past its node budget', () => {
    const small = new Bdd(16, 20);
    const variables = Array.from({ length: 16 }, (_, i) => small.variable(i));
    const build = () => small.atLeast(variables, 8);
    expect(build).toThrow(AnalysisError);
    expect(build).toThrow(/more than 20 decision-diagram nodes/);
  });
});

describe('Zbdd minimal cut sets', () => {
  const bdd = new Bdd(4);
  const [a, b, c, d] = [0, 1, 2, 3].map((level) => bdd.variable(level));
  const zbdd = new Zbdd(bdd.variableCount);
  const setsOf = (z: number) => {
    const result: number[][] = [];
    zbdd.listSets(z).forEach((flat, size) => {
      for (let i = 0; i < flat.length; i += size) result.push([...flat.subarray(i, i + size)]);
      if (size === 0 && z === ONE) result.push([]);
    });
    return result;
  };

  it('gives the minimal sets only, bounded by order', () => {
    // (a ∨ b) ∧ (a ∨ c) ∧ (c ∨ d): minimal {a,c} {a,d} {b,c}.
    const f = bdd.and(bdd.and(bdd.or(a, b), bdd.or(a, c)), bdd.or(c, d));
    expect(setsOf(zbdd.minimalCutSets(bdd, f, null))).toEqual([
      [0, 2],
      [0, 3],
      [1, 2],
    ]);
    expect(setsOf(zbdd.minimalCutSets(bdd, bdd.or(a, bdd.and(b, bdd.and(c, d))), 2))).toEqual([
      [0],
    ]);
    expect(zbdd.minimalCutSets(bdd, f, 1)).toBe(ZERO);
  });

  it('counts, sums and bounds over the sets', () => {
    const f = bdd.or(a, bdd.and(b, c));
    const z = zbdd.minimalCutSets(bdd, f, null);
    expect([...zbdd.countBySize(z, 2)]).toEqual([0, 1, 1]);
    expect(zbdd.largestSetSize(z)).toBe(2);
    const p = Float64Array.from([0.1, 0.2, 0.3, 0.4]);
    expect(zbdd.sumOfProducts(z, p)).toBeCloseTo(0.1 + 0.06, 15);
    expect(zbdd.sumOfLogComplements(z, p)).toBeCloseTo(Math.log(0.9) + Math.log(0.94), 15);
  });

  it('fails with a clear error past its cut-set budget', () => {
    const z = zbdd.minimalCutSets(bdd, bdd.atLeast([a, b, c, d], 2), null);
    expect(() => zbdd.listSets(z, 5)).toThrow(/there are 6 minimal cut sets, more than the 5/);
  });
});
