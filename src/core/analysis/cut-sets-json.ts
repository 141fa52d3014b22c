import type { SortedCutSets } from './engine/minimal-cut-sets';

/*
 * Lists of cut sets as JSON text, for stringifyCaseAnalysis: from the engine's flat sorted form
 * straight to UTF-8 bytes (sets already listed are flattened first). A layout says where the
 * separators go.
 */

export interface ListLayout {
  /** Between the keys of a set. */
  readonly key: string;
  /** After `[` and between sets. */
  readonly open: string;
  readonly between: string;
  /** Before `]`. */
  readonly close: string;
}

export const COMPACT: ListLayout = { key: ',', open: '', between: ',', close: '' };

export function spacedLayout(pad: string, indent: number): ListLayout {
  const line = `\n${pad}${' '.repeat(indent)}`;
  return { key: ', ', open: line, between: `,${line}`, close: `\n${pad}` };
}

export interface FlatCutSets {
  readonly sorted: readonly SortedCutSets[];
  readonly toKey: (event: number) => string;
}

/** Sets already listed, in the flat form and in their order: a group per run of one size. */
export function flattenCutSets(sets: readonly (readonly string[])[]): FlatCutSets {
  const keys: string[] = [];
  const eventOf = new Map<string, number>();
  const eventOfKey = (key: string) => {
    let event = eventOf.get(key);
    if (event === undefined) eventOf.set(key, (event = keys.push(key) - 1));
    return event;
  };
  const sorted: SortedCutSets[] = [];
  for (let start = 0, end = 0; start < sets.length; start = end) {
    const size = sets[start].length;
    while (end < sets.length && sets[end].length === size) end++;
    const events = Int32Array.from(sets.slice(start, end).flat(), eventOfKey);
    sorted.push({ size, events, count: end - start });
  }
  return { sorted, toKey: (event) => keys[event] };
}

/** The JSON text of a list of cut sets, in UTF-8 bytes first: a million sets are 30 MB. */
export function writeSetList({ sorted, toKey }: FlatCutSets, layout: ListLayout): string {
  const encoder = new TextEncoder();
  const [key, open, between, close] = [layout.key, layout.open, layout.between, layout.close].map(
    (text) => encoder.encode(text),
  );
  const keyBytes: Uint8Array[] = [];
  const bytesOf = (event: number) =>
    (keyBytes[event] ??= encoder.encode(JSON.stringify(toKey(event))));
  let length = 2;
  let setCount = 0;
  for (const { size, events, count } of sorted) {
    setCount += count;
    length += count * (2 + Math.max(size - 1, 0) * key.length);
    for (let i = 0; i < events.length; i++) length += bytesOf(events[i]).length;
  }
  if (setCount === 0) return '[]';
  length += open.length + (setCount - 1) * between.length + close.length;
  const out = new Uint8Array(length);
  let at = 0;
  const put = (bytes: Uint8Array) => {
    for (let b = 0; b < bytes.length; b++) out[at++] = bytes[b];
  };
  out[at++] = 0x5b; // [
  put(open);
  let first = true;
  for (const { size, events, count } of sorted) {
    for (let i = 0; i < count; i++) {
      if (!first) put(between);
      first = false;
      out[at++] = 0x5b;
      for (let j = 0; j < size; j++) {
        if (j > 0) put(key);
        put(bytesOf(events[i * size + j]));
      }
      out[at++] = 0x5d; // ]
    }
  }
  put(close);
  out[at++] = 0x5d;
  return new TextDecoder().decode(out);
}
