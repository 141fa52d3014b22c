import { NodeStore, ONE, ZERO } from './node-store';

const AND = 1;
const OR = 2;

/**
 * A reduced ordered binary decision diagram over `variableCount` variables, level i testing
 * variable i. `high` is the branch where the variable is true (the basic event occurs). Only the
 * coherent operations the analyses need: AND, OR and at-least-k-of-n.
 */
export class Bdd {
  readonly store: NodeStore;

  constructor(
    readonly variableCount: number,
    nodeBudget?: number,
  ) {
    this.store = new NodeStore(variableCount, nodeBudget);
  }

  variable(level: number): number {
    return this.store.make(level, ONE, ZERO);
  }

  and(f: number, g: number): number {
    if (f === ZERO || g === ZERO) return ZERO;
    if (f === ONE || f === g) return g;
    if (g === ONE) return f;
    return this.apply(AND, f, g);
  }

  or(f: number, g: number): number {
    if (f === ONE || g === ONE) return ONE;
    if (f === ZERO || f === g) return g;
    if (g === ZERO) return f;
    return this.apply(OR, f, g);
  }

  /** True when at least `k` of `operands` are. */
  atLeast(operands: readonly number[], k: number): number {
    if (k <= 0) return ONE;
    if (k > operands.length) return ZERO;
    if (k === 1) return operands.reduce((f, g) => this.or(f, g), ZERO);
    if (k === operands.length) return operands.reduce((f, g) => this.and(f, g), ONE);
    // row[j]: at least j of the operands seen so far (from the end), for j = 0..k.
    let row: number[] = [ONE, ...new Array<number>(k).fill(ZERO)];
    for (let i = operands.length - 1; i >= 0; i--) {
      const x = operands[i];
      const next = [ONE];
      for (let j = 1; j <= k; j++) next.push(this.or(this.and(x, row[j - 1]), row[j]));
      row = next;
    }
    return row[k];
  }

  private apply(op: number, f: number, g: number): number {
    if (f > g) [f, g] = [g, f];
    const store = this.store;
    const hit = store.cached(op, f, g);
    if (hit >= 0) return hit;
    const lf = store.level[f];
    const lg = store.level[g];
    const top = lf < lg ? lf : lg;
    const fHigh = lf === top ? store.high[f] : f;
    const fLow = lf === top ? store.low[f] : f;
    const gHigh = lg === top ? store.high[g] : g;
    const gLow = lg === top ? store.low[g] : g;
    const high = op === AND ? this.and(fHigh, gHigh) : this.or(fHigh, gHigh);
    const low = op === AND ? this.and(fLow, gLow) : this.or(fLow, gLow);
    const result = high === low ? high : store.make(top, high, low);
    return store.remember(op, f, g, result);
  }

  /** P(f) when variable at level i is true with probability `p[i]`, independently. */
  probability(f: number, p: Float64Array): number {
    return this.probabilities(f, p)[f];
  }

  /**
   * Birnbaum importance ∂P(f)/∂p[i] of every variable, with P(f): one bottom-up pass for the
   * probability of each node, one top-down pass for the probability of reaching it. A variable
   * appears at most once on a path, so P(f) is multilinear and its derivative in p[i] sums
   * reach(n)·(P(high n) − P(low n)) over the nodes n testing i.
   */
  birnbaum(f: number, p: Float64Array): { probability: number; mif: Float64Array } {
    const prob = this.probabilities(f, p);
    const store = this.store;
    const mif = new Float64Array(this.variableCount);
    const reach = new Map<number, number>([[f, 1]]);
    // Children have smaller numbers than their parents, so descending numbers visit parents first.
    const nodes = this.reachable(f).sort((a, b) => b - a);
    for (const n of nodes) {
      const r = reach.get(n)!;
      const level = store.level[n];
      const high = store.high[n];
      const low = store.low[n];
      mif[level] += r * (prob[high] - prob[low]);
      if (high > ONE) reach.set(high, (reach.get(high) ?? 0) + r * p[level]);
      if (low > ONE) reach.set(low, (reach.get(low) ?? 0) + r * (1 - p[level]));
    }
    return { probability: prob[f], mif };
  }

  /** Non-terminal nodes reachable from f. */
  reachable(f: number): number[] {
    const seen = new Set<number>();
    const stack = [f];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n <= ONE || seen.has(n)) continue;
      seen.add(n);
      stack.push(this.store.high[n], this.store.low[n]);
    }
    return [...seen];
  }

  private probabilities(f: number, p: Float64Array): Float64Array {
    const store = this.store;
    const prob = new Float64Array(store.size);
    prob[ONE] = 1;
    // Children first: ascending node numbers.
    const nodes = this.reachable(f).sort((a, b) => a - b);
    for (const n of nodes) {
      const q = p[store.level[n]];
      prob[n] = q * prob[store.high[n]] + (1 - q) * prob[store.low[n]];
    }
    return prob;
  }
}
