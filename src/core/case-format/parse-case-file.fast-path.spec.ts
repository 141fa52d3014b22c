import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Lexer, Parser } from 'yaml';
import { scenarioCaseArb } from '../analysis/testing/random-case';
import { exportCaseFile } from './export-case-file';
import {
  MAX_NESTING,
  parseCaseFile,
  readCaseYaml,
  readCaseYamlFully,
  type ReadCaseYaml,
} from './parse-case-file';
import { QUICK_READ_NESTING_MARGIN, readCaseYamlQuickly } from './quick-yaml-read';

/*
 * readCaseYaml reads a plain document with js-yaml and leaves everything else to the full read
 * (yaml's lexer, parser and composer, with every limit), which is the reference here: on any
 * document, readCaseYaml must answer as readCaseYamlFully does.
 */

/** The outcome of a read, comparable across the two: ok and raw, or the issues' codes. */
function outcomeOf(read: ReadCaseYaml) {
  return read.ok
    ? { ok: true, raw: read.raw }
    : { ok: false, codes: read.issues.map((i) => i.code) };
}

/** Throws, naming the document, unless readCaseYaml answers it as the full read does. */
function expectSameRead(text: string): void {
  const expected = outcomeOf(readCaseYamlFully(text));
  const actual = outcomeOf(readCaseYaml(text));
  // isDeepStrictEqual tells -0 from 0, as toEqual does not.
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Error(
      `${JSON.stringify(text)}\nread:     ${format(actual)}\nexpected: ${format(expected)}`,
    );
  }
}

const format = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? String(v) : Object.is(v, -0) ? '-0' : v,
  );

const quick = (text: string) => readCaseYamlQuickly(text) !== undefined;

/** The collections `value` nests (a scalar is 0, a flat map 1). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

/** The longest yaml's parser stack gets over the document, measured as the full read does. */
function maxParserStack(text: string): number {
  const parser = new Parser();
  let longest = 0;
  for (const lexeme of new Lexer().lex(text)) {
    Array.from(parser.next(lexeme));
    longest = Math.max(longest, parser.stack.length);
  }
  Array.from(parser.end());
  return longest;
}

/** Plain scalars where YAML 1.2 core, YAML 1.1 and js-yaml's own core schema disagree. */
const TRICKY_PLAIN = [
  '1_000',
  '0b101',
  '0o17',
  '0o18',
  '0x1F',
  '0x',
  '+12',
  '-0',
  '+0',
  '-0.0',
  '.5',
  '1.',
  '-.5',
  '1e5',
  '1E-5',
  '+1.5e+3',
  '1e',
  '.inf',
  '-.Inf',
  '+.INF',
  '.NaN',
  '.nan',
  '.NAN',
  'NaN',
  'Infinity',
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'false',
  'FALSE',
  'yes',
  'No',
  'on',
  'OFF',
  'y',
  'n',
  '1h25m',
  '30d',
  'R&D',
  '2026-01-01',
  '2026-01-01T10:00:00Z',
  '12:30',
  '1:30:00',
  '123456789012345678901234567890',
  '9007199254740993',
  '0777',
  '00',
  '-',
  '--',
  'a b',
  'c-0001',
  'Threat pathway',
  'x#y',
  'a:b',
  'http://x',
  '@x',
  '`x',
  '%x',
  '<<',
  '=',
];
const SPECIAL_KEYS = ['~', 'null', 'true', '1', '0x1', '1.0', '-0', '0', '.nan', '.NaN', '<<'];
const QUOTED = [
  '"a\\nb"',
  '"tab\\there"',
  '"\\u00e9\\x41\\U0001F600"',
  '"\\U00110000"',
  '"\\UFFFFFFFF"',
  '"\\/"',
  '"\\ "',
  '"\\q"',
  '"\\N\\_\\L\\P"',
  '"\\e\\0\\a\\b\\v\\f\\r"',
  '"back\\\\slash"',
  "'it''s'",
  "''",
  '""',
  '"a # b"',
  "'#'",
  '"unterminated',
  "'x",
  '"  lead"',
  '"1"',
  "'true'",
  '"~"',
  '"x" y',
];
/** Scalars over several lines; each line break is indented to the scalar's place. */
const MULTILINE = [
  'plain\ncontinued',
  'a\n\nb',
  'a\n  deeper',
  'x\n# comment?',
  'k: v\nw',
  '"dq\nfolded"',
  '"dq\n\nblank"',
  '"esc\\\nnewline"',
  '"trail  \n spaces"',
  "'sq\nfolded'",
  "'sq\n\n\nblanks'",
  '"\n"',
  '"a\n"',
];
const WORDS = ['key', 'title', 'a', 'b', 'supports', 'report', 'x', 'c-0001', 'k'];

type Tree =
  | { readonly kind: 'scalar'; readonly source: string }
  | { readonly kind: 'block-scalar'; readonly header: string; readonly lines: readonly string[] }
  | { readonly kind: 'map'; readonly flow: boolean; readonly entries: readonly [string, Tree][] }
  | { readonly kind: 'seq'; readonly flow: boolean; readonly items: readonly Tree[] };

const plainArb = fc.oneof(fc.constantFrom(...TRICKY_PLAIN), fc.constantFrom(...WORDS));
const hostileScalarArb = fc.constantFrom(
  '&a x',
  '*a',
  '!!str 5',
  '!foo x',
  '!!int 3',
  '!!binary aGk=',
  '? k',
  '[a]: b',
  '&a',
  '*a: x',
  'a: b',
  '- x',
  ': x',
  '|',
  '>',
  '{}',
  '[]',
  '{a, b}',
  '{~: 1}',
  '[~: 1]',
  'x\ty',
  '\tx',
);
const scalarArb = fc.oneof(
  { weight: 6, arbitrary: plainArb },
  { weight: 3, arbitrary: fc.constantFrom(...QUOTED) },
  { weight: 1, arbitrary: fc.constantFrom(...MULTILINE) },
  { weight: 1, arbitrary: hostileScalarArb },
  { weight: 1, arbitrary: fc.constant('') },
);
const keyArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_KEYS) },
  { weight: 2, arbitrary: fc.constantFrom('"key"', "'a'", '"a b"', '""', '"x\\ny"') },
  { weight: 1, arbitrary: fc.constantFrom(...TRICKY_PLAIN) },
  { weight: 1, arbitrary: fc.constant('k'.repeat(1030)) },
);

const treeArb = (maxDepth: number) =>
  fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', maxDepth },
      fc.record({ kind: fc.constant('scalar' as const), source: scalarArb }),
      fc.record({
        kind: fc.constant('block-scalar' as const),
        header: fc.constantFrom('|', '>', '|-', '>-', '|+', '>+', '|2', '| # c', '|x'),
        lines: fc.array(
          fc.constantFrom(
            'line',
            '  indented',
            '',
            '   ',
            'trailing  ',
            '# not a comment',
            '*a',
            'x: y',
            '- x',
            '---',
            '"q"',
          ),
          { maxLength: 4 },
        ),
      }),
      fc.record({
        kind: fc.constant('map' as const),
        flow: fc.boolean(),
        entries: fc.array(fc.tuple(keyArb, tie('tree')), { maxLength: 4 }),
      }),
      fc.record({
        kind: fc.constant('seq' as const),
        flow: fc.boolean(),
        items: fc.array(tie('tree'), { maxLength: 4 }),
      }),
    ),
  })).tree;

/**
 * Random choices of layout: comments, spacing, compact sequences, line breaks in flow. With
 * `itemsOnNextLine`, a sequence item may also start on the line after its `-`.
 */
type Layout = { readonly next: () => number; readonly itemsOnNextLine: boolean };

/** YAML for a value in block context at `indent`: the text after `key:` or `-`. */
function renderValue(tree: Tree, indent: number, layout: Layout, afterDash = false): string {
  const pad = ' '.repeat(indent);
  switch (tree.kind) {
    case 'scalar':
      if (tree.source === '') return '';
      return ` ${tree.source.replace(/\n/g, `\n${pad}  `)}${comment(layout)}`;
    case 'block-scalar':
      return ` ${tree.header}\n${tree.lines.map((l) => (l ? `${pad}  ${l}` : '')).join('\n')}`;
    case 'map':
    case 'seq':
      if (tree.flow || isEmpty(tree)) return ` ${renderFlow(tree, indent + 2, layout)}`;
      // Compact (`- a: 1` or `- - x`) or on the next line.
      if (afterDash && (!layout.itemsOnNextLine || layout.next() % 3 !== 0)) {
        return ` ${renderBlock(tree, indent + 2, layout).slice(indent + 2)}`;
      }
      return `${comment(layout)}\n${renderBlock(tree, indent + 2, layout)}`;
  }
}

const isEmpty = (tree: Tree) =>
  (tree.kind === 'map' && tree.entries.length === 0) ||
  (tree.kind === 'seq' && tree.items.length === 0);

function comment(layout: Layout): string {
  return layout.next() % 7 === 0 ? ' # note: x' : '';
}

function renderBlock(tree: Tree, indent: number, layout: Layout): string {
  const pad = ' '.repeat(indent);
  if (tree.kind === 'map' && tree.entries.length > 0 && !tree.flow) {
    return tree.entries
      .map(([key, value]) => `${pad}${key}:${renderValue(value, indent, layout)}`)
      .join('\n');
  }
  if (tree.kind === 'seq' && tree.items.length > 0 && !tree.flow) {
    return tree.items.map((item) => `${pad}-${renderValue(item, indent, layout, true)}`).join('\n');
  }
  if (tree.kind === 'block-scalar') return `${pad}${renderValue(tree, indent, layout).slice(1)}`;
  return `${pad}${tree.kind === 'scalar' ? tree.source : renderFlow(tree, indent + 2, layout)}`;
}

function renderFlow(tree: Tree, indent: number, layout: Layout): string {
  const gap = () => {
    const r = layout.next() % 11;
    return r === 0 ? `\n${' '.repeat(indent)}` : r === 1 ? '' : ' ';
  };
  switch (tree.kind) {
    case 'scalar':
      return tree.source.replace(/\n/g, `\n${' '.repeat(indent)}`) || '""';
    case 'block-scalar':
      return tree.header;
    case 'map': {
      const entries = tree.entries.map(
        ([k, v]) => `${k}:${gap() || ' '}${renderFlow(v, indent + 2, layout)}`,
      );
      const trailing = entries.length > 0 && layout.next() % 9 === 0 ? ',' : '';
      return `{${gap()}${entries.join(`,${gap()}`)}${trailing}${gap()}}`;
    }
    case 'seq': {
      const items = tree.items.map((v) => renderFlow(v, indent + 2, layout));
      const trailing = items.length > 0 && layout.next() % 9 === 0 ? ',' : '';
      return `[${gap()}${items.join(`,${gap()}`)}${trailing}${gap()}]`;
    }
  }
}

/** Mutations a hostile or sloppy file might have. */
const MUTATIONS: readonly ((text: string, at: number) => string)[] = [
  (t) => `---\n${t}`,
  (t) => `${t}\n...\n`,
  (t) => `${t}\n---\nb: 1\n`,
  (t) => `%YAML 1.2\n---\n${t}`,
  (t) => `\ufeff${t}`,
  (t) => t.replace(/\n/g, '\r\n'),
  (t, at) => insertAt(t, at, '\r'),
  (t, at) => insertAt(t, at, '\t'),
  (t) => t.replace(/ /, '\t'),
  (t) => t.replace(/\n {2}/, '\n\t'),
  (t) => `# leading comment\n${t}`,
  (t) => `${t}\n# trailing comment`,
  (t) => `${t}\n`,
  (t) => `${t}\nkey: again\n`,
  (t, at) => insertAt(t, at, ':'),
  (t, at) => insertAt(t, at, '#'),
  (t, at) => insertAt(t, at, '-'),
  (t, at) => insertAt(t, at, ','),
  (t, at) => insertAt(t, at, '"'),
  (t, at) => insertAt(t, at, "'"),
  (t, at) => insertAt(t, at, '['),
  (t, at) => insertAt(t, at, '}'),
  (t, at) => insertAt(t, at, '\n'),
  (t, at) => insertAt(t, at, ' '),
  (t, at) => insertAt(t, at, '&x '),
  (t, at) => insertAt(t, at, '\u0007'),
  (t, at) => insertAt(t, at, '\u0085'),
  (t, at) => insertAt(t, at, '\u2028'),
  (t, at) => t.slice(0, at % (t.length + 1)) + t.slice((at % (t.length + 1)) + 1),
];

function insertAt(text: string, at: number, piece: string): string {
  const i = at % (text.length + 1);
  return text.slice(0, i) + piece + text.slice(i);
}

const documentArb = (maxDepth: number) =>
  fc
    .record({
      tree: treeArb(maxDepth),
      seeds: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
      mutations: fc.array(fc.tuple(fc.nat(MUTATIONS.length - 1), fc.nat()), { maxLength: 2 }),
    })
    .map(({ tree, seeds, mutations }) => {
      let i = 0;
      const layout = { next: () => seeds[i++ % seeds.length] + i, itemsOnNextLine: true };
      const text = renderBlock(tree, 0, layout);
      return mutations.reduce((t, [m, at]) => MUTATIONS[m](t, at), text);
    });

/** A chain of collections `depth` deep: block and flow, maps and sequences, compact or not. */
const deepDocumentArb = fc
  .record({
    depth: fc.integer({ min: MAX_NESTING - 8, max: MAX_NESTING + 2 }),
    kinds: fc.array(
      fc.oneof(
        { weight: 40, arbitrary: fc.constantFrom('map', 'map-after', 'seq', 'seq-after') },
        { weight: 40, arbitrary: fc.constantFrom('flow-map', 'flow-seq') },
        // Rare: the quick read leaves a `-` alone on its line to the full read.
        { weight: 1, arbitrary: fc.constant('seq-next-line') },
      ),
      { minLength: MAX_NESTING + 2, maxLength: MAX_NESTING + 2 },
    ),
    leaf: fc.constantFrom('x', '', '[]', '{}', '|\n  body', '"q"'),
  })
  .map(({ depth, kinds, leaf }) => {
    // Built inside out: each level wraps the text of the levels below it.
    let text: string = leaf;
    let flow = leaf !== '' && !leaf.startsWith('|');
    const indented = (t: string) => t.split('\n').join('\n  ');
    for (let level = depth - 1; level >= 0; level--) {
      const kind = kinds[level];
      if (flow && kind === 'flow-map') text = `{k: ${text}}`;
      else if (flow && kind === 'flow-seq') text = `[x, ${text}]`;
      else if (kind === 'seq' || kind.startsWith('flow')) text = `- ${indented(text)}`;
      else if (kind === 'seq-after') text = `- x\n- ${indented(text)}`;
      else if (kind === 'seq-next-line') text = `-\n  ${indented(text)}`;
      else if (kind === 'map-after') text = `a: 1\nk:\n  ${indented(text)}`;
      else text = `k:\n  ${indented(text)}`;
      flow = flow && kind.startsWith('flow');
    }
    return text;
  });

describe('readCaseYaml, quick and full', () => {
  it('reads random documents, plain and hostile, as the full read does', () => {
    let quickReads = 0;
    let runs = 0;
    fc.assert(
      fc.property(documentArb(4), (text) => {
        expectSameRead(text);
        runs++;
        if (quick(text)) quickReads++;
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: the quick read takes a good share of them.
    expect(quickReads).toBeGreaterThan(runs / 10);
  });

  it('leaves \\U escapes to the full read, which refuses those past U+10FFFF', () => {
    for (const escape of ['\\U00110000', '\\UFFFFFFFF', '\\U0001F600']) {
      const text = `format: loadbearing/v1\nreport: { key: r, title: "${escape}" }\n`;
      expect(quick(text)).toBe(false);
      expectSameRead(text);
    }
    expect(readCaseYaml('title: "\\U00110000"\n').ok).toBe(false);
  });

  it('takes the quick read for plain documents', () => {
    // js-yaml refuses a block scalar as the whole document without indented lines.
    const plainTreeArb = treeArb(4).filter((tree) => tree.kind !== 'block-scalar' && isPlain(tree));
    fc.assert(
      fc.property(plainTreeArb, fc.array(fc.nat(), { minLength: 8 }), (tree, seeds) => {
        let i = 0;
        // A `-` alone on its line is left to the full read (see hasOnlyQuickTokens).
        const layout = { next: () => seeds[i++ % seeds.length] + i, itemsOnNextLine: false };
        const text = renderBlock(tree, 0, layout);
        expectSameRead(text);
        if (!quick(text)) throw new Error(`declined ${JSON.stringify(text)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('takes the quick read for exported case files, and reads them as the full read does', () => {
    fc.assert(
      fc.property(scenarioCaseArb, (c) => {
        const text = exportCaseFile({ case: c });
        expectSameRead(text);
        expect(quick(text)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('reads nesting around MAX_NESTING as the full read does', () => {
    let quickReads = 0;
    let refused = 0;
    fc.assert(
      fc.property(deepDocumentArb, (text) => {
        expectSameRead(text);
        if (quick(text)) quickReads++;
        const full = readCaseYamlFully(text);
        if (!full.ok && full.issues.some((i) => i.code === 'DOCUMENT_TOO_DEEP')) refused++;
      }),
      { numRuns: 1000 },
    );
    expect(quickReads).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });

  it("keeps the margin: yaml's parser stack exceeds the data's nesting by at most 2", () => {
    // QUICK_READ_NESTING_MARGIN is this measured 2 and one spare.
    const margin = QUICK_READ_NESTING_MARGIN - 1;
    const check = (text: string) => {
      const read = readCaseYamlQuickly(text);
      if (read) expect(maxParserStack(text)).toBeLessThanOrEqual(depthOf(read.raw) + margin);
    };
    fc.assert(fc.property(deepDocumentArb, check), { numRuns: 500 });
    fc.assert(fc.property(documentArb(6), check), { numRuns: 1000 });
    const shapes: ((n: number) => string)[] = [
      (n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k:`).join('\n') + ' x',
      (n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k:`).join('\n'),
      (n) => `${'- '.repeat(n)}x`,
      (n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- k:`).join('\n') + ' x',
      (n) => `${'['.repeat(n)}x${']'.repeat(n)}`,
      (n) => `${'{a: '.repeat(n)}x${'}'.repeat(n)}`,
      (n) => `k: ${'['.repeat(n - 1)}x${']'.repeat(n - 1)}`,
      (n) => `${'- '.repeat(n - 1)}a: b`,
      (n) => `${'- '.repeat(n)}>-\n${'  '.repeat(n)}body`,
      (n) => `${'- '.repeat(n - 1)}[]`,
    ];
    for (const shape of shapes) {
      for (let n = 1; n <= MAX_NESTING; n++) check(shape(n));
    }
  });

  it.each([
    ...TRICKY_PLAIN.flatMap((s) => [
      `a: ${s}`,
      `- ${s}`,
      `[${s}]`,
      `{k: ${s}}`,
      `${s}: v`,
      `{${s}: v}`,
      s,
    ]),
    ...QUOTED.flatMap((s) => [`a: ${s}`, `${s}: v`, `[${s}]`]),
    ...SPECIAL_KEYS.map((k) => `${k}: 1\n${k}: 2`),
    ['1: a', '1.0: b'].join('\n'),
    ['.nan: a', '.NaN: b'].join('\n'),
    ['1: a', '"1": b'].join('\n'),
    '__proto__: {a: 1}\ntoString: x',
    '<<: {a: 1}\nb: 2',
    '',
    '# only a comment',
    '~',
    '{a, b}',
    '[a, ]',
    '{a: 1,}',
    '{,}',
    '[a: 1, b: 2]',
    '"k":1',
    '{"a":1,"b":[true,null,-0]}',
    'a: "x"#c',
    'a: [x]#c',
    'a: |\n  x\n# after\nb: c',
    'a: |\nb: c',
    'a: >\n\n  folded\n  text\n\n  more\nb: c',
    'a: |+\n  keep\n\n\nb: c',
    'a: plain\n  multi line\n\n  scalar',
    'a: "multi\n  line"',
    'a\nb: c',
    '"a\nb": c',
    '- a\n -b',
    'a:\n- x\n- y',
    'a:\tb',
    '-\tx',
    'a: b: c',
    'a: - b',
    '  a: 1\n b: 2',
    `${'k'.repeat(1020)}: v`,
    `${'k'.repeat(1030)}: v`,
    'a: 1\r\nb: [x,\r\n  y]\r\n',
    'a: 1\rb: 2',
    '\ufeffa: 1',
    'a: \u0007',
    'a: x\u0085y',
    'a: x\u2028y',
  ])('reads %j as the full read does', (text) => {
    expectSameRead(text);
  });
});

/** Whether a tree renders to YAML the quick read is meant to take: no hostile scalars. */
function isPlain(tree: Tree, inFlow = false): boolean {
  const plainKey = (k: string) => WORDS.includes(k) || k === '"key"' || k === "'a'";
  const plainValue = (s: string) =>
    WORDS.includes(s) || ['1', 'true', '"a # b"', "'it''s'", '.5', '-0', 'R&D'].includes(s);
  switch (tree.kind) {
    case 'scalar':
      return plainValue(tree.source);
    case 'block-scalar':
      // The quick read leaves more indented lines and leading blank lines to the full read.
      return (
        !inFlow &&
        ['|', '>', '|-', '>-'].includes(tree.header) &&
        !tree.lines.some((l) => l.startsWith(' ')) &&
        tree.lines[0] !== ''
      );
    case 'map':
      return (
        new Set(tree.entries.map(([k]) => k.replace(/^["']|["']$/g, ''))).size ===
          tree.entries.length &&
        tree.entries.every(([k, v]) => plainKey(k) && isPlain(v, inFlow || tree.flow))
      );
    case 'seq':
      return tree.items.every((v) => isPlain(v, inFlow || tree.flow));
  }
}

/** Every YAML file of the repository's examples and fixtures. */
function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const ROOT = join(__dirname, '../../..');
const FILES = ['examples', 'test/fixtures'].flatMap((dir) => yamlFilesUnder(join(ROOT, dir)));

describe('readCaseYaml on the repository YAML files', () => {
  it('finds them', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(3);
  });

  it.each(FILES.map((f) => [f.slice(ROOT.length + 1), f]))(
    'reads %s as the full read does, quickly',
    (_, path) => {
      const text = readFileSync(path, 'utf8');
      expectSameRead(text);
      expect(quick(text)).toBe(true);
    },
  );

  it.each(FILES.map((f) => [f.slice(ROOT.length + 1), f]))(
    'locates the same lines in %s after a quick read',
    (_, path) => {
      const text = readFileSync(path, 'utf8');
      const fully = readCaseYamlFully(text);
      // Another text than the last read's, so not the answer readCaseYaml kept.
      const quickly = readCaseYaml(`${text}\n`);
      if (!fully.ok || !quickly.ok) throw new Error('not read');
      expect(quick(`${text}\n`)).toBe(true);
      const offsets = Array.from({ length: 20 }, (_, i) => Math.floor((i * text.length) / 20));
      expect(offsets.map((o) => quickly.lineAt(o))).toEqual(offsets.map((o) => fully.lineAt(o)));
      expect(quickly.document().toJS()).toEqual(fully.document().toJS());
    },
  );
});

describe('a quick read', () => {
  it('composes the yaml document only when asked, and once', () => {
    const text = 'format: loadbearing/v1\nreport:\n  key: lazy\n  title: T\n';
    const read = readCaseYaml(text);
    if (!read.ok) throw new Error('not read');
    expect(quick(text)).toBe(true);
    const doc = read.document();
    expect(read.document()).toBe(doc);
    expect(read.lineAt(text.indexOf('title'))).toBe(4);
  });

  it('gives parseCaseFile the lines the full read gives', () => {
    const text = [
      'format: loadbearing/v1',
      'report: { key: r, title: R }',
      'claims:',
      '  - key: c1',
      '    statement: S',
      '    colour: blue',
      '  - key: c2',
      '    statement: Loose',
    ].join('\n');
    expect(quick(text)).toBe(true);
    const lines = parseCaseFile({ text }).issues.map((i) => [i.code, i.line]);
    expect(lines).toEqual([['UNKNOWN_FIELD', 6]]);
  });
});
