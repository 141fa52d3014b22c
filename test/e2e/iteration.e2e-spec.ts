import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT, lineOf, SPEC_EXAMPLE } from '../utils/fixtures';
import { rowCounts } from '../utils/row-counts';
import { createToken } from '../utils/tokens';
import type { CaseDiff } from '../../src/core/iteration/diff-reports';

const R = 'pilot-2025';
const NEXT = 'next-2026';

interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
}
const codeOf = (res: Answer<unknown>) => res.errors?.map((e) => e.extensions?.code);

describe('iterating a report for the next model (SPEC §6)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // The example's alignment audit is model evidence (the default); an infrastructure audit is standing.
    const withStanding = `${SPEC_EXAMPLE.trimEnd()}
  - key: infra-audit
    title: Infrastructure audit
    status: valid
    scope: standing
`;
    const res = await t.gql(IMPORT, { document: withStanding });
    expect(res.errors).toBeUndefined();
  });
  afterAll(() => t.close());

  const CLONE = `mutation($from: String!, $key: String!) {
    cloneReport(from: $from, key: $key, model: "Example Model 5") { key title model previous state version } }`;

  it('clones a report as a draft: keys kept, previous set, model evidence stale with a note, standing evidence kept', async () => {
    const res = await t.gql<{ cloneReport: Record<string, unknown> }>(CLONE, {
      from: R,
      key: NEXT,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.cloneReport).toMatchObject({
      key: NEXT,
      model: 'Example Model 5',
      previous: R,
      state: 'draft',
      version: 1,
    });
    const read = await t.gql<{
      a: {
        evidence: { key: string; status: string; scope: string }[];
        mitigations: { key: string; status: string }[];
      };
      b: {
        evidence: {
          key: string;
          status: string;
          scope: string;
          history: { source: string; note: string }[];
        }[];
        mitigations: { key: string; status: string }[];
        pathways: { key: string }[];
      };
    }>(`{ a: report(key: "${R}") { evidence { key status scope } mitigations { key status } }
          b: report(key: "${NEXT}") { pathways { key } mitigations { key status }
               evidence { key status scope history { source note } } } }`);
    expect(read.errors).toBeUndefined();
    const { a, b } = read.data!;
    expect(b.mitigations).toEqual(a.mitigations);
    expect(b.evidence.map(({ key, status, scope }) => ({ key, status, scope }))).toEqual([
      { key: 'alignment-audit', status: 'stale', scope: 'model' },
      { key: 'infra-audit', status: 'valid', scope: 'standing' },
    ]);
    expect(b.evidence[0].history).toEqual([
      {
        source: 'clone',
        note: `model-scoped evidence, valid in report '${R}': stale until redone for this model`,
      },
    ]);
    expect(b.evidence[1].history).toEqual([{ source: 'clone', note: `cloned from report '${R}'` }]);
  });

  it('refuses a clone onto an existing key or from a missing report, writing nothing', async () => {
    const before = await rowCounts(t.dataSource);
    expect(codeOf(await t.gql(CLONE, { from: R, key: NEXT }))).toEqual(['CONFLICT']);
    expect(codeOf(await t.gql(CLONE, { from: 'no-such', key: 'other' }))).toEqual(['NOT_FOUND']);
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it('publishes a draft: structural edits then fail with CONFLICT, statuses stay live; publishing twice fails', async () => {
    const published = await t.gql<{ publishReport: { state: string } }>(
      `mutation { publishReport(key: "${NEXT}") { state } }`,
    );
    expect(published.data?.publishReport.state).toBe('published');
    const before = await rowCounts(t.dataSource);
    const again = await t.gql(`mutation { publishReport(key: "${NEXT}") { state } }`);
    expect(codeOf(again)).toEqual(['CONFLICT']);
    expect(again.errors![0].message).toBe(`report '${NEXT}' is already published`);
    for (const edit of [
      `mutation { updateMitigation(report: "${NEXT}", key: "egress-monitor", input: { title: "New" }) { key } }`,
      `mutation { createClaim(report: "${NEXT}", input: { key: "new-claim", statement: "S" }) { key } }`,
      `mutation { removeSupport(report: "${NEXT}", to: "exfil-detected", support: "egress-monitor") { key } }`,
      `mutation { updateReport(key: "${NEXT}", input: { title: "Renamed" }) { key } }`,
    ]) {
      const res = await t.gql(edit);
      expect(codeOf(res)).toEqual(['CONFLICT']);
      expect(res.errors![0].message).toMatch(/is published: its argument is frozen.*cloneReport/);
    }
    expect(await rowCounts(t.dataSource)).toEqual(before);
    const status = await t.gql<{ setMitigationStatus: { status: string } }>(
      `mutation { setMitigationStatus(report: "${NEXT}", key: "egress-monitor", status: degraded) { status } }`,
    );
    expect(status.data?.setMitigationStatus.status).toBe('degraded');
  });

  it('archives a report: no change of any kind after, statuses included', async () => {
    const archived = await t.gql<{ archiveReport: { state: string } }>(
      `mutation { archiveReport(key: "${NEXT}") { state } }`,
    );
    expect(archived.data?.archiveReport.state).toBe('archived');
    const before = await rowCounts(t.dataSource);
    for (const edit of [
      `mutation { setMitigationStatus(report: "${NEXT}", key: "egress-monitor", status: in_place) { status } }`,
      `mutation { publishReport(key: "${NEXT}") { state } }`,
      `mutation { archiveReport(key: "${NEXT}") { state } }`,
    ]) {
      expect(codeOf(await t.gql(edit))).toEqual(['CONFLICT']);
    }
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it('keeps state, scope and lineage through a case file', async () => {
    const exported = await t.gql<{ report: { exportCase: string } }>(
      `{ report(key: "${NEXT}") { exportCase } }`,
    );
    const file = exported.data!.report.exportCase;
    expect(file).toContain('state: archived');
    expect(file).toContain('scope: standing');
    expect(file).toContain(`previous: ${R}`);
  });
  describe('lineage (previousKeys) against the previous report', () => {
    /** The example as the next report: previous is the pilot, one claim renamed. */
    const successor = (renamedFrom: string) =>
      SPEC_EXAMPLE.replace('key: pilot-2025', 'key: lineage-next')
        .replace('previous: null ', `previous: ${R}`)
        .replace(
          '  - key: exfil-detected\n',
          `  - key: exfil-caught\n    previousKeys: [${renamedFrom}]\n`,
        )
        .replace(
          'supports: [no-coherent-goals, exfil-detected]',
          'supports: [no-coherent-goals, exfil-caught]',
        );

    it('refuses an import naming a node the previous report does not have, at its line, writing nothing', async () => {
      const document = successor('exfil-detectd');
      const before = await rowCounts(t.dataSource);
      const res = await t.gql(IMPORT, { document });
      expect(codeOf(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].message).toBe(
        `the case file is invalid: line ${lineOf(document, 'previousKeys')}: claim 'exfil-caught': ` +
          `previousKeys names 'exfil-detectd', which report '${R}' does not have`,
      );
      expect(await rowCounts(t.dataSource)).toEqual(before);
      // checkCase says the same.
      const checked = await t.gql<{ checkCase: { valid: boolean; issues: unknown[] } }>(
        'query($d: String!) { checkCase(document: $d) { valid issues { code line keys } } }',
        { d: document },
      );
      expect(checked.data!.checkCase).toEqual({
        valid: false,
        issues: expect.arrayContaining([
          {
            code: 'UNKNOWN_REFERENCE',
            line: lineOf(document, 'previousKeys'),
            keys: ['exfil-caught', 'exfil-detectd'],
          },
        ]) as unknown,
      });
    });

    it('imports a rename the previous report has; an edit breaking it is refused', async () => {
      const res = await t.gql(IMPORT, { document: successor('exfil-detected') });
      expect(res.errors).toBeUndefined();
      const before = await rowCounts(t.dataSource);
      const edit = await t.gql(
        `mutation { updateClaim(report: "lineage-next", key: "exfil-caught", input: { previousKeys: ["gone"] }) { key } }`,
      );
      expect(codeOf(edit)).toEqual(['BAD_USER_INPUT']);
      expect(edit.errors![0].message).toContain(
        `previousKeys names 'gone', which report '${R}' does not have`,
      );
      expect(await rowCounts(t.dataSource)).toEqual(before);
      const fine = await t.gql<{ updateClaim: { previousKeys: string[] } }>(
        `mutation { updateClaim(report: "lineage-next", key: "exfil-caught", input: { previousKeys: ["exfil-detected", "no-coherent-goals"] }) { previousKeys } }`,
      );
      expect(fine.errors).toBeUndefined();
      expect(fine.data!.updateClaim.previousKeys).toEqual(['exfil-detected', 'no-coherent-goals']);
    });

    it('does not check lineage when the previous report is not here', async () => {
      const document = successor('anything')
        .replace('key: lineage-next', 'key: lineage-elsewhere')
        .replace(`previous: ${R}`, 'previous: kept-elsewhere');
      expect((await t.gql(IMPORT, { document })).errors).toBeUndefined();
    });
  });
  describe('diffReports and readiness', () => {
    const DIFF_NEXT = 'diff-next';
    beforeAll(async () => {
      // The next report: a claim renamed, the egress monitor failed.
      const document = SPEC_EXAMPLE.replace('key: pilot-2025', `key: ${DIFF_NEXT}`)
        .replace('previous: null ', `previous: ${R}`)
        .replace(
          '  - key: exfil-detected\n',
          '  - key: exfil-caught\n    previousKeys: [exfil-detected]\n',
        )
        .replace('[no-coherent-goals, exfil-detected]', '[no-coherent-goals, exfil-caught]')
        .replace(/(key: egress-monitor[\s\S]*?status: )in_place/, '$1failed');
      expect((await t.gql(IMPORT, { document })).errors).toBeUndefined();
      const clone = await t.gql(
        `mutation { cloneReport(from: "${R}", key: "${R}-draft") { key } }`,
      );
      expect(clone.errors).toBeUndefined();
    });

    const DIFF = `query($from: String!, $to: String!) { diffReports(from: $from, to: $to) {
      from to
      structure { renamed { from to kind } added { key } removed { key }
        changed { key previousKey kind changes { field before after } } links { added { node } removed { node } } }
      analysis { maxOrder arguments { key previousKey kind before { holds margin } after { holds margin } }
        loadBearing { appeared { argument loadBearing } disappeared { argument loadBearing } } }
      summary { regressions { key previousKey reason before { margin } after { margin } } structuralChanges argumentsChanged } } }`;

    it('compares two reports: renames by lineage, field changes, margins, load-bearing pairs, regressions', async () => {
      const res = await t.gql<{ diffReports: CaseDiff }>(DIFF, {
        from: R,
        to: DIFF_NEXT,
      });
      expect(res.errors).toBeUndefined();
      const d = res.data!.diffReports;
      expect(d.structure.renamed).toEqual([
        { from: 'exfil-detected', to: 'exfil-caught', kind: 'claim' },
      ]);
      expect(d.structure.added).toEqual([]);
      // The pilot here has a standing infrastructure audit the next report dropped.
      expect(d.structure.removed).toEqual([{ key: 'infra-audit' }]);
      expect(d.structure.links).toEqual({ added: [], removed: [] });
      expect(d.structure.changed).toEqual([
        {
          key: 'egress-monitor',
          previousKey: 'egress-monitor',
          kind: 'mitigation',
          changes: [{ field: 'status', before: 'in_place', after: 'failed' }],
        },
      ]);
      expect(d.analysis.loadBearing.appeared).toEqual(
        expect.arrayContaining([
          { argument: 'exfil-caught', loadBearing: 'weight-file-permissions' },
        ]),
      );
      expect(d.summary.regressions).toEqual(
        expect.arrayContaining([
          {
            key: 'exfil-caught',
            previousKey: 'exfil-detected',
            reason: 'marginDecreased',
            before: { margin: 2 },
            after: { margin: 1 },
          },
        ]),
      );
      // previous (null → the pilot), the audit removed, the rename, the monitor's status.
      expect(d.summary.structuralChanges).toBe(4);
    });

    it('refuses a report diffed with itself, an unknown report, and a side the token cannot read', async () => {
      const self = await t.gql(DIFF, { from: R, to: R });
      expect(codeOf(self)).toEqual(['BAD_USER_INPUT']);
      expect(self.errors![0].message).toBe(
        `diffReports compares two reports: from and to are both '${R}'`,
      );
      expect(codeOf(await t.gql(DIFF, { from: R, to: 'no-such' }))).toEqual(['NOT_FOUND']);
      const bound = await createToken(t, { role: 'viewer', report: R });
      for (const [from, to] of [
        [R, DIFF_NEXT],
        [DIFF_NEXT, R],
      ]) {
        expect(codeOf(await t.gqlAs(bound.token, DIFF, { from, to }))).toEqual(['FORBIDDEN']);
      }
    });

    it('tells what stands between a draft and a report that holds, and what to redo first', async () => {
      const res = await t.gql<{
        readiness: Record<string, unknown>;
      }>(`{ readiness(report: "${R}-draft") {
        report state ready pathwaysNotHolding { key } claimsNotHolding { key }
        evidenceToRedo { evidence { key title } status scope effort }
        plan { rank evidence { key } cost missingEffort argumentsRestored pathwaysRestored { key } newlyHoldingPathways { key } exact } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.readiness).toEqual({
        report: `${R}-draft`,
        state: 'draft',
        ready: false,
        pathwaysNotHolding: [{ key: 'self-exfiltration' }],
        claimsNotHolding: [{ key: 'no-coherent-goals' }],
        evidenceToRedo: [
          {
            evidence: { key: 'alignment-audit', title: 'Pre-deployment alignment audit' },
            status: 'stale',
            scope: 'model',
            effort: null,
          },
        ],
        plan: [
          {
            rank: 1,
            evidence: { key: 'alignment-audit' },
            cost: 0,
            missingEffort: true,
            argumentsRestored: 2,
            pathwaysRestored: [{ key: 'self-exfiltration' }],
            newlyHoldingPathways: [{ key: 'self-exfiltration' }],
            exact: true,
          },
        ],
      });
      const pilot = await t.gql<{ readiness: { ready: boolean; plan: unknown[] } }>(
        `{ readiness(report: "${R}") { ready plan { rank } } }`,
      );
      expect(pilot.data!.readiness).toEqual({ ready: true, plan: [] });
    });
  });
});
