import { AnalysisError } from '../graph/analysis-error';

/*
 * Hash-consed decision-diagram nodes in flat typed arrays, shared by the BDD and the ZBDD.
 * Node 0 and node 1 are the terminals; a node is (level, high, low) and is created once, so two
 * equal functions are the same integer and equality is `===`. The unique table is open
 * addressing over an Int32Array; the operation cache is direct-mapped and lossy (a miss only
 * costs recomputation), keyed by (operation, a, b).
 */

/** The terminal node 0: false for a BDD, the empty family for a ZBDD. */
export const ZERO = 0;
/** The terminal node 1: true for a BDD, {∅} for a ZBDD. */
export const ONE = 1;

/** The most nodes one diagram may hold before the analysis fails (about 20 bytes each). */
export const DEFAULT_NODE_BUDGET = 20_000_000;

export class NodeStore {
  /** Level of each node (the position of its variable in the order); terminals sit below all. */
  level: Int32Array;
  high: Int32Array;
  low: Int32Array;
  size = 2;
  private unique: Int32Array;
  private uniqueMask: number;
  private cacheOp: Int32Array;
  private cacheA: Int32Array;
  private cacheB: Int32Array;
  private cacheResult: Int32Array;
  private cacheMask: number;

  constructor(
    readonly terminalLevel: number,
    private readonly budget: number = DEFAULT_NODE_BUDGET,
  ) {
    const capacity = 1 << 16;
    this.level = new Int32Array(capacity).fill(terminalLevel);
    this.high = new Int32Array(capacity);
    this.low = new Int32Array(capacity);
    this.unique = new Int32Array(capacity * 2).fill(-1);
    this.uniqueMask = capacity * 2 - 1;
    const cacheSize = 1 << 16;
    this.cacheOp = new Int32Array(cacheSize).fill(-1);
    this.cacheA = new Int32Array(cacheSize);
    this.cacheB = new Int32Array(cacheSize);
    this.cacheResult = new Int32Array(cacheSize);
    this.cacheMask = cacheSize - 1;
  }

  /** The node (level, high, low), without reduction: callers apply their diagram's rule first. */
  make(level: number, high: number, low: number): number {
    const mask = this.uniqueMask;
    let slot = hash3(level, high, low) & mask;
    for (;;) {
      const node = this.unique[slot];
      if (node < 0) break;
      if (this.level[node] === level && this.high[node] === high && this.low[node] === low) {
        return node;
      }
      slot = (slot + 1) & mask;
    }
    if (this.size >= this.budget) {
      throw new AnalysisError(
        'INVALID_LIMIT',
        `the analysis needs more than ${this.budget} decision-diagram nodes (its memory budget); ` +
          'a lower maxOrder may fit',
      );
    }
    if (this.size === this.level.length) this.growNodes();
    const node = this.size++;
    this.level[node] = level;
    this.high[node] = high;
    this.low[node] = low;
    this.unique[slot] = node;
    // Keep the unique table at most half full.
    if (this.size * 2 > this.unique.length) this.growUnique();
    return node;
  }

  /** A cached result of `op` on (a, b), or -1. */
  cached(op: number, a: number, b: number): number {
    const slot = hash3(op, a, b) & this.cacheMask;
    return this.cacheOp[slot] === op && this.cacheA[slot] === a && this.cacheB[slot] === b
      ? this.cacheResult[slot]
      : -1;
  }

  remember(op: number, a: number, b: number, result: number): number {
    const slot = hash3(op, a, b) & this.cacheMask;
    this.cacheOp[slot] = op;
    this.cacheA[slot] = a;
    this.cacheB[slot] = b;
    this.cacheResult[slot] = result;
    return result;
  }

  private growNodes(): void {
    const capacity = this.level.length * 2;
    const grow = (from: Int32Array, fill: number) => {
      const to = new Int32Array(capacity).fill(fill);
      to.set(from);
      return to;
    };
    this.level = grow(this.level, this.terminalLevel);
    this.high = grow(this.high, 0);
    this.low = grow(this.low, 0);
  }

  private growUnique(): void {
    const capacity = this.unique.length * 2;
    this.unique = new Int32Array(capacity).fill(-1);
    this.uniqueMask = capacity - 1;
    for (let node = 2; node < this.size; node++) {
      let slot = hash3(this.level[node], this.high[node], this.low[node]) & this.uniqueMask;
      while (this.unique[slot] >= 0) slot = (slot + 1) & this.uniqueMask;
      this.unique[slot] = node;
    }
    // The operation cache grows with the diagram, up to 2^22 entries.
    if (this.cacheOp.length < capacity && this.cacheOp.length < 1 << 22) {
      const size = this.cacheOp.length * 4;
      this.cacheOp = new Int32Array(size).fill(-1);
      this.cacheA = new Int32Array(size);
      this.cacheB = new Int32Array(size);
      this.cacheResult = new Int32Array(size);
      this.cacheMask = size - 1;
    }
  }
}

function hash3(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}
