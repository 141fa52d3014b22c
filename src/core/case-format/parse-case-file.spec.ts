import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLAIM_KINDS, MITIGATION_STATUSES } from '../case-model/case';
import type { CaseIssueCode } from '../case-model/case-issue';
import {
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENT_TOKENS,
  MAX_NESTING,
  parseCaseFile,
  KEEP_LAST_READ_MS,
  readCaseYaml,
  type LocatedIssue,
} from './parse-case-file';

const SPEC_EXAMPLE = readFileSync(
  join(__dirname, '../../../test/fixtures/spec-example.yaml'),
  'utf8',
);

/**
 * The 1-based number of the one line containing `marker`, searching from the line containing
 * `after` when given. Throws unless exactly one line matches, so a test cannot point at the wrong
 * line by accident.
 */
function lineOf(text: string, marker: string, after?: string): number {
  const lines = text.split('\n');
  const start = after === undefined ? 0 : lines.findIndex((l) => l.includes(after));
  if (start < 0) throw new Error(`no line contains ${JSON.stringify(after)}`);
  const hits = lines.flatMap((l, i) => (i >= start && l.includes(marker) ? [i + 1] : []));
  if (after !== undefined) return hits[0];
  if (hits.length !== 1) throw new Error(`${hits.length} lines contain ${JSON.stringify(marker)}`);
  return hits[0];
}

const HEADER = ['format: loadbearing/v1', 'report:', '  key: r1', '  title: Report'].join('\n');

/**
 * A case file around the given sections (each already indented as a YAML list body). The base
 * graph is clean: pathway p1 → claim c1 → mitigation m1 + evidence e1.
 */
function caseFile(sections: {
  teams?: string;
  pathways?: string;
  claims?: string;
  mitigations?: string;
  evidence?: string;
  extra?: string;
}): string {
  const {
    teams = '  - key: security',
    pathways = '  - key: p1\n    title: P\n    supports: [c1]',
    claims = '  - key: c1\n    statement: S\n    supports: [m1, e1]',
    mitigations = '  - key: m1\n    title: M\n    team: security\n    status: in_place',
    evidence = '  - key: e1\n    title: E\n    status: valid',
    extra = '',
  } = sections;
  return [
    HEADER,
    `teams:\n${teams}`,
    `pathways:\n${pathways}`,
    `claims:\n${claims}`,
    `mitigations:\n${mitigations}`,
    `evidence:\n${evidence}`,
    extra,
  ].join('\n');
}

const errorsOf = (issues: readonly LocatedIssue[]) => issues.filter((i) => i.severity === 'error');

describe('parseCaseFile', () => {
  describe('the SPEC example', () => {
    const result = parseCaseFile({ text: SPEC_EXAMPLE });

    it('parses with no errors', () => {
      expect(errorsOf(result.issues)).toEqual([]);
      expect(result.case).not.toBeNull();
    });

    it('warns about the undeclared teams and the claim nothing lists, each at its line', () => {
      const warnings = result.issues.map(({ severity, code, keys, line }) => ({
        severity,
        code,
        keys,
        line,
      }));
      expect(warnings).toEqual([
        {
          severity: 'warning',
          code: 'UNDECLARED_TEAM',
          keys: ['egress-monitor', 'infra'],
          line: lineOf(SPEC_EXAMPLE, 'team: infra', 'key: egress-monitor'),
        },
        {
          severity: 'warning',
          code: 'UNDECLARED_TEAM',
          keys: ['log-pipeline', 'infra'],
          line: lineOf(SPEC_EXAMPLE, 'team: infra', 'key: log-pipeline'),
        },
        {
          severity: 'warning',
          code: 'UNDECLARED_TEAM',
          keys: ['interp-probes', 'interpretability'],
          line: lineOf(SPEC_EXAMPLE, 'team: interpretability'),
        },
        {
          severity: 'warning',
          code: 'UNUSED_CLAIM',
          keys: ['threat-model-complete'],
          line: lineOf(SPEC_EXAMPLE, 'key: threat-model-complete'),
        },
      ]);
    });

    it('reads the fields and applies defaults', () => {
      const c = result.case!;
      expect(c.report).toEqual({
        key: 'pilot-2025',
        title: 'Pilot sabotage risk report',
        model: 'Example Model 4',
        previous: null,
        description: null,
      });
      expect(c.teams).toEqual([{ key: 'security', name: 'Security' }]);
      expect(c.pathways).toEqual([
        {
          key: 'self-exfiltration',
          title: 'Self-exfiltration and autonomous operation',
          description: 'The model copies its own weights out and runs on its own.',
          requires: { mode: 'all' },
          supports: ['no-coherent-goals', 'exfil-detected'],
        },
      ]);
      expect(c.claims.map((cl) => [cl.key, cl.kind, cl.requires, cl.supports, cl.assumed])).toEqual(
        [
          [
            'no-coherent-goals',
            'alignment',
            { mode: 'any' },
            ['alignment-audit', 'interp-probes'],
            false,
          ],
          [
            'exfil-detected',
            'monitoring',
            { mode: 'atLeast', atLeast: 1 },
            ['weight-file-permissions', 'egress-monitor'],
            false,
          ],
          ['threat-model-complete', 'other', { mode: 'all' }, [], true],
        ],
      );
      expect(
        c.mitigations.map((m) => [m.key, m.kind, m.team, m.status, m.dependsOn, m.effort]),
      ).toEqual([
        ['weight-file-permissions', 'security', 'security', 'in_place', [], null],
        ['egress-monitor', 'monitoring', 'infra', 'in_place', ['log-pipeline'], null],
        ['log-pipeline', 'infrastructure', 'infra', 'in_place', [], null],
        ['interp-probes', 'interpretability', 'interpretability', 'planned', [], 8],
      ]);
      expect(c.evidence).toEqual([
        {
          key: 'alignment-audit',
          title: 'Pre-deployment alignment audit',
          description: null,
          status: 'valid',
        },
      ]);
    });
  });

  it('accepts the clean base file used below with no issues at all', () => {
    expect(parseCaseFile({ text: caseFile({}) }).issues).toEqual([]);
  });

  describe('structural errors in file form', () => {
    // Each row's `at` is a unique substring of the line the error must point at.
    const rows: readonly {
      readonly rule: string;
      readonly text: string;
      readonly code: CaseIssueCode;
      readonly keys: readonly string[];
      readonly at: string;
    }[] = [
      {
        rule: 'duplicate key across kinds',
        text: caseFile({
          evidence:
            '  - key: e1\n    title: E\n    status: valid\n  - key: m1 # dup\n    title: E2\n    status: valid',
        }),
        code: 'DUPLICATE_KEY',
        keys: ['m1'],
        at: 'key: m1 # dup',
      },
      {
        rule: 'duplicate team key',
        text: caseFile({ teams: '  - key: security\n  - key: security # dup' }),
        code: 'DUPLICATE_KEY',
        keys: ['security'],
        at: 'key: security # dup',
      },
      {
        rule: 'supports entry naming nothing (block list: points at the entry)',
        text: caseFile({
          claims:
            '  - key: c1\n    statement: S\n    supports:\n      - m1\n      - ghost\n      - e1',
        }),
        code: 'UNKNOWN_REFERENCE',
        keys: ['c1', 'ghost'],
        at: '- ghost',
      },
      {
        rule: 'supports entry naming nothing (flow list)',
        text: caseFile({ pathways: '  - key: p1\n    title: P\n    supports: [c1, ghost]' }),
        code: 'UNKNOWN_REFERENCE',
        keys: ['p1', 'ghost'],
        at: 'supports: [c1, ghost]',
      },
      {
        rule: 'dependsOn entry naming nothing',
        text: caseFile({
          mitigations:
            '  - key: m1\n    title: M\n    status: in_place\n    team: security\n    dependsOn:\n      - ghost',
        }),
        code: 'UNKNOWN_REFERENCE',
        keys: ['m1', 'ghost'],
        at: '- ghost',
      },
      {
        rule: 'dependsOn naming a non-mitigation',
        text: caseFile({
          mitigations:
            '  - key: m1\n    title: M\n    status: in_place\n    team: security\n    dependsOn: [e1]',
        }),
        code: 'INVALID_DEPENDENCY',
        keys: ['m1', 'e1'],
        at: 'dependsOn: [e1]',
      },
      {
        rule: 'pathway in supports',
        text: caseFile({ claims: '  - key: c1\n    statement: S\n    supports: [m1, e1, p1]' }),
        code: 'PATHWAY_AS_SUPPORT',
        keys: ['c1', 'p1'],
        at: 'supports: [m1, e1, p1]',
      },
      {
        rule: 'self-support',
        text: caseFile({
          claims:
            '  - key: c1\n    statement: S\n    supports: [m1, e1, c2]\n  - key: c2 # self\n    statement: S2\n    supports: [c2]',
        }),
        code: 'CYCLE',
        keys: ['c2'],
        at: 'key: c2 # self',
      },
      {
        rule: 'support cycle (points at the first claim of the cycle)',
        text: caseFile({
          claims: [
            '  - key: c1 # start',
            '    statement: S',
            '    supports: [m1, e1, c2]',
            '  - key: c2',
            '    statement: S2',
            '    supports: [c3]',
            '  - key: c3',
            '    statement: S3',
            '    supports: [c1]',
          ].join('\n'),
        }),
        code: 'CYCLE',
        keys: ['c1', 'c2', 'c3'],
        at: 'key: c1 # start',
      },
      {
        rule: 'dependsOn cycle (points at the first mitigation of the cycle)',
        text: caseFile({
          mitigations: [
            '  - key: m2 # start',
            '    title: M2',
            '    status: in_place',
            '    dependsOn: [m1]',
            '  - key: m1',
            '    title: M',
            '    status: in_place',
            '    team: security',
            '    dependsOn: [m2]',
          ].join('\n'),
        }),
        code: 'CYCLE',
        keys: ['m2', 'm1'],
        at: 'key: m2 # start',
      },
      {
        rule: 'atLeast 0',
        text: caseFile({
          claims:
            '  - key: c1\n    statement: S\n    requires: {atLeast: 0}\n    supports: [m1, e1]',
        }),
        code: 'AT_LEAST_OUT_OF_RANGE',
        keys: ['c1'],
        at: 'requires: {atLeast: 0}',
      },
      {
        rule: 'atLeast above the number of supports',
        text: caseFile({
          claims:
            '  - key: c1\n    statement: S\n    requires: {atLeast: 3}\n    supports: [m1, e1]',
        }),
        code: 'AT_LEAST_OUT_OF_RANGE',
        keys: ['c1'],
        at: 'requires: {atLeast: 3}',
      },
      {
        rule: 'invalid key format',
        text: caseFile({
          evidence:
            '  - key: e1\n    title: E\n    status: valid\n  - key: Bad_Key\n    title: E2\n    status: valid',
        }),
        code: 'INVALID_KEY',
        keys: ['Bad_Key'],
        at: 'key: Bad_Key',
      },
      {
        rule: 'duplicate entry in a supports list',
        text: caseFile({
          claims:
            '  - key: c1\n    statement: S\n    supports:\n      - m1\n      - e1\n      - m1 # again',
        }),
        code: 'DUPLICATE_REFERENCE',
        keys: ['c1', 'm1'],
        at: '- m1 # again',
      },
    ];

    it.each(rows.map((row) => [row.rule, row] as const))('%s', (_rule, row) => {
      const result = parseCaseFile({ text: row.text });

      expect(result.case).toBeNull();
      const errors = errorsOf(result.issues);
      expect(errors).toHaveLength(1);
      const [issue] = errors;
      expect(issue.code).toBe(row.code);
      expect(issue.keys).toEqual(row.keys);
      expect(issue.line).toBe(lineOf(row.text, row.at));
      for (const key of row.keys) expect(issue.message).toContain(`'${key}'`);
    });
  });

  describe('schema errors', () => {
    it('refuses an unknown top-level field, at its line', () => {
      const text = caseFile({ extra: 'owner: someone' });
      const result = parseCaseFile({ text });
      expect(result.case).toBeNull();
      expect(result.issues).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'UNKNOWN_FIELD',
          path: ['owner'],
          line: lineOf(text, 'owner: someone'),
        }),
      ]);
      expect(result.issues[0].message).toContain("'owner'");
    });

    it('refuses an unknown node field, naming the field and the node, at its line', () => {
      const text = caseFile({
        evidence: '  - key: e1\n    title: E\n    staus: valid\n    status: valid',
      });
      const result = parseCaseFile({ text });
      expect(result.case).toBeNull();
      expect(result.issues).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'UNKNOWN_FIELD',
          keys: ['e1'],
          path: ['evidence', 0, 'staus'],
          line: lineOf(text, 'staus: valid'),
        }),
      ]);
      expect(result.issues[0].message).toContain("'staus'");
      expect(result.issues[0].message).toContain("'e1'");
    });

    it('refuses an unknown field inside the report', () => {
      const text = caseFile({}).replace('  title: Report', '  title: Report\n  titel: Typo');
      const result = parseCaseFile({ text });
      expect(result.issues).toEqual([
        expect.objectContaining({
          code: 'UNKNOWN_FIELD',
          path: ['report', 'titel'],
          line: lineOf(text, 'titel'),
        }),
      ]);
    });

    it.each([
      {
        what: 'claim kind',
        text: caseFile({
          claims: '  - key: c1\n    statement: S\n    kind: alignmnt\n    supports: [m1, e1]',
        }),
        value: 'alignmnt',
        allowed: CLAIM_KINDS,
        key: 'c1',
      },
      {
        what: 'mitigation status',
        text: caseFile({
          mitigations: '  - key: m1\n    title: M\n    team: security\n    status: done',
        }),
        value: 'done',
        allowed: MITIGATION_STATUSES,
        key: 'm1',
      },
    ])(
      'refuses an unknown $what, naming the value and the allowed values',
      ({ text, value, allowed, key }) => {
        const result = parseCaseFile({ text });
        expect(result.case).toBeNull();
        expect(result.issues).toHaveLength(1);
        const [issue] = result.issues;
        expect(issue).toMatchObject({ severity: 'error', code: 'INVALID_FIELD', keys: [key] });
        expect(issue.line).toBe(lineOf(text, value));
        expect(issue.message).toContain(`"${value}"`);
        expect(issue.message).toContain(`'${key}'`);
        for (const v of allowed) expect(issue.message).toContain(v);
      },
    );

    it.each([
      {
        what: 'mitigation status',
        text: caseFile({ mitigations: '  - key: m1\n    title: M\n    team: security' }),
        path: ['mitigations', 0, 'status'],
        keys: ['m1'],
        at: 'key: m1',
        says: ["'m1'", 'status'],
      },
      {
        what: 'claim statement',
        text: caseFile({ claims: '  - key: c1\n    supports: [m1, e1]' }),
        path: ['claims', 0, 'statement'],
        keys: ['c1'],
        at: 'key: c1',
        says: ["'c1'", 'statement'],
      },
      {
        what: 'report title',
        text: caseFile({}).replace('  title: Report\n', ''),
        path: ['report', 'title'],
        keys: ['r1'],
        at: 'report:',
        says: ['report', 'title'],
      },
    ])('says a missing $what is required', ({ text, path, keys, at, says }) => {
      const result = parseCaseFile({ text });
      expect(result.case).toBeNull();
      expect(result.issues).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'INVALID_FIELD',
          path,
          keys,
          line: lineOf(text, at),
        }),
      ]);
      expect(result.issues[0].message).toMatch(/is required$/);
      for (const s of says) expect(result.issues[0].message).toContain(s);
    });

    it('refuses a wrong format string', () => {
      const text = caseFile({}).replace('format: loadbearing/v1', 'format: loadbearing/v2');
      const result = parseCaseFile({ text });
      expect(result.case).toBeNull();
      expect(result.issues).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'INVALID_FIELD',
          path: ['format'],
          line: 1,
        }),
      ]);
      expect(result.issues[0].message).toContain('loadbearing/v1');
    });

    it('refuses a file without a format', () => {
      const text = caseFile({}).replace('format: loadbearing/v1\n', '');
      const result = parseCaseFile({ text });
      expect(result.issues).toEqual([
        expect.objectContaining({ code: 'INVALID_FIELD', path: ['format'] }),
      ]);
      expect(result.issues[0].message).toContain('is required');
    });

    it('refuses a document that is not a mapping', () => {
      const result = parseCaseFile({ text: '- just\n- a list\n' });
      expect(result.case).toBeNull();
      expect(errorsOf(result.issues)).toHaveLength(1);
      expect(result.issues[0].code).toBe('INVALID_FIELD');
    });

    it('refuses a negative effort, naming the mitigation', () => {
      const text = caseFile({
        mitigations:
          '  - key: m1\n    title: M\n    team: security\n    status: planned\n    effort: -1',
      });
      const result = parseCaseFile({ text });
      expect(result.issues).toEqual([
        expect.objectContaining({
          code: 'INVALID_FIELD',
          keys: ['m1'],
          path: ['mitigations', 0, 'effort'],
          line: lineOf(text, 'effort: -1'),
        }),
      ]);
    });
  });

  describe('probability (SPEC §3.6)', () => {
    it('reads a probability on mitigations and evidence', () => {
      const text = caseFile({
        mitigations: '  - key: m1\n    title: M\n    status: in_place\n    probability: 0.25',
        evidence: '  - key: e1\n    title: E\n    status: valid\n    probability: 1e-3',
      });
      const result = parseCaseFile({ text });
      expect(result.case?.mitigations.map((m) => m.probability)).toEqual([0.25]);
      expect(result.case?.evidence.map((e) => e.probability)).toEqual([0.001]);
    });

    it.each(['1.5', '-0.1', 'high'])(
      'refuses probability %s, naming the item and line',
      (value) => {
        const text = caseFile({
          evidence: `  - key: e1\n    title: E\n    status: valid\n    probability: ${value}`,
        });
        const result = parseCaseFile({ text });
        expect(result.case).toBeNull();
        expect(result.issues).toEqual([
          expect.objectContaining({
            code: 'INVALID_FIELD',
            keys: ['e1'],
            path: ['evidence', 0, 'probability'],
            line: lineOf(text, `probability: ${value}`),
          }),
        ]);
      },
    );
  });

  describe('verification of controls (SPEC §8)', () => {
    it('reads verifyEvery to seconds and lastVerified to an ISO instant', () => {
      const text = caseFile({
        mitigations:
          '  - key: m1\n    title: M\n    status: in_place\n    verifyEvery: 90d\n    lastVerified: 2026-09-01',
      });
      const result = parseCaseFile({ text });
      expect(result.issues).toEqual([]);
      expect(result.case?.mitigations[0]).toMatchObject({
        verifyEvery: 90 * 86_400,
        lastVerified: '2026-09-01T00:00:00.000Z',
      });
    });

    it.each([
      ['verifyEvery: 3 months', 'verifyEvery'],
      ['verifyEvery: 0d', 'verifyEvery'],
      ['lastVerified: last week', 'lastVerified'],
    ])('refuses %s, naming the mitigation and line', (field, name) => {
      const text = caseFile({
        mitigations: `  - key: m1\n    title: M\n    status: in_place\n    ${field}`,
      });
      const result = parseCaseFile({ text });
      expect(result.case).toBeNull();
      expect(result.issues).toEqual([
        expect.objectContaining({
          code: 'INVALID_FIELD',
          keys: ['m1'],
          path: ['mitigations', 0, name],
          line: lineOf(text, field),
        }),
      ]);
    });
  });

  describe('YAML level', () => {
    it.each([
      ['a nested mapping in a plain value', '    statement: a: b'],
      ['a tab used as indentation', '\tstatement: S'],
    ])('reports a syntax error (%s) with its line', (_what, badLine) => {
      const text = caseFile({ claims: `  - key: c1\n${badLine}\n    supports: [m1, e1]` });
      const result = parseCaseFile({ text });
      expect(result.case).toBeNull();
      expect(result.issues.length).toBeGreaterThan(0);
      expect(result.issues.every((i) => i.code === 'YAML_SYNTAX' && i.severity === 'error')).toBe(
        true,
      );
      expect(result.issues[0].line).toBe(lineOf(text, badLine));
    });

    it('reports a repeated mapping key as a syntax error at the repeat', () => {
      const text = caseFile({
        evidence: '  - key: e1\n    title: E\n    status: valid\n    title: Again',
      });
      const result = parseCaseFile({ text });
      expect(result.case).toBeNull();
      expect(result.issues).toEqual([
        expect.objectContaining({ code: 'YAML_SYNTAX', line: lineOf(text, 'title: Again') }),
      ]);
    });

    it.each([
      ['a local tag', '!custom E'],
      ['a language-specific tag', '!!js/function "function () {}"'],
    ])('refuses %s', (_what, value) => {
      const text = caseFile({ evidence: `  - key: e1\n    title: ${value}\n    status: valid` });
      const result = parseCaseFile({ text });
      expect(result.case).toBeNull();
      expect(result.issues).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'YAML_SYNTAX',
          line: lineOf(text, value),
        }),
      ]);
      expect(result.issues[0].message).toMatch(/tag/i);
    });

    it('refuses a binary value where text is expected, naming the node', () => {
      const text = caseFile({
        evidence: '  - key: e1\n    title: !!binary aGVsbG8=\n    status: valid',
      });
      const result = parseCaseFile({ text });
      expect(result.case).toBeNull();
      expect(result.issues).toEqual([
        expect.objectContaining({
          code: 'INVALID_FIELD',
          keys: ['e1'],
          line: lineOf(text, '!!binary'),
        }),
      ]);
    });

    it('accepts the standard !!str tag', () => {
      const text = caseFile({ evidence: '  - key: e1\n    title: !!str 123\n    status: valid' });
      const result = parseCaseFile({ text });
      expect(result.issues).toEqual([]);
      expect(result.case!.evidence[0].title).toBe('123');
    });

    it('refuses an alias bomb', () => {
      // Billion laughs: nine levels of ten aliases each would expand to 10^9 strings.
      const levels = ['lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < 9; i++) {
        levels.push(
          `lol${i}: &l${i} [${Array(10)
            .fill(`*l${i - 1}`)
            .join(', ')}]`,
        );
      }
      const text = `${caseFile({})}\n${levels.join('\n')}\n`;

      const result = parseCaseFile({ text });
      expect(result.case).toBeNull();
      expect(result.issues).toEqual([
        expect.objectContaining({ severity: 'error', code: 'YAML_SYNTAX' }),
      ]);
      expect(result.issues[0].message).toMatch(/alias/i);
    });

    it('refuses a document over 8 MiB of UTF-8 without parsing it', () => {
      const base = `${caseFile({})}\n# `;
      const filler = (bytes: number) => 'x'.repeat(bytes - base.length);
      const atLimit = base + filler(MAX_DOCUMENT_BYTES);
      expect(errorsOf(parseCaseFile({ text: atLimit }).issues)).toEqual([]);

      const over = parseCaseFile({ text: `${atLimit}x` });
      // Two bytes for each é: under the limit in characters, over it in bytes.
      const overInBytes = parseCaseFile({
        text: base + 'é'.repeat((MAX_DOCUMENT_BYTES - base.length) / 2 + 1),
      });
      for (const result of [over, overInBytes]) {
        expect(result.case).toBeNull();
        expect(result.issues).toEqual([
          expect.objectContaining({ severity: 'error', code: 'DOCUMENT_TOO_LARGE', line: null }),
        ]);
      }
      expect(over.issues[0].message).toBe(
        `the document is ${MAX_DOCUMENT_BYTES + 1} bytes; a case file may be at most 8388608 bytes (8 MiB)`,
      );
    });

    it('refuses a document of more YAML tokens than MAX_DOCUMENT_TOKENS, at the line it passed them', () => {
      // Under 8 MiB, but a million scalars: composed, it would take over a gigabyte.
      const head = `${caseFile({})}\nextra:\n`;
      const flood = `${head}  [${'1,'.repeat(MAX_DOCUMENT_TOKENS / 2)}1]\n`;
      const result = parseCaseFile({ text: flood });
      expect(result.case).toBeNull();
      expect(result.issues).toEqual([
        expect.objectContaining({ severity: 'error', code: 'DOCUMENT_TOO_LARGE' }),
      ]);
      expect(result.issues[0].message).toBe(
        `the document has more than ${MAX_DOCUMENT_TOKENS} YAML tokens; a case file may have at most that many`,
      );
      expect(result.issues[0].line).toBe(lineOf(flood, 'extra:') + 1);

      // Half as many tokens are read through: only the field itself is then wrong.
      const within = `${head}  [${'1,'.repeat(MAX_DOCUMENT_TOKENS / 4)}1]\n`;
      expect(errorsOf(parseCaseFile({ text: within }).issues)).toEqual([
        expect.objectContaining({ code: 'UNKNOWN_FIELD', path: ['extra'] }),
      ]);
    });

    it.each([
      ['block sequences on one line', '- '.repeat(1_000_000) + 'x'],
      ['flow sequences', '['.repeat(4_000_000) + ']'.repeat(4_000_000)],
      ['JSON objects', '{"a":'.repeat(1_000_000) + '1' + '}'.repeat(1_000_000)],
      [
        'indented block mappings',
        Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
      ],
    ])('refuses nesting deeper than %s allow at its line', (what, text) => {
      const result = parseCaseFile({ text: `${caseFile({})}\nextra:\n${text}` });
      expect(result.case).toBeNull();
      expect(result.issues).toEqual([
        expect.objectContaining({ severity: 'error', code: 'DOCUMENT_TOO_DEEP' }),
      ]);
      expect(result.issues[0].message).toBe(
        `the document nests more than ${MAX_NESTING} levels deep`,
      );
      // Where the nesting went past the limit: on the line that opens the deep part, or, for
      // indented mappings (one level a line), about a limit's worth of lines below it.
      const first = lineOf(`${caseFile({})}\nextra:\n${text}`, 'extra:') + 1;
      const line = result.issues[0].line!;
      if (what === 'indented block mappings') {
        expect(line).toBeGreaterThan(first + MAX_NESTING - 5);
        expect(line).toBeLessThanOrEqual(first + MAX_NESTING);
      } else {
        expect(line).toBe(first);
      }
    });

    it('accepts the nesting a case file needs and a little more', () => {
      const text = caseFile({ extra: `x: ${'['.repeat(20)}${']'.repeat(20)}` });
      const result = parseCaseFile({ text });
      expect(result.issues.map((i) => i.code)).toEqual(['UNKNOWN_FIELD']);
    });

    it('refuses several documents in one file', () => {
      const text = `${caseFile({})}\n---\nformat: loadbearing/v1\n`;
      const result = parseCaseFile({ text });
      expect(result.case).toBeNull();
      expect(result.issues).toEqual([
        expect.objectContaining({
          code: 'YAML_SYNTAX',
          line: lineOf(text, '---'),
          message: 'a case file is one YAML document; this one has several (---)',
        }),
      ]);
    });

    it('still allows a few ordinary aliases', () => {
      const text = caseFile({
        evidence:
          '  - key: e1\n    title: &t Shared title\n    status: valid\n  - key: e2\n    title: *t\n    status: valid',
      });
      const result = parseCaseFile({ text });
      expect(errorsOf(result.issues)).toEqual([]);
      expect(result.case!.evidence.map((e) => e.title)).toEqual(['Shared title', 'Shared title']);
    });
  });

  it('accepts JSON', () => {
    const json = JSON.stringify(
      {
        format: 'loadbearing/v1',
        report: { key: 'r1', title: 'Report' },
        pathways: [{ key: 'p1', title: 'P', supports: ['c1'] }],
        claims: [
          {
            key: 'c1',
            statement: 'S',
            kind: 'monitoring',
            requires: { atLeast: 1 },
            supports: ['e1'],
          },
        ],
        evidence: [{ key: 'e1', title: 'E', status: 'stale' }],
      },
      null,
      2,
    );
    const result = parseCaseFile({ text: json });
    expect(result.issues).toEqual([]);
    expect(result.case).toEqual({
      report: { key: 'r1', title: 'Report', model: null, previous: null, description: null },
      teams: [],
      pathways: [
        { key: 'p1', title: 'P', description: null, requires: { mode: 'all' }, supports: ['c1'] },
      ],
      claims: [
        {
          key: 'c1',
          statement: 'S',
          kind: 'monitoring',
          description: null,
          requires: { mode: 'atLeast', atLeast: 1 },
          supports: ['e1'],
          assumed: false,
        },
      ],
      mitigations: [],
      evidence: [{ key: 'e1', title: 'E', description: null, status: 'stale' }],
    });
  });

  it('reports JSON errors with their line too', () => {
    const json =
      '{\n  "format": "loadbearing/v1",\n  "report": {"key": "r1", "title": "R"},\n  "oops": 1\n}';
    const result = parseCaseFile({ text: json });
    expect(result.issues).toEqual([expect.objectContaining({ code: 'UNKNOWN_FIELD', line: 4 })]);
  });

  it('applies defaults: requires all, kind other, assumed false, empty lists, nulls', () => {
    const text = [
      'format: loadbearing/v1',
      'report: {key: r1, title: R}',
      'teams: [{key: t}]',
      'pathways: [{key: p1, title: P, supports: [c1]}]',
      'claims:',
      '  - key: c1',
      '    statement: S',
      '    supports: [m1]',
      '    requires: null',
      'mitigations: [{key: m1, title: M, status: planned}]',
    ].join('\n');
    const result = parseCaseFile({ text });
    expect(result.issues).toEqual([]);
    const c = result.case!;
    expect(c.teams).toEqual([{ key: 't', name: null }]);
    expect(c.pathways[0].requires).toEqual({ mode: 'all' });
    expect(c.claims[0]).toEqual({
      key: 'c1',
      statement: 'S',
      kind: 'other',
      description: null,
      requires: { mode: 'all' },
      supports: ['m1'],
      assumed: false,
    });
    expect(c.mitigations[0]).toEqual({
      key: 'm1',
      title: 'M',
      kind: 'other',
      description: null,
      team: null,
      status: 'planned',
      dependsOn: [],
      effort: null,
    });
    expect(c.evidence).toEqual([]);
  });

  it('returns the case despite warnings', () => {
    const text = caseFile({
      claims:
        '  - key: c1\n    statement: S\n    supports: [m1, e1]\n  - key: c2\n    statement: Loose',
    });
    const result = parseCaseFile({ text });
    expect(result.issues.map((i) => [i.severity, i.code, i.keys])).toEqual([
      ['warning', 'UNUSED_CLAIM', ['c2']],
      ['warning', 'UNDEVELOPED_CLAIM', ['c2']],
    ]);
    expect(result.case?.claims.map((c) => c.key)).toEqual(['c1', 'c2']);
  });

  it("leaves a valid case's warnings without lines under locateWarnings: false, not an invalid one's", () => {
    const claims =
      '  - key: c1\n    statement: S\n    supports: [m1, e1]\n  - key: c2\n    statement: Loose';
    const lines = (text: string, locateWarnings: boolean) =>
      parseCaseFile({ text, locateWarnings }).issues.map((i) => [i.code, i.line]);
    const valid = caseFile({ claims });
    const c2 = lineOf(valid, 'key: c2');
    expect(lines(valid, true)).toEqual([
      ['UNUSED_CLAIM', c2],
      ['UNDEVELOPED_CLAIM', c2],
    ]);
    expect(lines(valid, false)).toEqual([
      ['UNUSED_CLAIM', null],
      ['UNDEVELOPED_CLAIM', null],
    ]);
    expect(parseCaseFile({ text: valid, locateWarnings: false }).case).toEqual(
      parseCaseFile({ text: valid }).case,
    );
    // With an error, every issue has its line, as without the option.
    const invalid = caseFile({ claims: `${claims}\n    supports: [nowhere]` });
    expect(lines(invalid, false)).toEqual(lines(invalid, true));
    expect(lines(invalid, false).every(([, line]) => typeof line === 'number')).toBe(true);
  });
});

describe('readCaseYaml', () => {
  it('parses a document once when it is read twice in a row (access check, then import)', () => {
    const text = 'format: loadbearing/v1\nreport: { key: r, title: T }\n';
    const first = readCaseYaml(text);
    expect(readCaseYaml(`${text}`)).toBe(first);
    const other = readCaseYaml(`${text}# another document\n`);
    expect(other).not.toBe(first);
    expect(other).toEqual(expect.objectContaining({ ok: true }));
  });

  it('keeps an answer for one second read, and for a moment only', () => {
    jest.useFakeTimers();
    try {
      const text = 'format: loadbearing/v1\nreport: { key: kept, title: T }\n';
      const first = readCaseYaml(text);
      jest.advanceTimersByTime(KEEP_LAST_READ_MS - 1);
      expect(readCaseYaml(text)).toBe(first);
      // Taken by that read: a third one parses anew.
      const third = readCaseYaml(text);
      expect(third).not.toBe(first);
      expect(third).toEqual(
        expect.objectContaining({ ok: true, raw: (first as { raw: unknown }).raw }),
      );
      // Not read again in time: let go.
      jest.advanceTimersByTime(KEEP_LAST_READ_MS);
      expect(readCaseYaml(text)).not.toBe(third);
    } finally {
      jest.useRealTimers();
    }
  });
});
