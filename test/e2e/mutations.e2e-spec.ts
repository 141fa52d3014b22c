import { createTestApp, type GqlResponse, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';
import { rowCounts } from '../utils/row-counts';

const R = 'pilot-2025';

describe('mutations keep every structural rule', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  /** Runs a mutation expected to fail and asserts that it wrote nothing. */
  async function refused(query: string, variables?: Record<string, unknown>) {
    const before = await rowCounts(t.dataSource);
    const version = await reportVersion();
    const res = await t.gql(query, variables);
    expect(res.errors).toHaveLength(1);
    expect(await rowCounts(t.dataSource)).toEqual(before);
    expect(await reportVersion()).toBe(version);
    return res.errors![0];
  }

  async function reportVersion(): Promise<number | undefined> {
    const res = await t.gql<{ report: { version: number } | null }>(
      `{ report(key: "${R}") { version } }`,
    );
    return res.data?.report?.version;
  }

  const ok = <T>(res: GqlResponse<T>): T => {
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  it('creates, updates and deletes each node kind and team', async () => {
    ok(
      await t.gql(
        `mutation { createTeam(report: "${R}", input: { key: "alignment", name: "Alignment" }) { key name } }`,
      ),
    );
    ok(
      await t.gql(
        `mutation { createEvidence(report: "${R}", input: { key: "shade-arena", title: "SHADE-Arena", status: valid }) { key } }`,
      ),
    );
    ok(
      await t.gql(`mutation { createMitigation(report: "${R}", input: {
      key: "pr-review", title: "Pull-request review", kind: process, team: "alignment", status: in_place, dependsOn: ["log-pipeline"] }) { key } }`),
    );
    const claim = ok(
      await t.gql<{ createClaim: unknown }>(`mutation { createClaim(report: "${R}", input: {
      key: "sabotage-caught", statement: "Sabotage would be caught", kind: monitoring, requires: atLeast, atLeast: 1,
      supports: ["pr-review", "shade-arena"] }) { key kind requires atLeast supports { key nodeKind } } }`),
    );
    expect(claim.createClaim).toEqual({
      key: 'sabotage-caught',
      kind: 'monitoring',
      requires: 'atLeast',
      atLeast: 1,
      supports: [
        { key: 'pr-review', nodeKind: 'mitigation' },
        { key: 'shade-arena', nodeKind: 'evidence' },
      ],
    });
    ok(
      await t.gql(
        `mutation { createPathway(report: "${R}", input: { key: "targeted-sabotage", title: "Targeted sabotage", supports: ["sabotage-caught"] }) { key } }`,
      ),
    );

    const updated = ok(
      await t.gql<{
        updateMitigation: unknown;
      }>(`mutation { updateMitigation(report: "${R}", key: "pr-review",
      input: { title: "PR review by two people", effort: null }) { key title team status dependsOn { key } } }`),
    );
    expect(updated.updateMitigation).toEqual({
      key: 'pr-review',
      title: 'PR review by two people',
      team: 'alignment',
      status: 'in_place',
      dependsOn: [{ key: 'log-pipeline' }],
    });

    expect(
      ok(await t.gql(`mutation { deletePathway(report: "${R}", key: "targeted-sabotage") }`)),
    ).toEqual({ deletePathway: true });
    ok(await t.gql(`mutation { deleteClaim(report: "${R}", key: "sabotage-caught") }`));
    ok(await t.gql(`mutation { deleteEvidence(report: "${R}", key: "shade-arena") }`));
    ok(await t.gql(`mutation { deleteTeam(report: "${R}", key: "alignment") }`));
    const orphan = ok(
      await t.gql<{ report: { node: unknown } }>(
        `{ report(key: "${R}") { node(key: "pr-review") { ... on Mitigation { team } } } }`,
      ),
    );
    expect(orphan.report.node).toEqual({ team: null });
    ok(await t.gql(`mutation { deleteMitigation(report: "${R}", key: "pr-review") }`));
  });

  it('renames a key everywhere it is referenced', async () => {
    ok(
      await t.gql(
        `mutation { updateMitigation(report: "${R}", key: "log-pipeline", input: { key: "central-logs" }) { key } }`,
      ),
    );
    const res = ok(
      await t.gql<{ report: { node: unknown } }>(
        `{ report(key: "${R}") { node(key: "egress-monitor") { ... on Mitigation { dependsOn { key } } } } }`,
      ),
    );
    expect(res.report.node).toEqual({ dependsOn: [{ key: 'central-logs' }] });
    ok(
      await t.gql(
        `mutation { updateMitigation(report: "${R}", key: "central-logs", input: { key: "log-pipeline" }) { key } }`,
      ),
    );
  });

  it('adds and removes links, at a position', async () => {
    ok(
      await t.gql(
        `mutation { addSupport(report: "${R}", to: "exfil-detected", support: "alignment-audit", position: 0) { key } }`,
      ),
    );
    const res = ok(
      await t.gql<{ report: { node: { supports: { key: string }[] } } }>(
        `{ report(key: "${R}") { node(key: "exfil-detected") { ... on Claim { supports { key } } } } }`,
      ),
    );
    expect(res.report.node.supports.map((s) => s.key)).toEqual([
      'alignment-audit',
      'weight-file-permissions',
      'egress-monitor',
    ]);
    ok(
      await t.gql(
        `mutation { removeSupport(report: "${R}", to: "exfil-detected", support: "alignment-audit") { key } }`,
      ),
    );
  });

  it('refuses a support link that would close a cycle, naming the cycle', async () => {
    ok(
      await t.gql(
        `mutation { addSupport(report: "${R}", to: "no-coherent-goals", support: "exfil-detected") { key } }`,
      ),
    );
    const error = await refused(
      `mutation { addSupport(report: "${R}", to: "exfil-detected", support: "no-coherent-goals") { key } }`,
    );
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain(
      "support cycle: 'no-coherent-goals' → 'exfil-detected' → 'no-coherent-goals'",
    );
    expect(error.extensions?.issues?.[0]).toMatchObject({
      code: 'CYCLE',
      keys: ['no-coherent-goals', 'exfil-detected'],
    });
    ok(
      await t.gql(
        `mutation { removeSupport(report: "${R}", to: "no-coherent-goals", support: "exfil-detected") { key } }`,
      ),
    );
  });

  it('refuses a dependsOn link that would close a cycle, and self-links', async () => {
    const cycle = await refused(
      `mutation { addDependency(report: "${R}", mitigation: "log-pipeline", dependsOn: "egress-monitor") { key } }`,
    );
    expect(cycle.message).toContain(
      "dependsOn cycle: 'egress-monitor' → 'log-pipeline' → 'egress-monitor'",
    );
    const self = await refused(
      `mutation { addSupport(report: "${R}", to: "exfil-detected", support: "exfil-detected") { key } }`,
    );
    expect(self.message).toContain("claim 'exfil-detected' supports itself");
  });

  it.each([
    [
      'a pathway as a support',
      `addSupport(report: "${R}", to: "exfil-detected", support: "self-exfiltration") { key }`,
      'BAD_USER_INPUT',
      "'self-exfiltration' is a pathway",
    ],
    [
      'an unknown support',
      `addSupport(report: "${R}", to: "exfil-detected", support: "nope") { key }`,
      'NOT_FOUND',
      "no node 'nope'",
    ],
    [
      'a duplicate link',
      `addSupport(report: "${R}", to: "exfil-detected", support: "egress-monitor") { key }`,
      'CONFLICT',
      "already lists 'egress-monitor'",
    ],
    [
      'dependsOn on evidence',
      `addDependency(report: "${R}", mitigation: "egress-monitor", dependsOn: "alignment-audit") { key }`,
      'BAD_USER_INPUT',
      "'alignment-audit' is a evidence",
    ],
    [
      'supports on a mitigation',
      `addSupport(report: "${R}", to: "egress-monitor", support: "log-pipeline") { key }`,
      'BAD_USER_INPUT',
      'only pathways and claims have supports',
    ],
    [
      'a taken key',
      `createEvidence(report: "${R}", input: { key: "egress-monitor", title: "x", status: valid }) { key }`,
      'CONFLICT',
      "key 'egress-monitor' is already used by a mitigation",
    ],
    [
      'an invalid key',
      `createEvidence(report: "${R}", input: { key: "Bad Key", title: "x", status: valid }) { key }`,
      'BAD_USER_INPUT',
      "'Bad Key' is invalid",
    ],
    [
      'atLeast above the supports',
      `updateClaim(report: "${R}", key: "exfil-detected", input: { atLeast: 3 }) { key }`,
      'BAD_USER_INPUT',
      "claim 'exfil-detected': requires atLeast 3",
    ],
    [
      'a delete leaving atLeast out of range',
      `deleteMitigation(report: "${R}", key: "weight-file-permissions")`,
      'NOT_FOUND',
      '',
    ],
    [
      'an unknown report',
      `createEvidence(report: "nope", input: { key: "e", title: "x", status: valid }) { key }`,
      'NOT_FOUND',
      "no report 'nope'",
    ],
    [
      'an unknown node',
      `setEvidenceStatus(report: "${R}", key: "nope", status: stale) { key }`,
      'NOT_FOUND',
      "no evidence 'nope'",
    ],
    [
      'the wrong kind',
      `setEvidenceStatus(report: "${R}", key: "egress-monitor", status: stale) { key }`,
      'BAD_USER_INPUT',
      "'egress-monitor' is a mitigation, not a evidence",
    ],
  ])('refuses %s with nothing written', async (_name, mutation, code, message) => {
    if (_name === 'a delete leaving atLeast out of range') {
      // exfil-detected requires atLeast 1 of [weight-file-permissions, egress-monitor]; make it 2 first.
      ok(
        await t.gql(
          `mutation { updateClaim(report: "${R}", key: "exfil-detected", input: { atLeast: 2 }) { key } }`,
        ),
      );
      const error = await refused(`mutation { ${mutation} }`);
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain(
        "claim 'exfil-detected': requires atLeast 2 but must be between 1 and its 1 supports",
      );
      ok(
        await t.gql(
          `mutation { updateClaim(report: "${R}", key: "exfil-detected", input: { atLeast: 1 }) { key } }`,
        ),
      );
      return;
    }
    const error = await refused(`mutation { ${mutation} }`);
    expect(error.extensions?.code).toBe(code);
    expect(error.message).toContain(message);
  });

  it('sets statuses and bumps the report version on every write', async () => {
    const before = await reportVersion();
    const m = ok(
      await t.gql<{ setMitigationStatus: unknown }>(
        `mutation { setMitigationStatus(report: "${R}", key: "egress-monitor", status: failed, note: "incident 42") { key status } }`,
      ),
    );
    expect(m.setMitigationStatus).toEqual({ key: 'egress-monitor', status: 'failed' });
    const e = ok(
      await t.gql<{ setEvidenceStatus: unknown }>(
        `mutation { setEvidenceStatus(report: "${R}", key: "alignment-audit", status: stale) { key status } }`,
      ),
    );
    expect(e.setEvidenceStatus).toEqual({ key: 'alignment-audit', status: 'stale' });
    expect(await reportVersion()).toBe(before! + 2);
    const badEnum = await t.gql(
      `mutation { setMitigationStatus(report: "${R}", key: "egress-monitor", status: broken) { key } }`,
    );
    expect(badEnum.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('creates, renames and deletes reports', async () => {
    ok(
      await t.gql(
        `mutation { createReport(input: { key: "next-model", title: "Next", previous: "${R}" }) { key previous version } }`,
      ),
    );
    const dup = await refused(
      `mutation { createReport(input: { key: "next-model", title: "Again" }) { key } }`,
    );
    expect(dup.extensions?.code).toBe('CONFLICT');
    ok(
      await t.gql(
        `mutation { updateReport(key: "next-model", input: { key: "model-5", model: "Model 5" }) { key } }`,
      ),
    );
    const list = ok(
      await t.gql<{ reports: { key: string; model: string | null }[] }>(
        '{ reports { key model } }',
      ),
    );
    expect(list.reports).toEqual([
      { key: 'model-5', model: 'Model 5' },
      { key: R, model: 'Example Model 4' },
    ]);
    expect(ok(await t.gql(`mutation { deleteReport(key: "model-5") }`))).toEqual({
      deleteReport: true,
    });
    const gone = await t.gql(`mutation { deleteReport(key: "model-5") }`);
    expect(gone.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
