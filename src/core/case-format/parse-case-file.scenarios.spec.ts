import type { CaseIssueCode } from '../case-model/case-issue';
import { exportCaseFile } from './export-case-file';
import { parseCaseFile } from './parse-case-file';

/* Scenarios and response chains in the case file (SPEC §8): parsing, errors with lines, export. */

/**
 * The SPEC §8 example inside a small clean case; `scenario` replaces the scenario's lines (and
 * the claim then rests on the permissions alone).
 */
const FILE = (scenario?: string): string =>
  [
    'format: loadbearing/v1',
    'report: {key: r1, title: Report}',
    'teams:',
    '  - key: security',
    '  - key: infra',
    'pathways:',
    '  - key: self-exfiltration',
    '    title: Self-exfiltration',
    '    supports: [exfil-stopped]',
    'claims:',
    '  - key: exfil-stopped',
    '    statement: An exfiltration attempt would be stopped in time.',
    '    requires: any',
    `    supports: [${scenario ? '' : 'weights-copied-to-external-bucket, '}weight-file-permissions]`,
    'mitigations:',
    '  - {key: egress-monitor, title: Egress monitor, team: infra, status: in_place}',
    '  - {key: security-oncall, title: Security on-call, team: security, status: in_place}',
    '  - {key: credential-revocation, title: Credential revocation, team: infra, status: in_place}',
    '  - {key: weight-file-permissions, title: Weight permissions, team: security, status: in_place}',
    'scenarios:',
    scenario ??
      [
        '  - key: weights-copied-to-external-bucket',
        '    pathway: self-exfiltration',
        '    title: The model copies a checkpoint to an external storage bucket',
        '    timeToHarm: 2h',
        '    chains:',
        '      - steps:',
        '          - {mitigation: egress-monitor, action: detects, latency: 5m, automatic: true}',
        '          - {mitigation: security-oncall, team: security, action: responds, latency: 30m, paged: true}',
        '          - {mitigation: credential-revocation, team: infra, action: contains, latency: 10m}',
      ].join('\n'),
  ].join('\n');

const errorsOf = (text: string) =>
  parseCaseFile({ text })
    .issues.filter((i) => i.severity === 'error')
    .map(({ code, line, message }) => ({ code, line, message }));

/** The 1-based line of the one line containing `marker`. */
function lineOf(text: string, marker: string): number {
  const hits = text.split('\n').flatMap((l, i) => (l.includes(marker) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`${hits.length} lines contain ${JSON.stringify(marker)}`);
  return hits[0];
}

describe('case file scenarios', () => {
  it('reads the SPEC §8 example, durations in seconds and the step team left as written', () => {
    const { case: c, issues } = parseCaseFile({ text: FILE() });
    expect(issues).toEqual([]);
    expect(c!.scenarios).toEqual([
      {
        key: 'weights-copied-to-external-bucket',
        pathway: 'self-exfiltration',
        title: 'The model copies a checkpoint to an external storage bucket',
        description: null,
        timeToHarm: 7200,
        chains: [
          {
            steps: [
              { mitigation: 'egress-monitor', action: 'detects', latency: 300, automatic: true },
              {
                mitigation: 'security-oncall',
                team: 'security',
                action: 'responds',
                latency: 1800,
                paged: true,
              },
              {
                mitigation: 'credential-revocation',
                team: 'infra',
                action: 'contains',
                latency: 600,
              },
            ],
          },
        ],
      },
    ]);
  });

  it('writes scenarios back as SPEC §8 shows them, one step a line', () => {
    const { case: c } = parseCaseFile({ text: FILE() });
    const text = exportCaseFile({ case: c! });
    expect(text).toContain(
      [
        'scenarios:',
        '  - key: weights-copied-to-external-bucket',
        '    pathway: self-exfiltration',
        '    title: The model copies a checkpoint to an external storage bucket',
        '    timeToHarm: 2h',
        '    chains:',
        '      - steps:',
        '          - { mitigation: egress-monitor, action: detects, latency: 5m, automatic: true }',
        '          - { mitigation: security-oncall, team: security, action: responds, latency: 30m, paged: true }',
        '          - { mitigation: credential-revocation, team: infra, action: contains, latency: 10m }',
      ].join('\n'),
    );
    expect(parseCaseFile({ text }).case).toEqual(c);
  });

  it('leaves a case without scenarios as it was: no scenarios field, none written', () => {
    const text = FILE('  []').replace(/\nscenarios:\n {2}\[\]/, '');
    const { case: c } = parseCaseFile({ text });
    expect(c).not.toHaveProperty('scenarios');
    expect(exportCaseFile({ case: c! })).not.toContain('scenarios');
    // An empty list reads as none.
    expect(parseCaseFile({ text: FILE('  []') }).case).toEqual(c);
  });

  const scenario = (lines: string[]) =>
    [
      '  - key: s1',
      '    pathway: self-exfiltration',
      '    title: S',
      '    timeToHarm: 2h',
      '    chains:',
      ...lines,
    ].join('\n');

  it.each<[string, string[], CaseIssueCode, string, string]>([
    [
      'a step with no latency',
      ['      - steps:', '          - {mitigation: egress-monitor, action: detects}'],
      'INVALID_FIELD',
      'mitigation: egress-monitor',
      "scenario 's1': chains.0.steps.0.latency: is required",
    ],
    [
      'a bad duration',
      [
        '      - steps:',
        '          - {mitigation: egress-monitor, action: detects, latency: 5 min}',
      ],
      'INVALID_FIELD',
      'latency: 5 min',
      "scenario 's1': chains.0.steps.0.latency: must be a duration such as 30s, 5m, 2h or 3d",
    ],
    [
      'a latency without a unit',
      ['      - steps:', '          - {mitigation: egress-monitor, action: detects, latency: 300}'],
      'INVALID_FIELD',
      'latency: 300',
      "scenario 's1': chains.0.steps.0.latency: must be a duration such as 30s, 5m, 2h or 3d",
    ],
    [
      'an unknown action',
      ['      - steps:', '          - {mitigation: egress-monitor, action: watches, latency: 1m}'],
      'INVALID_FIELD',
      'action: watches',
      'scenario \'s1\': chains.0.steps.0.action: unknown value "watches"; expected one of detects, notifies, escalates, responds, contains',
    ],
    [
      'an unknown step field',
      [
        '      - steps:',
        '          - {mitigation: egress-monitor, action: detects, latency: 1m, pagd: true}',
      ],
      'UNKNOWN_FIELD',
      'pagd: true',
      "scenario 's1': unknown field 'pagd'",
    ],
  ])('refuses %s, naming the scenario and the line', (_name, lines, code, marker, message) => {
    const text = FILE(scenario(lines));
    expect(errorsOf(text)).toEqual([{ code, line: lineOf(text, marker), message }]);
  });

  it.each<[string, string, CaseIssueCode, string, string]>([
    [
      'an unknown mitigation in a step',
      '          - {mitigation: egress-monitr, action: detects, latency: 5m}',
      'UNKNOWN_REFERENCE',
      'egress-monitr',
      "scenario 's1': chain 1 step 1: mitigation 'egress-monitr' names nothing",
    ],
    [
      'a step naming a claim',
      '          - {mitigation: exfil-stopped, action: detects, latency: 5m}',
      'INVALID_REFERENCE',
      'mitigation: exfil-stopped',
      "scenario 's1': chain 1 step 1: mitigation 'exfil-stopped' is a claim, not a mitigation",
    ],
    [
      'an unknown team in a step',
      '          - {mitigation: egress-monitor, team: secrity, action: detects, latency: 5m}',
      'UNKNOWN_REFERENCE',
      'secrity',
      "scenario 's1': chain 1 step 1: team 'secrity' is not declared under teams",
    ],
  ])(
    'refuses %s, naming the scenario, chain, step and line',
    (_name, step, code, marker, message) => {
      const text = FILE(scenario(['      - steps:', step]));
      expect(errorsOf(text)).toEqual([{ code, line: lineOf(text, marker), message }]);
    },
  );

  it('refuses a pathway that does not exist, and one that is not a pathway', () => {
    const text = FILE(
      [
        '  - {key: s1, pathway: self-exfil, title: S, timeToHarm: 1h, chains: []}',
        '  - {key: s2, pathway: exfil-stopped, title: S, timeToHarm: 1h, chains: []}',
      ].join('\n'),
    );
    expect(errorsOf(text)).toEqual([
      {
        code: 'UNKNOWN_REFERENCE',
        line: lineOf(text, 'key: s1'),
        message: "scenario 's1': pathway 'self-exfil' names no pathway",
      },
      {
        code: 'INVALID_REFERENCE',
        line: lineOf(text, 'key: s2'),
        message: "scenario 's2': pathway 'exfil-stopped' is a claim, not a pathway",
      },
    ]);
  });

  it('refuses a chain with no steps, and warns about a scenario with no chains', () => {
    const text = FILE(
      [
        scenario(['      - steps: []']),
        '  - key: s2',
        '    pathway: self-exfiltration',
        '    title: S2',
        '    timeToHarm: 3d',
      ].join('\n'),
    );
    const { issues } = parseCaseFile({ text });
    expect(
      issues.map(({ severity, code, line, message }) => ({ severity, code, line, message })),
    ).toEqual([
      {
        severity: 'error',
        code: 'EMPTY_CHAIN',
        line: lineOf(text, 'steps: []'),
        message: "scenario 's1': chain 1 has no steps",
      },
      {
        severity: 'warning',
        code: 'UNDEVELOPED_SCENARIO',
        line: lineOf(text, 'key: s2'),
        message: "scenario 's2' has no response chains, so it does not hold",
      },
    ]);
  });

  it('refuses a scenario key used by another node, of any kind', () => {
    const text = FILE(
      '  - {key: egress-monitor, pathway: self-exfiltration, title: S, timeToHarm: 1h, chains: []}',
    );
    expect(errorsOf(text)).toEqual([
      {
        code: 'DUPLICATE_KEY',
        line: lineOf(text, 'pathway: self-exfiltration, title: S'),
        message: "duplicate key 'egress-monitor': already used by the mitigation at mitigations[0]",
      },
    ]);
  });

  it('refuses a mitigation depending on a scenario', () => {
    const text = FILE().replace(
      'title: Egress monitor, team: infra,',
      'title: Egress monitor, dependsOn: [weights-copied-to-external-bucket], team: infra,',
    );
    expect(errorsOf(text)).toEqual([
      {
        code: 'INVALID_DEPENDENCY',
        line: lineOf(text, 'dependsOn'),
        message:
          "mitigation 'egress-monitor': dependsOn entry 'weights-copied-to-external-bucket' is a scenario; a mitigation can depend only on mitigations",
      },
    ]);
  });
});
