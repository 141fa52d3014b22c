import type { DiagramNode } from './argument-diagram';
import { cleanText, describeNode, META_WIDTH, wrapText } from './diagram-text';

describe('wrapText', () => {
  it.each([
    ['short', 'Central log pipeline', 34, 3, ['Central log pipeline']],
    ['breaks between words', 'aaa bbb ccc ddd', 7, 3, ['aaa bbb', 'ccc ddd']],
    ['cuts a word longer than a line', 'abcdefghij xy', 4, 4, ['abcd', 'efgh', 'ij', 'xy']],
    ['ends what does not fit in an ellipsis', 'aaa bbb ccc ddd eee', 7, 2, ['aaa bbb', 'ccc…']],
    [
      'shortens a full last line to fit the ellipsis',
      'aaaaaaa bbbbbbb c',
      7,
      2,
      ['aaaaaaa', 'bbbbbb…'],
    ],
    ['one line', 'a long title here', 8, 1, ['a long…']],
    ['cleans line breaks and runs of space', ' a\n\tb\r\n  c ', 10, 3, ['a b c']],
    ['counts an emoji as one character and never splits it', '🙂🙂🙂🙂', 3, 1, ['🙂🙂…']],
    ['empty', '', 10, 3, []],
  ])('%s', (_name, text, width, lines, expected) => {
    const wrapped = wrapText(text, width, lines);
    expect(wrapped).toEqual(expected);
    // Invariants: never more lines than asked, never a line wider than asked.
    expect(wrapped.length).toBeLessThanOrEqual(lines);
    for (const line of wrapped) expect(Array.from(line).length).toBeLessThanOrEqual(width);
  });
});

describe('cleanText', () => {
  it('turns control characters into spaces and lone surrogates into U+FFFD', () => {
    expect(cleanText('a\u0000b\u0007c\u009fd')).toBe('a b c d');
    expect(cleanText('x\ud800y\udc00z 🙂')).toBe('x\ufffdy\ufffdz 🙂');
  });
});

describe('describeNode', () => {
  const node = (overrides: Partial<DiagramNode>): DiagramNode => ({
    key: 'k',
    kind: 'claim',
    text: 'Text',
    rule: 'all',
    status: null,
    timing: null,
    state: 'holds',
    margin: { before: 2, after: 2 },
    ...overrides,
  });

  it.each([
    [node({}), 'claim · requires all · margin 2'],
    [
      node({ rule: '≥2 of 3', state: 'weakened', margin: { before: 3, after: 1 } }),
      'claim · requires ≥2 of 3 · margin 3 → 1 / weakened',
    ],
    [
      node({ kind: 'pathway', state: 'broken', margin: { before: 1, after: 0 } }),
      'pathway · requires all · margin 1 → 0 / broken',
    ],
    [
      node({ rule: 'assumed', margin: { before: null, after: null } }),
      'claim · assumed · margin >4',
    ],
    [
      node({ rule: 'undeveloped', state: 'not-holding', margin: { before: 0, after: 0 } }),
      'claim · undeveloped · not holding',
    ],
    [
      node({ kind: 'mitigation', rule: null, status: 'in_place', state: 'failed', margin: null }),
      'mitigation · in_place · failed',
    ],
    [
      node({ kind: 'evidence', rule: null, status: 'stale', state: 'not-holding', margin: null }),
      'evidence · stale · not holding',
    ],
  ])('states the facts of %j, whole, on lines that fit', (n, meta) => {
    const lines = describeNode(n, 4).meta;
    expect(lines.join(' / ')).toBe(meta);
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(META_WIDTH);
  });
});
