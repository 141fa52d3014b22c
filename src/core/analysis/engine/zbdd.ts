import { AnalysisError } from '../graph/analysis-error';
import type { Bdd } from './bdd';
import { NodeStore, ONE, ZERO } from './node-store';

const WITHOUT = 1;
const UNION = 2;
// Operations bounded by an order k are cached as op = base + k.
const PRODUCT = 16;
const MAX_BOUND = 1 << 20;

/** The most cut sets one listing may hold before the analysis fails (memory). */
export const DEFAULT_CUT_SET_BUDGET = 30_000_000;

/**
 * Zero-suppressed decision diagrams for families of sets of variables (levels): a node is
 * (level, high, low) meaning {s ∪ {level} : s ∈ high} ∪ low, and a node whose high is the empty
 * family is never made. Built from a monotone BDD by Rauzy's minimal-solutions recursion, with
 * an order bound, as SCRAM and XFTA do.
 */
export class Zbdd {
  readonly store: NodeStore;
  /** Minimal solutions memo per BDD and BDD node, one array per order bound. */
  private readonly minimalMemo = new WeakMap<Bdd, Map<number, Int32Array>>();

  constructor(
    readonly variableCount: number,
    nodeBudget?: number,
  ) {
    this.store = new NodeStore(variableCount, nodeBudget);
  }

  private make(level: number, high: number, low: number): number {
    return high === ZERO ? low : this.store.make(level, high, low);
  }

  /**
   * The minimal cut sets of size ≤ `maxOrder` (null: all) of the monotone BDD `f`: the ZBDD of
   * min(x·S(f₁) ∪ S(f₀)) = x·(S(f₁) without supersets of S(f₀)) ∪ S(f₀) at each node.
   */
  minimalCutSets(bdd: Bdd, f: number, maxOrder: number | null): number {
    let memos = this.minimalMemo.get(bdd);
    if (!memos) this.minimalMemo.set(bdd, (memos = new Map<number, Int32Array>()));
    return this.minimal(bdd, memos, f, maxOrder ?? this.variableCount);
  }

  private minimal(bdd: Bdd, memos: Map<number, Int32Array>, f: number, k: number): number {
    if (f <= ONE) return f;
    // Of a monotone function that is not constantly true, ∅ is no solution.
    if (k === 0) return ZERO;
    const bddStore = bdd.store;
    const level = bddStore.level[f];
    // No set below this node is larger than the variables left: the bound no longer matters.
    const bound = Math.min(k, this.variableCount - level);
    let memo = memos.get(bound);
    if (!memo || memo.length < bddStore.size) {
      const grown = new Int32Array(bddStore.size).fill(-1);
      if (memo) grown.set(memo);
      memo = grown;
      memos.set(bound, memo);
    }
    const known = memo[f];
    if (known >= 0) return known;
    const low = this.minimal(bdd, memos, bddStore.low[f], bound);
    const high = this.without(this.minimal(bdd, memos, bddStore.high[f], bound - 1), low);
    const result = this.make(level, high, low);
    memo[f] = result;
    return result;
  }

  /** p ∪ q. */
  union(p: number, q: number): number {
    if (p === ZERO || p === q) return q;
    if (q === ZERO) return p;
    if (p > q) [p, q] = [q, p];
    const store = this.store;
    const hit = store.cached(UNION, p, q);
    if (hit >= 0) return hit;
    const lp = store.level[p];
    const lq = store.level[q];
    let result: number;
    if (lp < lq) result = this.make(lp, store.high[p], this.union(store.low[p], q));
    else if (lq < lp) result = this.make(lq, store.high[q], this.union(p, store.low[q]));
    else {
      result = this.make(
        lp,
        this.union(store.high[p], store.high[q]),
        this.union(store.low[p], store.low[q]),
      );
    }
    return store.remember(UNION, p, q, result);
  }

  /**
   * The minimal sets of p ∪ q, for minimal families p and q: the sets of p containing no set of
   * q, and the sets of q containing none of those (a set in both stays, once).
   */
  minimalUnion(p: number, q: number): number {
    const onlyP = this.without(p, q);
    return this.union(onlyP, this.without(q, onlyP));
  }

  /**
   * The minimal sets a ∪ b (a in p, b in q) of size ≤ k, for minimal families p and q: the
   * failure of an AND of two failures, truncated at order k.
   */
  product(p: number, q: number, k: number): number {
    // {∅} is the unit; callers' families are already bounded by k.
    if (p === ONE) return q;
    if (q === ONE) return p;
    return this.minimalProduct(p, q, Math.min(k, MAX_BOUND - 1));
  }

  /**
   * product's recursion, minimal at every node instead of minimised once at the end: with x the
   * top variable, p = x·p₁ ∪ p₀ and q = x·q₁ ∪ q₀ (all minimal), the product is
   * x·(min(p₁q₁ ∪ p₁q₀ ∪ p₀q₁) without supersets of p₀q₀) ∪ p₀q₀. The unminimised product of
   * two large families is many times larger than its minimal sets.
   */
  private minimalProduct(p: number, q: number, k: number): number {
    if (p === ZERO || q === ZERO) return ZERO;
    if (p === ONE && q === ONE) return ONE;
    // Minimal families hold ∅ only as {∅}; no other set fits in order 0.
    if (k === 0) return ZERO;
    if (p > q) [p, q] = [q, p];
    const store = this.store;
    const op = PRODUCT + k;
    const hit = store.cached(op, p, q);
    if (hit >= 0) return hit;
    const lp = store.level[p];
    const lq = store.level[q];
    const top = lp < lq ? lp : lq;
    const p1 = lp === top ? store.high[p] : ZERO;
    const p0 = lp === top ? store.low[p] : p;
    const q1 = lq === top ? store.high[q] : ZERO;
    const q0 = lq === top ? store.low[q] : q;
    const low = this.minimalProduct(p0, q0, k);
    const withTop = this.minimalUnion(
      this.minimalUnion(this.minimalProduct(p1, q1, k - 1), this.minimalProduct(p1, q0, k - 1)),
      this.minimalProduct(p0, q1, k - 1),
    );
    const result = this.make(top, this.without(withTop, low), low);
    return store.remember(op, p, q, result);
  }

  /**
   * The minimal sets of size ≤ k that contain a set of at least `needed` of the minimal
   * families (each bounded by k): the failure of an at-least gate, truncated at order k.
   */
  atLeast(families: readonly number[], needed: number, k: number): number {
    if (needed <= 0) return ONE;
    if (needed > families.length) return ZERO;
    if (needed === 1) return families.reduce((f, g) => this.minimalUnion(f, g), ZERO);
    if (needed === families.length) {
      return families.reduce((f, g) => this.product(f, g, k), ONE);
    }
    // row[j]: at least j of the families seen so far (from the end), for j = 0..needed.
    let row: number[] = [ONE, ...new Array<number>(needed).fill(ZERO)];
    for (let i = families.length - 1; i >= 0; i--) {
      const f = families[i];
      const next = [ONE];
      for (let j = 1; j <= needed; j++) {
        next.push(this.minimalUnion(this.product(f, row[j - 1], k), row[j]));
      }
      row = next;
    }
    return row[needed];
  }

  /** The sets of p that contain no set of q. */
  without(p: number, q: number): number {
    if (p === ZERO || q === ZERO) return p;
    if (q === ONE || p === q) return ZERO;
    if (p === ONE) return ONE;
    const store = this.store;
    const hit = store.cached(WITHOUT, p, q);
    if (hit >= 0) return hit;
    const lp = store.level[p];
    const lq = store.level[q];
    let result: number;
    if (lq < lp) {
      // Sets of q with q's variable cannot be inside p's sets, which lack it.
      result = this.without(p, store.low[q]);
    } else if (lp < lq) {
      result = this.make(lp, this.without(store.high[p], q), this.without(store.low[p], q));
    } else {
      const high = this.without(this.without(store.high[p], store.low[q]), store.high[q]);
      result = this.make(lp, high, this.without(store.low[p], store.low[q]));
    }
    return store.remember(WITHOUT, p, q, result);
  }

  /** How many sets of each size (index = size) the family holds, up to `maxSize`. */
  countBySize(z: number, maxSize: number): Float64Array {
    const memo = new Map<number, Float64Array>();
    const count = (n: number): Float64Array => {
      if (n === ZERO) return new Float64Array(maxSize + 1);
      if (n === ONE) {
        const one = new Float64Array(maxSize + 1);
        one[0] = 1;
        return one;
      }
      const known = memo.get(n);
      if (known) return known;
      const high = count(this.store.high[n]);
      const result = count(this.store.low[n]).slice();
      for (let s = 1; s <= maxSize; s++) result[s] += high[s - 1];
      memo.set(n, result);
      return result;
    };
    return count(z);
  }

  /** The size of the family's smallest set; null for the empty family. */
  smallestSetSize(z: number): number | null {
    const memo = new Map<number, number>();
    const smallest = (n: number): number => {
      if (n <= ONE) return n === ONE ? 0 : Infinity;
      const known = memo.get(n);
      if (known !== undefined) return known;
      const result = Math.min(smallest(this.store.high[n]) + 1, smallest(this.store.low[n]));
      memo.set(n, result);
      return result;
    };
    const size = smallest(z);
    return size === Infinity ? null : size;
  }

  /** The size of the family's largest set (0 for the empty family). */
  largestSetSize(z: number): number {
    const memo = new Map<number, number>();
    const largest = (n: number): number => {
      if (n <= ONE) return 0;
      const known = memo.get(n);
      if (known !== undefined) return known;
      const result = Math.max(largest(this.store.high[n]) + 1, largest(this.store.low[n]));
      memo.set(n, result);
      return result;
    };
    return largest(z);
  }

  /** Σ over the sets of Π p[level]: the rare-event approximation. */
  sumOfProducts(z: number, p: Float64Array): number {
    const memo = new Map<number, number>();
    const sum = (n: number): number => {
      if (n <= ONE) return n;
      const known = memo.get(n);
      if (known !== undefined) return known;
      const result = p[this.store.level[n]] * sum(this.store.high[n]) + sum(this.store.low[n]);
      memo.set(n, result);
      return result;
    };
    return sum(z);
  }

  /** Σ over the sets of log(1 − Π p[level]), for the min-cut upper bound. */
  sumOfLogComplements(z: number, p: Float64Array): number {
    const store = this.store;
    let sum = 0;
    const walk = (n: number, product: number): void => {
      while (n > ONE) {
        walk(store.high[n], product * p[store.level[n]]);
        n = store.low[n];
      }
      if (n === ONE) sum += Math.log1p(-product);
    };
    walk(z, 1);
    return sum;
  }

  /**
   * Every set, grouped by size: `bySize[s]` holds the sets of size s flat, s levels each, each
   * set's levels ascending. Fails with a clear error past `budget` sets.
   */
  listSets(z: number, budget: number = DEFAULT_CUT_SET_BUDGET): Int32Array[] {
    const counts = this.countBySize(z, this.largestSetSize(z));
    let total = 0;
    let largest = 0;
    counts.forEach((c, s) => {
      total += c;
      if (c > 0) largest = s;
    });
    if (total > budget) {
      throw new AnalysisError(
        'INVALID_LIMIT',
        `there are ${total} minimal cut sets, more than the ${budget} one answer may list; ` +
          'ask for a lower maxOrder',
      );
    }
    const bySize = Array.from({ length: largest + 1 }, (_, s) => new Int32Array(counts[s] * s));
    const filled = new Int32Array(largest + 1);
    const path = new Int32Array(largest + 1);
    const store = this.store;
    const walk = (n: number, depth: number): void => {
      while (n > ONE) {
        path[depth] = store.level[n];
        walk(store.high[n], depth + 1);
        n = store.low[n];
      }
      if (n === ONE) {
        bySize[depth].set(path.subarray(0, depth), filled[depth]);
        filled[depth] += depth;
      }
    };
    walk(z, 0);
    return bySize;
  }
}
