import fc from 'fast-check';
import { exportCaseFile } from '../../src/core/case-format/export-case-file';
import { parseCaseFile } from '../../src/core/case-format/parse-case-file';
import { arbitraryCase } from '../../src/core/case-model/testing/case.arbitrary';
import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT, lineOf, SPEC_EXAMPLE } from '../utils/fixtures';
import { rowCounts } from '../utils/row-counts';
import { serverUrl } from '../utils/test-db';

describe('importCase and exportCase', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('imports the SPEC example and reads it back nested, links in both directions', async () => {
    const imported = await t.gql(IMPORT, { document: SPEC_EXAMPLE });
    expect(imported.errors).toBeUndefined();
    expect(imported.data).toEqual({ importCase: { key: 'pilot-2025', version: 1 } });

    const res = await t.gql<{
      report: { pathways: unknown[]; mitigations: unknown[]; counts: unknown };
    }>(`{
      report(key: "pilot-2025") {
        counts { pathways claims mitigations evidence teams }
        pathways { key requires supports { key nodeKind ... on Claim { requires atLeast } } }
        mitigations { key team status dependsOn { key } dependents { key } supportOf { key } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.report.counts).toEqual({
      pathways: 1,
      claims: 3,
      mitigations: 4,
      evidence: 1,
      teams: 3,
    });
    expect(res.data!.report.pathways).toEqual([
      {
        key: 'self-exfiltration',
        requires: 'all',
        supports: [
          { key: 'no-coherent-goals', nodeKind: 'claim', requires: 'any', atLeast: null },
          { key: 'exfil-detected', nodeKind: 'claim', requires: 'atLeast', atLeast: 1 },
        ],
      },
    ]);
    expect(res.data!.report.mitigations).toContainEqual({
      key: 'log-pipeline',
      team: 'infra',
      status: 'in_place',
      dependsOn: [],
      dependents: [{ key: 'egress-monitor' }],
      supportOf: [],
    });
  });

  it('refuses to import over an existing report unless replace is set', async () => {
    const before = await rowCounts(t.dataSource);
    const res = await t.gql(IMPORT, { document: SPEC_EXAMPLE });
    expect(res.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(res.errors?.[0].message).toContain("'pilot-2025'");
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it.each([
    [
      'duplicate key',
      (s: string) => s.replace('key: log-pipeline', 'key: egress-monitor'),
      'DUPLICATE_KEY',
      'key: egress-monitor',
      2,
      'egress-monitor',
    ],
    [
      'unknown reference',
      (s: string) => s.replace('[log-pipeline]', '[log-pipelin]'),
      'UNKNOWN_REFERENCE',
      'dependsOn: [log-pipelin]',
      1,
      'log-pipelin',
    ],
    [
      'pathway as support',
      (s: string) =>
        s.replace(
          'supports: [alignment-audit, interp-probes]',
          'supports: [alignment-audit, self-exfiltration]',
        ),
      'PATHWAY_AS_SUPPORT',
      'supports: [alignment-audit, self-exfiltration]',
      1,
      'self-exfiltration',
    ],
    [
      'cycle',
      (s: string) =>
        s.replace(
          'supports: [alignment-audit, interp-probes]',
          'supports: [alignment-audit, no-coherent-goals]',
        ),
      'CYCLE',
      '- key: no-coherent-goals',
      1,
      'no-coherent-goals',
    ],
    [
      'atLeast out of range',
      (s: string) => s.replace('{atLeast: 1}', '{atLeast: 3}'),
      'AT_LEAST_OUT_OF_RANGE',
      'requires: {atLeast: 3}',
      1,
      'exfil-detected',
    ],
    [
      'unknown enum value',
      (s: string) => s.replace('status: valid', 'status: fresh'),
      'INVALID_FIELD',
      'status: fresh',
      1,
      'fresh',
    ],
    [
      'unknown field',
      (s: string) => s.replace('    status: planned', '    status: planned\n    colour: red'),
      'UNKNOWN_FIELD',
      'colour: red',
      1,
      'colour',
    ],
  ])(
    'refuses a case file with a %s: code, key and line; nothing written',
    async (_name, mutate, code, marker, occurrence, named) => {
      const document = mutate(SPEC_EXAMPLE.replace('key: pilot-2025', 'key: broken'));
      const before = await rowCounts(t.dataSource);
      const res = await t.gql(IMPORT, { document });
      const error = res.errors?.[0];
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      const issue = error?.extensions?.issues?.find((i) => i.code === code);
      expect(issue).toBeDefined();
      expect(issue!.line).toBe(lineOf(document, marker, occurrence));
      expect(issue!.message).toContain(named);
      expect(error!.message).toContain(`line ${issue!.line}`);
      expect(await rowCounts(t.dataSource)).toEqual(before);
    },
  );

  it('replaces a report atomically: a valid replacement swaps the content, an invalid one changes nothing', async () => {
    const changed = SPEC_EXAMPLE.replace('status: valid', 'status: stale').replace(
      '  - key: alignment-audit',
      '  - key: shade-arena\n    title: SHADE-Arena evaluation\n    status: valid\n  - key: alignment-audit',
    );
    const replaced = await t.gql(IMPORT, { document: changed, replace: true });
    expect(replaced.errors).toBeUndefined();
    expect(replaced.data).toEqual({ importCase: { key: 'pilot-2025', version: 2 } });
    const exported = await t.gql<{ report: { exportCase: string } }>(
      '{ report(key: "pilot-2025") { exportCase } }',
    );
    expect(exported.data!.report.exportCase).toContain('key: shade-arena');
    expect(exported.data!.report.exportCase).toContain('status: stale');

    const before = await rowCounts(t.dataSource);
    const broken = changed.replace('[log-pipeline]', '[nothing-here]');
    const refused = await t.gql(IMPORT, { document: broken, replace: true });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rowCounts(t.dataSource)).toEqual(before);
    const after = await t.gql<{ report: { exportCase: string; version: number } }>(
      '{ report(key: "pilot-2025") { version exportCase } }',
    );
    expect(after.data!.report).toEqual({
      version: 2,
      exportCase: exported.data!.report.exportCase,
    });
  });

  it('stores scenarios: import, export and check round-trip them, and a replace rewrites their steps', async () => {
    const withScenarios = `${SPEC_EXAMPLE.replace('key: pilot-2025', 'key: with-scenarios')}
scenarios:
  - key: weights-copied-out
    pathway: self-exfiltration
    title: The model copies a checkpoint out
    description: To a bucket outside the organisation.
    timeToHarm: 2h
    chains:
      - steps:
          - { mitigation: egress-monitor, action: detects, latency: 5m, automatic: true }
          - { mitigation: weight-file-permissions, team: security, action: responds, latency: 30m, paged: true }
      - steps:
          - { mitigation: log-pipeline, action: notifies, latency: 3d }
`;
    const checked = await t.gql<{ checkCase: { valid: boolean; issues: { code: string }[] } }>(
      'query($d: String!) { checkCase(document: $d) { valid issues { code } } }',
      { d: withScenarios },
    );
    // Valid (the example's warnings only).
    expect(checked.data!.checkCase.valid).toBe(true);
    const before = await rowCounts(t.dataSource);
    expect((await t.gql(IMPORT, { document: withScenarios })).errors).toBeUndefined();
    const after = await rowCounts(t.dataSource);
    // 9 nodes and 1 scenario; 3 steps.
    expect(after.case_node - before.case_node).toBe(10);
    expect(after.scenario_step - before.scenario_step).toBe(3);

    const exportOf = async () =>
      (
        await t.gql<{ report: { exportCase: string } }>(
          '{ report(key: "with-scenarios") { exportCase } }',
        )
      ).data!.report.exportCase;
    const exported = await exportOf();
    const parsed = parseCaseFile({ text: exported }).case!;
    expect(parsed.scenarios).toEqual(parseCaseFile({ text: withScenarios }).case!.scenarios);
    // Importing the export again is the same content: no new version.
    const again = await t.gql(IMPORT, { document: exported, replace: true });
    expect(again.data).toEqual({ importCase: { key: 'with-scenarios', version: 1 } });

    // A replace that drops the slow chain and re-times a step keeps the rest.
    const retimed = withScenarios
      .replace('latency: 30m', 'latency: 4h')
      .replace(/ {6}- steps:\n {10}- \{ mitigation: log-pipeline.*\n/, '');
    const replaced = await t.gql(IMPORT, { document: retimed, replace: true });
    expect(replaced.data).toEqual({ importCase: { key: 'with-scenarios', version: 2 } });
    expect(parseCaseFile({ text: await exportOf() }).case!.scenarios).toEqual(
      parseCaseFile({ text: retimed }).case!.scenarios,
    );
    expect((await rowCounts(t.dataSource)).scenario_step - before.scenario_step).toBe(2);
  });

  it('replacing a report with the same content again writes nothing: no new version, no history', async () => {
    const document = SPEC_EXAMPLE.replace('key: pilot-2025', 'key: same-again');
    expect((await t.gql(IMPORT, { document })).errors).toBeUndefined();
    const historyRows = async () =>
      Number(
        (await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM status_change'))[0].n,
      );
    const rows = await rowCounts(t.dataSource);
    const history = await historyRows();
    const again = await t.gql(IMPORT, { document, replace: true });
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual({ importCase: { key: 'same-again', version: 1 } });
    expect(await rowCounts(t.dataSource)).toEqual(rows);
    expect(await historyRows()).toBe(history);
    // A real change still makes a new version.
    const changed = await t.gql(IMPORT, {
      document: document.replace('status: valid', 'status: stale'),
      replace: true,
    });
    expect(changed.data).toEqual({ importCase: { key: 'same-again', version: 2 } });
  });

  it('round-trips generated cases through import and export', async () => {
    let runs = 0;
    await fc.assert(
      // Embedded PGlite drops a leading U+FEFF from text values (PostgreSQL keeps it): a known
      // limitation of the embedded database, listed in the README, so such cases run on a server only.
      fc.asyncProperty(
        arbitraryCase({ maxScenarios: 2 }).filter(
          (c) => serverUrl() !== undefined || !JSON.stringify(c).includes('\ufeff'),
        ),
        async (generated) => {
          // A fresh report per run: generated keys repeat, and an archived report is frozen, so
          // replacing it with a later draft of the same key is refused (as it should be).
          runs += 1;
          const key = `rt${runs}-${generated.report.key}`.slice(0, 80);
          const c = { ...generated, report: { ...generated.report, key } };
          const document = exportCaseFile({ case: c });
          const imported = await t.gql(IMPORT, { document, replace: true });
          expect(imported.errors).toBeUndefined();
          const exported = await t.gql<{ report: { exportCase: string } }>(
            'query($key: String!) { report(key: $key) { exportCase } }',
            { key: c.report.key },
          );
          expect(exported.data!.report.exportCase).toBe(document);
        },
      ),
      { numRuns: 25 },
    );
  });
});
