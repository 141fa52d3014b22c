import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Case } from '../case-model/case';
import { arbitraryCase } from '../case-model/testing/case.arbitrary';
import { makeCase, makeMitigation, makePathway, makeScenario } from '../analysis/testing/make-case';
import { exportCaseFile } from './export-case-file';
import { parseCaseFile } from './parse-case-file';

const SPEC_EXAMPLE = readFileSync(
  join(__dirname, '../../../test/fixtures/spec-example.yaml'),
  'utf8',
);

const reparse = (text: string): Case => {
  const result = parseCaseFile({ text });
  const errors = result.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0 || !result.case) {
    throw new Error(
      `exported file does not parse:\n${errors.map((e) => `${e.line}: ${e.message}`).join('\n')}\n---\n${text}`,
    );
  }
  return result.case;
};

describe('exportCaseFile', () => {
  it('round-trips any valid case through parseCaseFile', () => {
    fc.assert(
      fc.property(arbitraryCase(), (c) => {
        expect(reparse(exportCaseFile({ case: c }))).toStrictEqual(c);
      }),
      { numRuns: 400 },
    );
  });

  it('round-trips cases with scenarios and response chains (SPEC §8)', () => {
    fc.assert(
      fc.property(arbitraryCase({ maxScenarios: 3 }), (c) => {
        const once = exportCaseFile({ case: c });
        expect(reparse(once)).toStrictEqual(c);
        expect(exportCaseFile({ case: reparse(once) })).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('is stable: exporting the re-parsed export gives the same text', () => {
    fc.assert(
      fc.property(arbitraryCase(), (c) => {
        const once = exportCaseFile({ case: c });
        expect(exportCaseFile({ case: reparse(once) })).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips multi-line strings in a one-line step (yaml would write some unparseable)', () => {
    // ":\n!!str" as a plain scalar in a flow map does not parse: found by the property above.
    for (const text of [':\n!!str', '#x\n:y', '- x\n- y', 'a\n\nb', ' \n ']) {
      const c = makeCase({
        pathways: [makePathway({ key: 'p', supports: ['m'] })],
        mitigations: [makeMitigation({ key: 'm' })],
        scenarios: [
          makeScenario({
            key: 's',
            pathway: 'p',
            chains: [
              {
                steps: [
                  {
                    mitigation: 'm',
                    action: 'detects',
                    latency: 0,
                    confirmed: { by: text, at: '2000-01-01T00:00:00.000Z', note: text },
                  },
                ],
              },
            ],
          }),
        ],
      });
      expect(reparse(exportCaseFile({ case: c }))).toStrictEqual(c);
    }
  });

  it('round-trips strings that YAML would otherwise read as other types', () => {
    const c: Case = {
      report: { key: 'null', title: 'true', model: '123', previous: '0x1f', description: '~' },
      teams: [{ key: 'yes', name: 'no' }],
      pathways: [
        {
          key: '1e3',
          title: '- item',
          description: '# not a comment',
          requires: { mode: 'any' },
          supports: ['007'],
        },
      ],
      claims: [
        {
          key: '007',
          statement: 'key: value',
          kind: 'other',
          description: 'it\'s "quoted"\nand spans\n  lines\n',
          requires: { mode: 'atLeast', atLeast: 1 },
          supports: ['2.5', 'false'],
          assumed: true,
        },
      ],
      mitigations: [
        {
          key: '2.5',
          title: '[not, a, list]',
          kind: 'process',
          description: null,
          team: 'yes',
          status: 'planned',
          dependsOn: ['0'],
          effort: 0,
        },
        {
          key: '0',
          title: '{not: a map}',
          kind: 'other',
          description: ' leading and trailing ',
          team: null,
          status: 'degraded',
          dependsOn: [],
          effort: 2.5,
        },
      ],
      evidence: [
        {
          key: 'false',
          title: '&anchor *alias !tag',
          description: '日本語 🚀',
          status: 'invalidated',
        },
      ],
    };
    expect(reparse(exportCaseFile({ case: c }))).toStrictEqual(c);
  });

  // The yaml package writes these as block scalars whose blank-but-not-empty lines lose their
  // whitespace on re-reading (eemeli/yaml#692) or, double-quoted over several lines, turns
  // "\n \n" into "\n\\\n"; exportCaseFile must work around both.
  it.each([
    ' \n',
    '  \n\n',
    ' \t\n',
    'a\n \nb',
    'x\r\n \n'.repeat(10),
    '\u0007' + 'line\n \n'.repeat(8),
  ])('round-trips text with whitespace-only lines (%j)', (title) => {
    const c: Case = {
      report: { key: 'r1', title, model: null, previous: null, description: title },
      teams: [],
      pathways: [],
      claims: [],
      mitigations: [],
      evidence: [],
    };
    const text = exportCaseFile({ case: c });
    expect(reparse(text).report).toEqual(c.report);
    expect(exportCaseFile({ case: reparse(text) })).toBe(text);
  });

  describe('the SPEC example', () => {
    const parsed = reparse(SPEC_EXAMPLE);
    const text = exportCaseFile({ case: parsed });
    const lines = text.split('\n');

    it('round-trips', () => {
      expect(reparse(text)).toStrictEqual(parsed);
    });

    it('writes key lists and atLeast on one line, as people write them', () => {
      expect(lines).toContain('    supports: [ no-coherent-goals, exfil-detected ]');
      expect(lines).toContain('    supports: [ alignment-audit, interp-probes ]');
      expect(lines).toContain('    requires: { atLeast: 1 }');
      expect(lines).toContain('    dependsOn: [ log-pipeline ]');
    });

    it('keeps the SPEC field names and layout', () => {
      expect(lines.slice(0, 5)).toEqual([
        'format: loadbearing/v1',
        'report:',
        '  key: pilot-2025',
        '  title: Pilot sabotage risk report',
        '  model: Example Model 4',
      ]);
      expect(lines).toContain('  - key: interp-probes');
      expect(lines).toContain('    effort: 8');
      expect(lines).toContain('    requires: any');
      expect(lines).toContain('    assumed: true');
    });

    it('leaves defaults out', () => {
      expect(text).not.toMatch(/requires: all/);
      expect(text).not.toMatch(/assumed: false/);
      expect(text).not.toMatch(/previous:/);
      expect(text).not.toMatch(/description: null|: null$/m);
      expect(text).not.toMatch(/dependsOn: \[\s*\]|supports: \[\s*\]/);
    });
  });
});
