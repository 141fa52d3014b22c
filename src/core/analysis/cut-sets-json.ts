import type { SortedCutSets } from './engine/minimal-cut-sets';

/*
 * Lists of cut sets as JSON text, for stringifyCaseAnalysis: from the engine's flat sorted form
 * straight to UTF-8 bytes, or from sets already listed. A layout says where the separators go.
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

export function writeListedSets(sets: readonly (readonly string[])[], layout: ListLayout): string {
  if (sets.length === 0) return '[]';
  const texts = sets.map((set) => `[${set.map((key) => JSON.stringify(key)).join(layout.key)}]`);
  return `[${layout.open}${texts.join(layout.between)}${layout.close}]`;
}

export interface FlatCutSets {
  readonly sorted: readonly SortedCutSets[];
  readonly toKey: (event: number) => string;
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
