import fc from 'fast-check';
import type { Case } from '../case-model/case';
import { arbitraryCase } from '../case-model/testing/case.arbitrary';
import {
  makeCase,
  makeClaim,
  makeEvidence,
  makeMitigation,
  makePathway,
} from '../analysis/testing/make-case';
import {
  counterpartsOf,
  iteratesOn,
  lineageIssues,
  listCaseNodes,
  mapKeysForward,
  matchNodes,
  type NodeMatching,
} from './lineage';
import { freshKeysFor, lineagePairArb, renameEveryNode } from './testing/iteration-cases';

/* SPEC §6 lineage: previousKeys checked against the previous report, and nodes matched across two. */

const previous = makeCase({
  report: { key: 'model-4', title: 'Model 4', model: null, previous: null, description: null },
  teams: [{ key: 'security', name: 'Security' }],
  pathways: [makePathway({ key: 'exfil', supports: ['goals'] })],
  claims: [makeClaim({ key: 'goals', supports: ['audit', 'perms'] })],
  mitigations: [makeMitigation({ key: 'perms' })],
  evidence: [makeEvidence({ key: 'audit' })],
});

const nextReport = (overrides: Partial<Case>): Case =>
  makeCase({
    report: {
      key: 'model-5',
      title: 'Model 5',
      model: null,
      previous: 'model-4',
      description: null,
    },
    ...overrides,
  });

describe('lineageIssues', () => {
  it('names each previousKeys entry the previous report lacks, with its path and keys', () => {
    const next = nextReport({
      pathways: [makePathway({ key: 'exfil-2', previousKeys: ['exfil', 'exfiltration'] })],
      claims: [
        makeClaim({ key: 'goals' }),
        makeClaim({ key: 'goals-b', previousKeys: ['goals', 'security'] }),
      ],
      mitigations: [makeMitigation({ key: 'perms-2', previousKeys: ['model-4'] })],
      evidence: [makeEvidence({ key: 'audit-2', previousKeys: ['audit-1', 'audit', 'nope'] })],
    });
    expect(lineageIssues(previous, next)).toEqual([
      {
        severity: 'error',
        code: 'UNKNOWN_REFERENCE',
        message:
          "pathway 'exfil-2': previousKeys names 'exfiltration', which report 'model-4' does not have",
        path: ['pathways', 0, 'previousKeys', 1],
        keys: ['exfil-2', 'exfiltration'],
      },
      // A team key is not a node; nor is the report's own key.
      {
        severity: 'error',
        code: 'UNKNOWN_REFERENCE',
        message:
          "claim 'goals-b': previousKeys names 'security', which report 'model-4' does not have",
        path: ['claims', 1, 'previousKeys', 1],
        keys: ['goals-b', 'security'],
      },
      {
        severity: 'error',
        code: 'UNKNOWN_REFERENCE',
        message:
          "mitigation 'perms-2': previousKeys names 'model-4', which report 'model-4' does not have",
        path: ['mitigations', 0, 'previousKeys', 0],
        keys: ['perms-2', 'model-4'],
      },
      {
        severity: 'error',
        code: 'UNKNOWN_REFERENCE',
        message:
          "evidence 'audit-2': previousKeys names 'audit-1', which report 'model-4' does not have",
        path: ['evidence', 0, 'previousKeys', 0],
        keys: ['audit-2', 'audit-1'],
      },
      {
        severity: 'error',
        code: 'UNKNOWN_REFERENCE',
        message:
          "evidence 'audit-2': previousKeys names 'nope', which report 'model-4' does not have",
        path: ['evidence', 0, 'previousKeys', 2],
        keys: ['audit-2', 'nope'],
      },
    ]);
  });

  it('accepts lineage naming any node of the previous report, whatever its kind', () => {
    const next = nextReport({
      pathways: [makePathway({ key: 'exfil', previousKeys: ['exfil'] })],
      claims: [makeClaim({ key: 'goals-and-perms', previousKeys: ['goals', 'perms', 'audit'] })],
      mitigations: [makeMitigation({ key: 'perms-3', previousKeys: ['goals'] })],
    });
    expect(lineageIssues(previous, next)).toEqual([]);
    expect(lineageIssues(previous, nextReport({}))).toEqual([]);
  });

  it('flags exactly the entries that name no node of the previous report (property)', () => {
    fc.assert(
      fc.property(arbitraryCase(), arbitraryCase(), (before, after) => {
        const known = new Set(listCaseNodes(before).map((n) => n.key));
        const issues = lineageIssues(before, after);
        const expected = listCaseNodes(after).flatMap((n) =>
          n.previousKeys.filter((k) => !known.has(k)).map((k) => [n.key, k]),
        );
        expect(issues.map((i) => i.keys)).toEqual(expected);
        for (const issue of issues) {
          const [collection, index, field, at] = issue.path as [keyof Case, number, string, number];
          expect(field).toBe('previousKeys');
          const node = (after[collection] as readonly { key: string; previousKeys?: string[] }[])[
            index
          ];
          expect([node.key, node.previousKeys![at]]).toEqual(issue.keys);
          expect(issue.message).toContain(`'${issue.keys[1]}'`);
        }
        // Lineage drawn only from the previous report's nodes is always accepted.
        const renamed = renameEveryNode(before, freshKeysFor(before), 'next');
        expect(lineageIssues(before, renamed)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

/** The parts of a matching a test states, to compare with toEqual. */
const shape = (m: NodeMatching) => ({
  added: m.added,
  removed: m.removed,
  renamed: m.renamed,
  splits: m.splits,
  merges: m.merges,
});
const none = { added: [], removed: [], renamed: [], splits: [], merges: [] };

describe('matchNodes', () => {
  const from = makeCase({
    pathways: [makePathway({ key: 'p', supports: ['a', 'b'] })],
    claims: [makeClaim({ key: 'a' }), makeClaim({ key: 'b' })],
    mitigations: [makeMitigation({ key: 'm' })],
    evidence: [makeEvidence({ key: 'e' })],
  });
  /** The next report, iterating on `from`. */
  const to = (claims: Case['claims'], rest: Partial<Case> = {}): Case => ({
    ...from,
    report: { ...from.report, key: 'next', previous: from.report.key },
    claims,
    ...rest,
  });

  it.each<[string, Case, ReturnType<typeof shape>]>([
    ['the same case', from, none],
    [
      'a rename: a new key naming one node nothing else continues',
      to([makeClaim({ key: 'a2', previousKeys: ['a'] }), makeClaim({ key: 'b' })]),
      { ...none, renamed: [{ from: 'a', to: 'a2', kind: 'claim' }] },
    ],
    [
      'a rename to another kind (the kind in `to`)',
      to([makeClaim({ key: 'a' }), makeClaim({ key: 'b' })], {
        mitigations: [
          makeMitigation({ key: 'm' }),
          makeMitigation({ key: 'e-as-control', previousKeys: ['e'] }),
        ],
        evidence: [],
      }),
      { ...none, renamed: [{ from: 'e', to: 'e-as-control', kind: 'mitigation' }] },
    ],
    [
      'a split: the key kept, and a new node naming it',
      to([
        makeClaim({ key: 'a' }),
        makeClaim({ key: 'a2', previousKeys: ['a'] }),
        makeClaim({ key: 'b' }),
      ]),
      { ...none, splits: [{ from: 'a', into: ['a', 'a2'] }] },
    ],
    [
      'a split into two new nodes naming it',
      to([
        makeClaim({ key: 'a-second', previousKeys: ['a'] }),
        makeClaim({ key: 'a-first', previousKeys: ['a'] }),
        makeClaim({ key: 'b' }),
      ]),
      { ...none, splits: [{ from: 'a', into: ['a-first', 'a-second'] }] },
    ],
    [
      'a merge into a new node naming both',
      to([makeClaim({ key: 'ab', previousKeys: ['b', 'a'] })]),
      { ...none, merges: [{ into: 'ab', from: ['a', 'b'] }] },
    ],
    [
      'a merge into a kept key naming the other',
      to([makeClaim({ key: 'b', previousKeys: ['a'] })]),
      { ...none, merges: [{ into: 'b', from: ['a', 'b'] }] },
    ],
    [
      'added and removed (lineage naming nothing of `from` is ignored)',
      to([makeClaim({ key: 'c', previousKeys: ['ghost'] }), makeClaim({ key: 'b' })], {
        evidence: [],
      }),
      {
        ...none,
        added: [{ key: 'c', kind: 'claim' }],
        removed: [
          { key: 'a', kind: 'claim' },
          { key: 'e', kind: 'evidence' },
        ],
      },
    ],
    [
      'a node naming itself is just kept',
      to([makeClaim({ key: 'a', previousKeys: ['a'] }), makeClaim({ key: 'b' })]),
      none,
    ],
  ])('%s', (_name, next, expected) => {
    const matching = matchNodes(from, next);
    expect(shape(matching)).toEqual(expected);
    expect(matching.continuations.map((c) => c.key)).toEqual(
      listCaseNodes(next)
        .map((n) => n.key)
        .sort(),
    );
  });

  it('uses lineage only when `to` iterates on `from` (its report.previous, another report)', () => {
    const next = to([makeClaim({ key: 'a2', previousKeys: ['a'] }), makeClaim({ key: 'b' })]);
    expect(iteratesOn(next, from)).toBe(true);
    expect(shape(matchNodes(from, next)).renamed).toEqual([{ from: 'a', to: 'a2', kind: 'claim' }]);
    const unrelated: Case[] = [
      { ...next, report: { ...next.report, previous: null } },
      { ...next, report: { ...next.report, previous: 'model-3' } },
      // Two versions of one report: its lineage names the report before it, not this one.
      { ...next, report: { ...next.report, key: from.report.key, previous: 'model-3' } },
      { ...next, report: { ...next.report, key: from.report.key, previous: from.report.key } },
    ];
    for (const other of unrelated) {
      expect(iteratesOn(other, from)).toBe(false);
      expect(shape(matchNodes(from, other))).toEqual({
        ...none,
        added: [{ key: 'a2', kind: 'claim' }],
        removed: [{ key: 'a', kind: 'claim' }],
      });
    }
  });

  it('counterparts are one-to-one: kept keys and renames; splits and merges into new keys have none', () => {
    const next = to(
      [
        makeClaim({ key: 'a' }),
        makeClaim({ key: 'a2', previousKeys: ['a'] }),
        makeClaim({ key: 'bm', previousKeys: ['b', 'm'] }),
      ],
      { mitigations: [], evidence: [makeEvidence({ key: 'e2', previousKeys: ['e'] })] },
    );
    const matching = matchNodes(from, next);
    expect([...counterpartsOf(matching)].sort()).toEqual([
      ['a', 'a'],
      ['e2', 'e'],
      ['p', 'p'],
    ]);
    const forward = mapKeysForward(matching);
    expect(forward('a')).toEqual(['a', 'a2']);
    expect(forward('b')).toEqual(['bm']);
    expect(forward('m')).toEqual(['bm']);
    expect(forward('e')).toEqual(['e2']);
    expect(forward('p')).toEqual(['p']);
    expect(forward('not-there')).toEqual(['not-there']);
  });

  it('every node of `from` is removed or continued, every node of `to` added or continuing (property)', () => {
    fc.assert(
      fc.property(lineagePairArb, ({ from: before, to: after }) => {
        const matching = matchNodes(before, after);
        const fromNodes = listCaseNodes(before);
        const fromKeys = new Set(fromNodes.map((n) => n.key));
        const toNodes = listCaseNodes(after);
        const continued = new Map<string, string[]>();
        for (const c of matching.continuations) {
          for (const f of c.continues) continued.set(f, [...(continued.get(f) ?? []), c.key]);
        }
        const removed = new Set(matching.removed.map((n) => n.key));
        for (const n of fromNodes) {
          // Exactly one of: removed, continued.
          expect(removed.has(n.key)).toBe(!continued.has(n.key));
        }
        const added = new Set(matching.added.map((n) => n.key));
        for (const n of toNodes) {
          const c = matching.continuations.find((x) => x.key === n.key)!;
          expect(c.kind).toBe(n.kind);
          expect(added.has(n.key)).toBe(c.continues.length === 0);
          // What it continues: its own key if `from` has it, and the lineage `from` has.
          const expected = [...new Set([n.key, ...n.previousKeys])].filter((k) => fromKeys.has(k));
          expect(c.continues).toEqual(expected.sort());
        }
        // A rename is one-to-one: its source continued by it alone, its key new.
        for (const r of matching.renamed) {
          expect(continued.get(r.from)).toEqual([r.to]);
          expect(fromKeys.has(r.to)).toBe(false);
        }
        for (const s of matching.splits) {
          expect(s.into).toEqual(continued.get(s.from));
          expect(s.into.length).toBeGreaterThanOrEqual(2);
        }
        for (const m of matching.merges) expect(m.from.length).toBeGreaterThanOrEqual(2);
        // Counterparts are one-to-one.
        const counterparts = counterpartsOf(matching);
        expect(new Set(counterparts.values()).size).toBe(counterparts.size);
        for (const [t, f] of counterparts) expect(continued.get(f)).toContain(t);
        // Every `from` node lands somewhere under mapKeysForward.
        const forward = mapKeysForward(matching);
        for (const n of fromNodes) {
          expect(forward(n.key)).toEqual(continued.get(n.key) ?? [n.key]);
        }
        // Sorted outputs.
        const sorted = (keys: readonly string[]) => [...keys].sort();
        expect(matching.added.map((n) => n.key)).toEqual(sorted(matching.added.map((n) => n.key)));
        expect(matching.removed.map((n) => n.key)).toEqual(
          sorted(matching.removed.map((n) => n.key)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('renaming every node gives renames only', () => {
    fc.assert(
      fc.property(arbitraryCase(), (c) => {
        const rename = freshKeysFor(c);
        const matching = matchNodes(c, renameEveryNode(c, rename, 'next'));
        expect(shape(matching)).toEqual({
          ...none,
          renamed: listCaseNodes(c)
            .map((n) => ({ from: n.key, to: rename(n.key), kind: n.kind }))
            .sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0)),
        });
      }),
      { numRuns: 200 },
    );
  });
});
