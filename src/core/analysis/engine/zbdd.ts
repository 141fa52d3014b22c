import { AnalysisError } from '../graph/analysis-error';
import type { Bdd } from './bdd';
import { NodeStore, ONE, ZERO } from './node-store';

const WITHOUT = 1;

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
  /** Minimal solutions memo per BDD node, one array per order bound (index k + 1; 0: none). */
  private readonly minimalMemo = new Map<number, Int32Array>();

  constructor(
    readonly bdd: Bdd,
    nodeBudget?: number,
  ) {
    this.store = new NodeStore(bdd.variableCount, nodeBudget);
  }

  private make(level: number, high: number, low: number): number {
    return high === ZERO ? low : this.store.make(level, high, low);
  }

  /**
   * The minimal cut sets of size ≤ `maxOrder` (null: all) of the monotone BDD `f`: the ZBDD of
   * min(x·S(f₁) ∪ S(f₀)) = x·(S(f₁) without supersets of S(f₀)) ∪ S(f₀) at each node.
   */
  minimalCutSets(f: number, maxOrder: number | null): number {
    return this.minimal(f, maxOrder ?? this.bdd.variableCount);
  }

  private minimal(f: number, k: number): number {
    if (f <= ONE) return f;
    // Of a monotone function that is not constantly true, ∅ is no solution.
    if (k === 0) return ZERO;
    const bddStore = this.bdd.store;
    const level = bddStore.level[f];
    // No set below this node is larger than the variables left: the bound no longer matters.
    const bound = Math.min(k, this.bdd.variableCount - level);
    let memo = this.minimalMemo.get(bound);
    if (!memo || memo.length < bddStore.size) {
      const grown = new Int32Array(bddStore.size).fill(-1);
      if (memo) grown.set(memo);
      memo = grown;
      this.minimalMemo.set(bound, memo);
    }
    const known = memo[f];
    if (known >= 0) return known;
    const low = this.minimal(bddStore.low[f], bound);
    const high = this.without(this.minimal(bddStore.high[f], bound - 1), low);
    const result = this.make(level, high, low);
    memo[f] = result;
    return result;
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
