import fc from 'fast-check';
import {
  EVIDENCE_STATUSES,
  MITIGATION_STATUSES,
  type Case,
  type CaseClaim,
  type CaseEvidence,
  type CaseMitigation,
  type CasePathway,
  type CaseTeam,
} from './case';
import type { CaseIssue, CaseIssueCode } from './case-issue';
import { arbitraryCase } from './testing/case.arbitrary';
import { validateCase } from './validate-case';

const makePathway = (overrides: Partial<CasePathway> = {}): CasePathway => ({
  key: 'p1',
  title: 'Pathway',
  description: null,
  requires: { mode: 'all' },
  supports: [],
  ...overrides,
});

const makeClaim = (overrides: Partial<CaseClaim> = {}): CaseClaim => ({
  key: 'c1',
  statement: 'Claim',
  kind: 'other',
  description: null,
  requires: { mode: 'all' },
  supports: [],
  assumed: false,
  ...overrides,
});

const makeMitigation = (overrides: Partial<CaseMitigation> = {}): CaseMitigation => ({
  key: 'm1',
  title: 'Mitigation',
  kind: 'security',
  description: null,
  team: null,
  status: 'in_place',
  dependsOn: [],
  effort: null,
  ...overrides,
});

const makeEvidence = (overrides: Partial<CaseEvidence> = {}): CaseEvidence => ({
  key: 'e1',
  title: 'Evidence',
  description: null,
  status: 'valid',
  ...overrides,
});

const makeTeam = (overrides: Partial<CaseTeam> = {}): CaseTeam => ({
  key: 'security',
  name: 'Security',
  ...overrides,
});

/**
 * A clean case (no errors, no warnings): pathway p1 rests on claim c1, which rests on
 * mitigation m1 (owned by the declared team 'security') and evidence e1.
 */
const makeCase = (overrides: Partial<Case> = {}): Case => ({
  report: { key: 'r1', title: 'Report', model: null, previous: null, description: null },
  teams: [makeTeam()],
  pathways: [makePathway({ supports: ['c1'] })],
  claims: [makeClaim({ supports: ['m1', 'e1'] })],
  mitigations: [makeMitigation({ team: 'security' })],
  evidence: [makeEvidence()],
  ...overrides,
});

interface Expected {
  readonly severity: CaseIssue['severity'];
  readonly code: CaseIssueCode;
  readonly keys: readonly string[];
  readonly path: CaseIssue['path'];
}

const error = (code: CaseIssueCode, keys: string[], path: CaseIssue['path']): Expected => ({
  severity: 'error',
  code,
  keys,
  path,
});
const warning = (code: CaseIssueCode, keys: string[], path: CaseIssue['path']): Expected => ({
  severity: 'warning',
  code,
  keys,
  path,
});

const summarize = (issues: readonly CaseIssue[]) =>
  issues.map(({ severity, code, keys, path }) => ({ severity, code, keys, path }));

describe('validateCase', () => {
  it('finds nothing wrong with the clean base case', () => {
    expect(validateCase({ case: makeCase() })).toEqual([]);
  });

  // One row per rule of SPEC §2. Each row lists every issue the case must produce, no more.
  const rows: readonly {
    readonly rule: string;
    readonly case: Case;
    readonly expected: readonly Expected[];
    /** Substrings the first issue's message must contain, beyond its keys. */
    readonly mentions?: readonly string[];
  }[] = [
    {
      rule: 'duplicate key across kinds (evidence reuses a mitigation key)',
      case: makeCase({ evidence: [makeEvidence(), makeEvidence({ key: 'm1' })] }),
      expected: [error('DUPLICATE_KEY', ['m1'], ['evidence', 1, 'key'])],
      mentions: ['mitigation', 'mitigations[0]'],
    },
    {
      rule: 'duplicate key across kinds (claim reuses the pathway key)',
      case: makeCase({
        claims: [makeClaim({ supports: ['m1', 'e1'] }), makeClaim({ key: 'p1', assumed: true })],
        pathways: [makePathway({ supports: ['c1'] })],
      }),
      // The second claim is not listed by anyone; its key is taken by the pathway.
      expected: [
        error('DUPLICATE_KEY', ['p1'], ['claims', 1, 'key']),
        warning('UNUSED_CLAIM', ['p1'], ['claims', 1]),
      ],
      mentions: ['pathway'],
    },
    {
      rule: 'duplicate key within one kind',
      case: makeCase({
        claims: [makeClaim({ supports: ['m1', 'e1'] }), makeClaim({ key: 'c1', assumed: true })],
      }),
      expected: [error('DUPLICATE_KEY', ['c1'], ['claims', 1, 'key'])],
    },
    {
      rule: 'duplicate team key',
      case: makeCase({ teams: [makeTeam(), makeTeam({ name: 'Security again' })] }),
      expected: [error('DUPLICATE_KEY', ['security'], ['teams', 1, 'key'])],
    },
    {
      rule: 'claim supports entry naming nothing',
      case: makeCase({ claims: [makeClaim({ supports: ['m1', 'e1', 'ghost'] })] }),
      expected: [error('UNKNOWN_REFERENCE', ['c1', 'ghost'], ['claims', 0, 'supports', 2])],
    },
    {
      rule: 'pathway supports entry naming nothing',
      case: makeCase({ pathways: [makePathway({ supports: ['ghost', 'c1'] })] }),
      expected: [error('UNKNOWN_REFERENCE', ['p1', 'ghost'], ['pathways', 0, 'supports', 0])],
    },
    {
      rule: 'dependsOn entry naming nothing',
      case: makeCase({ mitigations: [makeMitigation({ team: 'security', dependsOn: ['ghost'] })] }),
      expected: [error('UNKNOWN_REFERENCE', ['m1', 'ghost'], ['mitigations', 0, 'dependsOn', 0])],
    },
    {
      rule: 'dependsOn naming evidence',
      case: makeCase({ mitigations: [makeMitigation({ team: 'security', dependsOn: ['e1'] })] }),
      expected: [error('INVALID_DEPENDENCY', ['m1', 'e1'], ['mitigations', 0, 'dependsOn', 0])],
      mentions: ['evidence'],
    },
    {
      rule: 'dependsOn naming a claim',
      case: makeCase({ mitigations: [makeMitigation({ team: 'security', dependsOn: ['c1'] })] }),
      expected: [error('INVALID_DEPENDENCY', ['m1', 'c1'], ['mitigations', 0, 'dependsOn', 0])],
      mentions: ['claim'],
    },
    {
      rule: 'dependsOn naming a pathway',
      case: makeCase({ mitigations: [makeMitigation({ team: 'security', dependsOn: ['p1'] })] }),
      expected: [error('INVALID_DEPENDENCY', ['m1', 'p1'], ['mitigations', 0, 'dependsOn', 0])],
      mentions: ['pathway'],
    },
    {
      rule: 'pathway named in a claim supports',
      case: makeCase({ claims: [makeClaim({ supports: ['m1', 'p1', 'e1'] })] }),
      expected: [error('PATHWAY_AS_SUPPORT', ['c1', 'p1'], ['claims', 0, 'supports', 1])],
    },
    {
      rule: 'pathway named in another pathway supports',
      case: makeCase({
        pathways: [makePathway({ supports: ['c1'] }), makePathway({ key: 'p2', supports: ['p1'] })],
      }),
      expected: [error('PATHWAY_AS_SUPPORT', ['p2', 'p1'], ['pathways', 1, 'supports', 0])],
    },
    {
      rule: 'claim supporting itself',
      case: makeCase({ claims: [makeClaim({ supports: ['m1', 'c1', 'e1'] })] }),
      expected: [error('CYCLE', ['c1'], ['claims', 0])],
      mentions: ['itself'],
    },
    {
      rule: 'support cycle through three claims',
      case: makeCase({
        claims: [
          makeClaim({ key: 'c1', supports: ['m1', 'c2'] }),
          makeClaim({ key: 'c2', supports: ['c3', 'e1'] }),
          makeClaim({ key: 'c3', supports: ['c1'] }),
        ],
      }),
      expected: [error('CYCLE', ['c1', 'c2', 'c3'], ['claims', 0])],
    },
    {
      rule: 'support cycle entered through a tail names only the cycle',
      case: makeCase({
        claims: [
          makeClaim({ key: 'c1', supports: ['m1', 'c2'] }),
          makeClaim({ key: 'c2', supports: ['c3'] }),
          makeClaim({ key: 'c3', supports: ['c2', 'e1'] }),
        ],
      }),
      expected: [error('CYCLE', ['c2', 'c3'], ['claims', 1])],
    },
    {
      rule: 'mitigation depending on itself',
      case: makeCase({ mitigations: [makeMitigation({ team: 'security', dependsOn: ['m1'] })] }),
      expected: [error('CYCLE', ['m1'], ['mitigations', 0])],
      mentions: ['itself'],
    },
    {
      rule: 'dependsOn cycle through three mitigations',
      case: makeCase({
        mitigations: [
          makeMitigation({ key: 'm1', dependsOn: ['m2'] }),
          makeMitigation({ key: 'm2', dependsOn: ['m3'] }),
          makeMitigation({ key: 'm3', dependsOn: ['m1'] }),
        ],
      }),
      expected: [error('CYCLE', ['m1', 'm2', 'm3'], ['mitigations', 0])],
    },
    {
      rule: 'claim atLeast 0',
      case: makeCase({
        claims: [makeClaim({ supports: ['m1', 'e1'], requires: { mode: 'atLeast', atLeast: 0 } })],
      }),
      expected: [error('AT_LEAST_OUT_OF_RANGE', ['c1'], ['claims', 0, 'requires'])],
      mentions: ['0', '2'],
    },
    {
      rule: 'claim atLeast above the number of supports',
      case: makeCase({
        claims: [makeClaim({ supports: ['m1', 'e1'], requires: { mode: 'atLeast', atLeast: 3 } })],
      }),
      expected: [error('AT_LEAST_OUT_OF_RANGE', ['c1'], ['claims', 0, 'requires'])],
      mentions: ['3', '2'],
    },
    {
      rule: 'claim atLeast not an integer',
      case: makeCase({
        claims: [
          makeClaim({ supports: ['m1', 'e1'], requires: { mode: 'atLeast', atLeast: 1.5 } }),
        ],
      }),
      expected: [error('AT_LEAST_OUT_OF_RANGE', ['c1'], ['claims', 0, 'requires'])],
    },
    {
      rule: 'pathway atLeast above the number of supports',
      case: makeCase({
        pathways: [makePathway({ supports: ['c1'], requires: { mode: 'atLeast', atLeast: 2 } })],
      }),
      expected: [error('AT_LEAST_OUT_OF_RANGE', ['p1'], ['pathways', 0, 'requires'])],
    },
    {
      rule: 'invalid node key (uppercase and a space)',
      case: makeCase({ evidence: [makeEvidence(), makeEvidence({ key: 'Bad Key' })] }),
      expected: [error('INVALID_KEY', ['Bad Key'], ['evidence', 1, 'key'])],
    },
    {
      rule: 'invalid node key (starts with a dash)',
      case: makeCase({ evidence: [makeEvidence(), makeEvidence({ key: '-e2' })] }),
      expected: [error('INVALID_KEY', ['-e2'], ['evidence', 1, 'key'])],
    },
    {
      rule: 'invalid node key (81 characters)',
      case: makeCase({ evidence: [makeEvidence(), makeEvidence({ key: 'e'.repeat(81) })] }),
      expected: [error('INVALID_KEY', ['e'.repeat(81)], ['evidence', 1, 'key'])],
    },
    {
      rule: 'invalid report key',
      case: makeCase({
        report: {
          key: 'Report 1',
          title: 'Report',
          model: null,
          previous: null,
          description: null,
        },
      }),
      expected: [error('INVALID_KEY', ['Report 1'], ['report', 'key'])],
    },
    {
      rule: 'invalid team key',
      case: makeCase({ teams: [makeTeam(), makeTeam({ key: 'Infra' })] }),
      expected: [error('INVALID_KEY', ['Infra'], ['teams', 1, 'key'])],
    },
    {
      rule: 'duplicate entry in a supports list',
      case: makeCase({ claims: [makeClaim({ supports: ['m1', 'e1', 'm1'] })] }),
      expected: [error('DUPLICATE_REFERENCE', ['c1', 'm1'], ['claims', 0, 'supports', 2])],
    },
    {
      rule: 'duplicate entry in a dependsOn list',
      case: makeCase({
        mitigations: [
          makeMitigation({ team: 'security', dependsOn: ['m2', 'm2'] }),
          makeMitigation({ key: 'm2' }),
        ],
      }),
      expected: [error('DUPLICATE_REFERENCE', ['m1', 'm2'], ['mitigations', 0, 'dependsOn', 1])],
    },
    {
      rule: 'warning: claim that supports nothing (listed by no pathway or claim)',
      case: makeCase({
        claims: [makeClaim({ supports: ['m1', 'e1'] }), makeClaim({ key: 'c2', assumed: true })],
      }),
      expected: [warning('UNUSED_CLAIM', ['c2'], ['claims', 1])],
    },
    {
      rule: 'warning: undeveloped claim (no supports, not assumed)',
      case: makeCase({ claims: [makeClaim({ supports: [] })] }),
      expected: [warning('UNDEVELOPED_CLAIM', ['c1'], ['claims', 0])],
    },
    {
      rule: 'warning: effort on an in_place mitigation',
      case: makeCase({
        mitigations: [makeMitigation({ team: 'security', status: 'in_place', effort: 3 })],
      }),
      expected: [warning('EFFORT_ON_IN_PLACE', ['m1'], ['mitigations', 0, 'effort'])],
    },
    {
      rule: 'warning: effort 0 on an in_place mitigation is still an estimate',
      case: makeCase({
        mitigations: [makeMitigation({ team: 'security', status: 'in_place', effort: 0 })],
      }),
      expected: [warning('EFFORT_ON_IN_PLACE', ['m1'], ['mitigations', 0, 'effort'])],
    },
    {
      rule: 'warning: undeclared team',
      case: makeCase({ mitigations: [makeMitigation({ team: 'infra' })] }),
      expected: [warning('UNDECLARED_TEAM', ['m1', 'infra'], ['mitigations', 0, 'team'])],
    },
    // Rows that must stay clean: the boundaries of the rules above.
    {
      rule: 'clean: atLeast equal to the number of supports',
      case: makeCase({
        claims: [makeClaim({ supports: ['m1', 'e1'], requires: { mode: 'atLeast', atLeast: 2 } })],
      }),
      expected: [],
    },
    {
      rule: 'clean: assumed claim without supports',
      case: makeCase({ claims: [makeClaim({ supports: [], assumed: true })] }),
      expected: [],
    },
    {
      rule: 'clean: effort on a planned mitigation, no team',
      case: makeCase({ mitigations: [makeMitigation({ status: 'planned', effort: 2.5 })] }),
      expected: [],
    },
    {
      rule: 'clean: diamond of supports and dependsOn is not a cycle',
      case: makeCase({
        pathways: [makePathway({ supports: ['c1', 'c2'] })],
        claims: [
          makeClaim({ key: 'c1', supports: ['c3', 'm1'] }),
          makeClaim({ key: 'c2', supports: ['c3', 'e1'] }),
          makeClaim({ key: 'c3', assumed: true }),
        ],
        mitigations: [
          makeMitigation({ key: 'm1', dependsOn: ['m2', 'm3'] }),
          makeMitigation({ key: 'm2', dependsOn: ['m3'] }),
          makeMitigation({ key: 'm3' }),
        ],
      }),
      expected: [],
    },
    {
      rule: 'clean: a team key may equal a node key (separate namespaces)',
      case: makeCase({ teams: [makeTeam(), makeTeam({ key: 'm1' })] }),
      expected: [],
    },
  ];

  it.each(rows.map((row) => [row.rule, row] as const))('%s', (_rule, row) => {
    const issues = validateCase({ case: row.case });

    expect(summarize(issues)).toEqual(row.expected);
    // Every issue names its keys in the message, never relying on the path alone.
    for (const issue of issues) {
      for (const key of issue.keys) expect(issue.message).toContain(`'${key}'`);
    }
    for (const mention of row.mentions ?? []) expect(issues[0].message).toContain(mention);
  });

  it.each([
    [
      'report title',
      makeCase({ report: { ...makeCase().report, title: 'a\u0000b' } }),
      ['report', 'title'],
    ],
    ['team name', makeCase({ teams: [makeTeam({ name: '\u0000' })] }), ['teams', 0, 'name']],
    [
      'evidence title',
      makeCase({ evidence: [makeEvidence({ title: 'x\u0000' })] }),
      ['evidence', 0, 'title'],
    ],
    [
      'claim description',
      makeCase({ claims: [makeClaim({ supports: ['m1', 'e1'], description: '\u0000' })] }),
      ['claims', 0, 'description'],
    ],
  ] as const)('refuses U+0000 in a %s (PostgreSQL text cannot hold it)', (_what, c, path) => {
    const issues = validateCase({ case: c });
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'INVALID_FIELD', path }),
    ]);
    expect(issues[0].message).toContain('U+0000');
  });

  // Files and mutations share these rules, so that whatever the API accepts exports and re-imports.
  it.each([
    [
      'an empty description',
      makeCase({ evidence: [makeEvidence({ description: '' })] }),
      ['evidence', 0, 'description'],
      'must not be empty',
    ],
    [
      'an empty team name',
      makeCase({ teams: [makeTeam({ name: '' })] }),
      ['teams', 0, 'name'],
      'must not be empty',
    ],
    [
      'a title over 300 units',
      makeCase({ evidence: [makeEvidence({ title: 'a\uFE0F'.repeat(151) })] }),
      ['evidence', 0, 'title'],
      'at most 300',
    ],
    [
      'a model over 200 units',
      makeCase({ report: { ...makeCase().report, model: 'x'.repeat(201) } }),
      ['report', 'model'],
      'at most 200',
    ],
  ] as const)('refuses %s', (_what, c, path, message) => {
    const issues = validateCase({ case: c });
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'INVALID_FIELD', path }),
    ]);
    expect(issues[0].message).toContain(message);
  });

  it('refuses an invalid team key on a mitigation, declared or not', () => {
    const issues = validateCase({
      case: makeCase({ mitigations: [makeMitigation({ team: 'Security Team' })] }),
    });
    expect(issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'INVALID_KEY',
        path: ['mitigations', 0, 'team'],
      }),
    ]);
  });

  it('refuses an invalid previous report key', () => {
    const issues = validateCase({
      case: makeCase({ report: { ...makeCase().report, previous: 'a\u0000b' } }),
    });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'INVALID_KEY', path: ['report', 'previous'] }),
    ]);
  });

  it('spells a longer cycle out in order, back to its start', () => {
    const [issue] = validateCase({
      case: makeCase({
        claims: [
          makeClaim({ key: 'c1', supports: ['m1', 'c2'] }),
          makeClaim({ key: 'c2', supports: ['c3', 'e1'] }),
          makeClaim({ key: 'c3', supports: ['c1'] }),
        ],
      }),
    });
    expect(issue.message).toBe("support cycle: 'c1' → 'c2' → 'c3' → 'c1'");
  });

  it('reports several independent problems together', () => {
    const issues = validateCase({
      case: makeCase({
        claims: [makeClaim({ supports: ['m1', 'e1', 'ghost', 'm1'] })],
        mitigations: [
          makeMitigation({ team: 'infra', status: 'in_place', effort: 1, dependsOn: ['m1'] }),
        ],
      }),
    });
    expect(
      summarize(issues)
        .map((i) => i.code)
        .sort(),
    ).toEqual(
      [
        'CYCLE',
        'DUPLICATE_REFERENCE',
        'EFFORT_ON_IN_PLACE',
        'UNDECLARED_TEAM',
        'UNKNOWN_REFERENCE',
      ].sort(),
    );
  });

  it('finds no errors in any structurally valid random case', () => {
    fc.assert(
      fc.property(arbitraryCase(), (c) => {
        const errors = validateCase({ case: c }).filter((i) => i.severity === 'error');
        expect(errors).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('finds no errors in a valid case whatever its statuses (writes of statuses skip the check)', () => {
    const withStatuses = fc
      .tuple(
        arbitraryCase(),
        fc.array(fc.constantFrom(...MITIGATION_STATUSES), { maxLength: 30 }),
        fc.array(fc.constantFrom(...EVIDENCE_STATUSES), { maxLength: 30 }),
      )
      .map(([c, mitigation, evidence]): Case => ({
        ...c,
        mitigations: c.mitigations.map((m, i) => ({ ...m, status: mitigation[i] ?? m.status })),
        evidence: c.evidence.map((e, i) => ({ ...e, status: evidence[i] ?? e.status })),
      }));
    fc.assert(
      fc.property(withStatuses, (c) => {
        expect(validateCase({ case: c }).filter((i) => i.severity === 'error')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('flags a random valid case once one supports entry points at a missing key', () => {
    const withClaim = arbitraryCase().filter((c) => c.claims.length > 0);
    fc.assert(
      fc.property(withClaim, fc.nat(), (c, pick) => {
        const index = pick % c.claims.length;
        const claim = c.claims[index];
        // Keys never contain '/', so this names nothing.
        const broken: Case = {
          ...c,
          claims: c.claims.map((cl, i) =>
            i === index ? { ...cl, supports: [...cl.supports, 'missing/key'] } : cl,
          ),
        };
        const errors = validateCase({ case: broken }).filter((i) => i.severity === 'error');
        expect(summarize(errors)).toEqual([
          error(
            'UNKNOWN_REFERENCE',
            [claim.key, 'missing/key'],
            ['claims', index, 'supports', claim.supports.length],
          ),
        ]);
      }),
      { numRuns: 100 },
    );
  });
});
