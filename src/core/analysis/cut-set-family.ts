import type { CutSet, Family } from './graph/types';

/*
 * Set algebra on families of minimal cut sets, truncated at an order.
 *
 * A family represents a monotone Boolean function (node fails) of basic events by its minimal
 * cut sets. On minimal families the algebra is exact for any monotone functions, shared
 * variables included: MCS(f ∨ g) = min(MCS f ∪ MCS g) and MCS(f ∧ g) = min{A ∪ B}. Sharing only
 * breaks formulas that treat children as independent (probabilities, "margin = sum of the
 * children's margins"), which this code never does. Truncating at order k is exact for sets of
 * size ≤ k: such a set in the result comes only from input sets of size ≤ k, and a proper subset
 * that would make it non-minimal is smaller still, so it is also present.
 */

export interface FamilyContext {
  /** The largest order any family is built to: the width of a hash-table slot. */
  readonly maxOrder: number;
  /**
   * Most candidate sets of one size (≥ 2) a family may collect. Past it, that size and larger ones
   * are dropped and the family's order is lowered, so results stay exact but less deep.
   */
  readonly limit: number;
}

/**
 * A hash set of cut sets that can also look up any subset of a set (chosen by a bit mask) without
 * building it. Open addressing over flat typed arrays: no per-set allocation, no key encoding.
 */
class CutSetTable {
  private sizes: Uint8Array;
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  constructor(
    private readonly width: number,
    expected: number,
  ) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.sizes = new Uint8Array(capacity);
    this.slots = new Int32Array(capacity * width);
    this.mask = capacity - 1;
  }

  /** Whether the subset of `set` picked by `pick` (a bit mask over its positions) is present. */
  has(set: CutSet, pick: number): boolean {
    let size = 0;
    let hash = 0x811c9dc5;
    for (let i = 0; i < set.length; i++) {
      if (pick & (1 << i)) {
        hash = Math.imul(hash ^ set[i], 0x01000193);
        size++;
      }
    }
    for (let slot = mix(hash) & this.mask; this.sizes[slot] !== 0; slot = (slot + 1) & this.mask) {
      if (this.sizes[slot] === size && this.matches(slot, set, pick)) return true;
    }
    return false;
  }

  /** Adds a non-empty set; false when it was already present. */
  add(set: CutSet): boolean {
    if ((this.count + 1) * 2 > this.sizes.length) this.grow();
    let hash = 0x811c9dc5;
    for (const event of set) hash = Math.imul(hash ^ event, 0x01000193);
    const all = (1 << set.length) - 1;
    let slot = mix(hash) & this.mask;
    for (; this.sizes[slot] !== 0; slot = (slot + 1) & this.mask) {
      if (this.sizes[slot] === set.length && this.matches(slot, set, all)) return false;
    }
    this.store(slot, set);
    this.count++;
    return true;
  }

  private matches(slot: number, set: CutSet, pick: number): boolean {
    let j = slot * this.width;
    for (let i = 0; i < set.length; i++) {
      if (pick & (1 << i) && this.slots[j++] !== set[i]) return false;
    }
    return true;
  }

  private store(slot: number, set: CutSet): void {
    this.sizes[slot] = set.length;
    const base = slot * this.width;
    for (let i = 0; i < set.length; i++) this.slots[base + i] = set[i];
  }

  private grow(): void {
    const { sizes, slots, width } = this;
    this.sizes = new Uint8Array(sizes.length * 2);
    this.slots = new Int32Array(slots.length * 2);
    this.mask = this.sizes.length - 1;
    for (let old = 0; old < sizes.length; old++) {
      if (sizes[old] === 0) continue;
      const set = slots.subarray(old * width, old * width + sizes[old]);
      let hash = 0x811c9dc5;
      for (const event of set) hash = Math.imul(hash ^ event, 0x01000193);
      let slot = mix(hash) & this.mask;
      while (this.sizes[slot] !== 0) slot = (slot + 1) & this.mask;
      this.sizes[slot] = sizes[old];
      this.slots.set(set, slot * width);
    }
  }
}

/** Final avalanche of murmur3, so linear probing sees well-spread slots. */
function mix(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

export function createFamilyContext({
  maxOrder,
  limit,
}: {
  readonly maxOrder: number;
  readonly limit: number;
}): FamilyContext {
  return { maxOrder, limit };
}

const EMPTY_SET: CutSet = [];

/** The node fails now: its only minimal cut set is the empty one. */
export const failsNowFamily = (order: number): Family => ({ sets: [EMPTY_SET], order });
/** No set of size ≤ order fails the node. */
export const neverFailsFamily = (order: number): Family => ({ sets: [], order });
export const singletonFamily = (event: number, order: number): Family =>
  order >= 1 ? { sets: [[event]], order } : neverFailsFamily(order);

const failsNow = (family: Family): boolean =>
  family.sets.length === 1 && family.sets[0].length === 0;

/** Smallest cut set size, or order + 1 when there is none up to the family's order. */
export const smallestSetSize = (family: Family): number =>
  family.sets.length > 0 ? family.sets[0].length : family.order + 1;

export function truncateFamily(family: Family, order: number): Family {
  if (order >= family.order) return family;
  let end = family.sets.length;
  while (end > 0 && family.sets[end - 1].length > order) end--;
  return { sets: family.sets.slice(0, end), order };
}

/** Collects candidate sets, drops duplicates and oversize sets, and keeps the minimal ones. */
class FamilyBuilder {
  private readonly seen: CutSetTable;
  private readonly bySize: CutSet[][];
  private hasEmpty = false;

  constructor(
    private readonly ctx: FamilyContext,
    public order: number,
    expected = 0,
  ) {
    this.seen = new CutSetTable(ctx.maxOrder, expected);
    this.bySize = Array.from({ length: order + 1 }, () => []);
  }

  add(set: CutSet): void {
    const size = set.length;
    if (size > this.order) return;
    if (size === 0) {
      this.hasEmpty = true;
      return;
    }
    if (!this.seen.add(set)) return;
    this.bySize[size].push(set);
    if (size >= 2 && this.bySize[size].length > this.ctx.limit) {
      for (let s = size; s <= this.order; s++) this.bySize[s] = [];
      this.order = size - 1;
    }
  }

  /** Every distinct candidate so far, by size, minimal or not. */
  candidates(): CutSet[] {
    return this.bySize.slice(1, this.order + 1).flat();
  }

  build(): Family {
    if (this.hasEmpty) return failsNowFamily(this.order);
    const sets: CutSet[] = [];
    for (let size = 1; size <= this.order; size++) {
      for (const set of this.bySize[size]) if (!this.hasSeenProperSubset(set)) sets.push(set);
    }
    return { sets, order: this.order };
  }

  /**
   * A candidate is minimal iff no proper subset is a candidate: if one is, either it or one of
   * its own subsets is minimal and excludes this set. So checking `seen` suffices.
   */
  private hasSeenProperSubset(set: CutSet): boolean {
    const full = (1 << set.length) - 1;
    for (let pick = 1; pick < full; pick++) if (this.seen.has(set, pick)) return true;
    return false;
  }
}

/** Failure of any input fails the result (a disjunction). */
export function unionFamilies(
  families: readonly Family[],
  order: number,
  ctx: FamilyContext,
): Family {
  const effectiveOrder = Math.min(order, ...families.map((f) => f.order));
  if (families.some(failsNow)) return failsNowFamily(effectiveOrder);
  const nonEmpty = families.filter((f) => f.sets.length > 0);
  if (nonEmpty.length === 0) return neverFailsFamily(effectiveOrder);
  if (nonEmpty.length === 1) return truncateFamily(nonEmpty[0], effectiveOrder);
  const expected = nonEmpty.reduce((sum, f) => sum + f.sets.length, 0);
  const builder = new FamilyBuilder(ctx, effectiveOrder, expected);
  for (const family of nonEmpty) for (const set of family.sets) builder.add(set);
  return builder.build();
}

/** Only failure of both inputs fails the result (a conjunction): the pairwise unions. */
export function productFamilies(a: Family, b: Family, order: number, ctx: FamilyContext): Family {
  const effectiveOrder = Math.min(order, a.order, b.order);
  if (failsNow(a)) return truncateFamily(b, effectiveOrder);
  if (failsNow(b)) return truncateFamily(a, effectiveOrder);
  if (a.sets.length === 0 || b.sets.length === 0) return neverFailsFamily(effectiveOrder);
  const [outer, inner] = a.sets.length <= b.sets.length ? [a, b] : [b, a];
  const builder = new FamilyBuilder(ctx, effectiveOrder);
  addProduct(builder, outer.sets, new ProductOperand(inner));
  return builder.build();
}

/** One side of products, indexed for them; built once and reused when it meets many families. */
class ProductOperand {
  /** fitting[s]: how many sets have size ≤ s (sets are sorted by size). */
  readonly fitting: number[];
  private byElement: Map<number, CutSet[]> | null = null;

  constructor(readonly family: Family) {
    this.fitting = new Array<number>(family.order + 1).fill(0);
    for (const set of family.sets) if (set.length <= family.order) this.fitting[set.length]++;
    for (let s = 1; s <= family.order; s++) this.fitting[s] += this.fitting[s - 1];
  }

  containing(event: number): readonly CutSet[] {
    this.byElement ??= indexByElement(this.family.sets);
    return this.byElement.get(event) ?? [];
  }
}

/** Adds every A ∪ B (A from `outer`, B from `inner`) that fits the builder's order. */
function addProduct(builder: FamilyBuilder, outer: readonly CutSet[], inner: ProductOperand): void {
  const sets = inner.family.sets;
  for (const left of outer) {
    const room = Math.min(builder.order, inner.family.order) - left.length;
    if (room < 0) continue;
    // Every inner set of size ≤ room fits beside `left`.
    const end = inner.fitting[room];
    for (let i = 0; i < end; i++) builder.add(mergeSets(left, sets[i]));
    // A larger one fits only if it overlaps `left` enough: look those up by shared element.
    if (end < sets.length) {
      for (const event of left) {
        for (const right of inner.containing(event)) {
          if (right.length > room && unionSize(left, right) <= builder.order) {
            builder.add(mergeSets(left, right));
          }
        }
      }
    }
  }
}

/**
 * At least `needed` of the inputs fail. needed = 1 is a union, needed = n a product; in between,
 * T[t] ("t of the inputs seen so far fail") follows T[t] ∨= T[t-1] ∧ f_i, skipping the t that can
 * no longer reach `needed`. Each T[t] is one builder fed incrementally: products only need its
 * candidates (non-minimal ones just add non-minimal candidates that the final build drops).
 */
export function thresholdFamilies(
  inputs: readonly Family[],
  needed: number,
  order: number,
  ctx: FamilyContext,
): Family {
  // Inputs failing now already count toward `needed`.
  const families = inputs.filter((f) => !failsNow(f));
  needed -= inputs.length - families.length;
  const n = families.length;
  if (needed <= 0) return failsNowFamily(order);
  if (needed > n) return neverFailsFamily(order);
  if (needed === 1) return unionFamilies(families, order, ctx);
  if (needed === n) {
    // Smallest first keeps the intermediate products small.
    const sorted = [...families].sort((x, y) => x.sets.length - y.sets.length);
    return sorted.reduce((acc, f) => productFamilies(acc, f, order, ctx));
  }
  const effectiveOrder = Math.min(order, ...families.map((f) => f.order));
  const table = Array.from({ length: needed + 1 }, () => new FamilyBuilder(ctx, effectiveOrder));
  families.forEach((family, i) => {
    const operand = new ProductOperand(family);
    const lowest = Math.max(1, needed - (n - i - 1));
    for (let t = Math.min(i + 1, needed); t >= lowest; t--) {
      if (t === 1) for (const set of family.sets) table[1].add(set);
      else addProduct(table[t], table[t - 1].candidates(), operand);
    }
  });
  const result = table[needed];
  // A lower builder that hit the limit leaves the higher ones incomplete above its order.
  result.order = Math.min(...table.slice(1).map((b) => b.order));
  return result.build();
}

/** Same sets (in any order) and same order. */
export function familiesEqual(a: Family, b: Family, ctx: FamilyContext): boolean {
  if (a === b) return true;
  if (a.order !== b.order || a.sets.length !== b.sets.length) return false;
  if (a.sets.length === 0 || failsNow(a) || failsNow(b)) return failsNow(a) === failsNow(b);
  const table = new CutSetTable(ctx.maxOrder, b.sets.length);
  for (const set of b.sets) table.add(set);
  return a.sets.every((set) => table.has(set, (1 << set.length) - 1));
}

function unionSize(a: CutSet, b: CutSet): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      shared++;
      i++;
      j++;
    }
  }
  return a.length + b.length - shared;
}

function mergeSets(a: CutSet, b: CutSet): CutSet {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) merged.push(a[i++]);
    else if (a[i] > b[j]) merged.push(b[j++]);
    else {
      merged.push(a[i++]);
      j++;
    }
  }
  while (i < a.length) merged.push(a[i++]);
  while (j < b.length) merged.push(b[j++]);
  return merged;
}

function indexByElement(sets: readonly CutSet[]): Map<number, CutSet[]> {
  const index = new Map<number, CutSet[]>();
  for (const set of sets) {
    for (const event of set) {
      const list = index.get(event);
      if (list) list.push(set);
      else index.set(event, [set]);
    }
  }
  return index;
}
