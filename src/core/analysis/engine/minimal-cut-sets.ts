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
  const { zbdd } = diagrams;
  const family = zbdd.minimalCutSets(diagrams.bdd, diagrams.failure[node], maxOrder);
  return listFamilySets({ ...diagrams, family, toItem });
}

/** The sets of a ZBDD family of cut sets, in the order listNodeCutSets gives. */
export function listFamilySets<T>({
  graph,
  zbdd,
  eventOfLevel,
  family,
  toItem,
}: {
  readonly graph: AnalysisGraph;
  readonly zbdd: Zbdd;
  readonly eventOfLevel: Int32Array;
  readonly family: number;
  readonly toItem: (event: number) => T;
}): T[][] {
  if (family === ONE) return [[]];
  const sets: T[][] = [];
  zbdd.listSets(family).forEach((flat, size) => {
    if (size === 0 || flat.length === 0) return;
    const events = new Int32Array(flat.length);
    for (let i = 0; i < flat.length; i++) events[i] = eventOfLevel[flat[i]];
    for (let start = 0; start < events.length; start += size) sortRange(events, start, size);
    for (const index of sortFlatSets(events, size, graph.eventCount)) {
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
