import type { FailureDiagrams } from './failure-diagrams';
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
  const { zbdd, eventOfLevel } = diagrams;
  const family = zbdd.minimalCutSets(diagrams.failure[node], maxOrder);
  if (family === ONE) return [[]];
  const sets: T[][] = [];
  zbdd.listSets(family).forEach((flat, size) => {
    if (size === 0 || flat.length === 0) return;
    const events = new Int32Array(flat.length);
    for (let i = 0; i < flat.length; i++) events[i] = eventOfLevel[flat[i]];
    for (let start = 0; start < events.length; start += size) sortRange(events, start, size);
    for (const index of sortFlatSets(events, size, diagrams.graph.eventCount)) {
      const set = new Array<T>(size);
      for (let j = 0; j < size; j++) set[j] = toItem(events[index * size + j]);
      sets.push(set);
    }
  });
  return sets;
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

/** The smallest cut set size of a node's failure, null when nothing can fail it. */
export function smallestCutSetSize({
  diagrams,
  node,
}: {
  readonly diagrams: FailureDiagrams;
  readonly node: number;
}): number | null {
  const { bdd } = diagrams;
  const store = bdd.store;
  // The fewest true variables on a path to ONE: no need for the ZBDD.
  const memo = new Map<number, number>();
  const fewest = (f: number): number => {
    if (f <= ONE) return f === ONE ? 0 : Infinity;
    const known = memo.get(f);
    if (known !== undefined) return known;
    const result = Math.min(fewest(store.high[f]) + 1, fewest(store.low[f]));
    memo.set(f, result);
    return result;
  };
  const size = fewest(diagrams.failure[node]);
  return size === Infinity ? null : size;
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
