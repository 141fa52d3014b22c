import type { AnalysisGraph } from '../graph/types';
import type { FailureDiagrams } from './failure-diagrams';
import type { Zbdd } from './zbdd';
import { ONE } from './node-store';

/**
 * The minimal cut sets of one node's failure up to `maxOrder` (null: all), each event given by
 * `toItem(event number)` (default: the number): each set ascending, sets by size then
 * lexicographically (event numbers follow key order, so this is key order). A node that fails
 * now has the one cut set ∅.
 */
export function listNodeCutSets<T = number>({
  diagrams,
  node,
  maxOrder,
  toItem = (event: number) => event as T,
}: {
  readonly diagrams: FailureDiagrams;
  readonly node: number;
  readonly maxOrder: number | null;
  readonly toItem?: (event: number) => T;
}): T[][] {
  return listFamilySets({ ...nodeCutSetFamily({ diagrams, node, maxOrder }), toItem });
}

/** The ZBDD family of one node's minimal cut sets up to `maxOrder` (null: all). */
export function nodeCutSetFamily({
  diagrams,
  node,
  maxOrder,
}: {
  readonly diagrams: FailureDiagrams;
  readonly node: number;
  readonly maxOrder: number | null;
}): FamilyOfCutSets {
  const family = diagrams.zbdd.minimalCutSets(diagrams.bdd, diagrams.failure[node], maxOrder);
  return { ...diagrams, family };
}

/** The sets of a ZBDD family of cut sets, in the order listNodeCutSets gives. */
export function listFamilySets<T>({
  toItem,
  ...family
}: FamilyOfCutSets & { readonly toItem: (event: number) => T }): T[][] {
  return listSortedSets(sortFamilySets(family), toItem);
}

/** sortFamilySets' sets, one array each. */
export function listSortedSets<T>(
  groups: readonly SortedCutSets[],
  toItem: (event: number) => T,
): T[][] {
  const sets: T[][] = [];
  for (const { size, events, count } of groups) {
    for (let i = 0; i < count; i++) {
      const set = new Array<T>(size);
      for (let j = 0; j < size; j++) set[j] = toItem(events[i * size + j]);
      sets.push(set);
    }
  }
  return sets;
}

export interface FamilyOfCutSets {
  readonly graph: AnalysisGraph;
  readonly zbdd: Zbdd;
  readonly eventOfLevel: Int32Array;
  readonly family: number;
}

/** The cut sets of one size, `size` event numbers each, stored flat in listing order. */
export interface SortedCutSets {
  readonly size: number;
  readonly events: Int32Array;
  /** How many sets (events.length / size, or 1 for the one empty set). */
  readonly count: number;
}

/**
 * The family's sets by size, smallest first (sizes with no set left out), each set ascending and
 * the sets of a size lexicographic: listFamilySets' order without an array per set, for callers
 * that write hundreds of thousands of them.
 */
export function sortFamilySets({
  graph,
  zbdd,
  eventOfLevel,
  family,
}: FamilyOfCutSets): SortedCutSets[] {
  if (family === ONE) return [{ size: 0, events: new Int32Array(0), count: 1 }];
  const groups: SortedCutSets[] = [];
  zbdd.listSets(family).forEach((flat, size) => {
    if (size === 0 || flat.length === 0) return;
    const events = new Int32Array(flat.length);
    for (let i = 0; i < flat.length; i++) events[i] = eventOfLevel[flat[i]];
    for (let start = 0; start < events.length; start += size) sortRange(events, start, size);
    const order = sortFlatSets(events, size, graph.eventCount);
    const sorted = new Int32Array(events.length);
    for (let i = 0; i < order.length; i++) {
      for (let j = 0; j < size; j++) sorted[i * size + j] = events[order[i] * size + j];
    }
    groups.push({ size, events: sorted, count: order.length });
  });
  return groups;
}

/** Insertion sort of values[start .. start + length): cut sets are short. */
function sortRange(values: Int32Array, start: number, length: number): void {
  for (let i = start + 1; i < start + length; i++) {
    const value = values[i];
    let j = i - 1;
    while (j >= start && values[j] > value) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = value;
  }
}

/**
 * The order of the `size`-element sets stored flat in `events` (values < `range`), sorted
 * lexicographically: least-significant-position-first counting sort, linear in the sets.
 */
function sortFlatSets(events: Int32Array, size: number, range: number): Int32Array {
  const count = events.length / size;
  let order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  let next = new Int32Array(count);
  const buckets = new Int32Array(range + 1);
  for (let position = size - 1; position >= 0; position--) {
    buckets.fill(0);
    for (let i = 0; i < count; i++) buckets[events[i * size + position] + 1]++;
    for (let v = 0; v < range; v++) buckets[v + 1] += buckets[v];
    for (let i = 0; i < count; i++) {
      const set = order[i];
      next[buckets[events[set * size + position]]++] = set;
    }
    [order, next] = [next, order];
  }
  return order;
}
