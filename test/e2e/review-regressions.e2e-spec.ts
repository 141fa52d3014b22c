import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT, lineOf, SPEC_EXAMPLE } from '../utils/fixtures';
import { rowCounts } from '../utils/row-counts';

const R = 'pilot-2025';

/** Bugs found in review, each pinned by the scenario that showed it. */
describe('review regressions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  it('refuses an undeclared team whose key is invalid, with its line, instead of storing it', async () => {
    const document = SPEC_EXAMPLE.replace('key: pilot-2025', 'key: other').replace(
      'team: infra\n    status: in_place\n    dependsOn',
      'team: Infra Team\n    status: in_place\n    dependsOn',
    );
    const before = await rowCounts(t.dataSource);
    const res = await t.gql(IMPORT, { document });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.issues?.[0]).toMatchObject({
      code: 'INVALID_KEY',
      line: lineOf(document, 'team: Infra Team'),
    });
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it('answers each mutation of a request from what the mutations before it wrote', async () => {
    const res = await t.gql<{
      a: { holds: boolean };
      b: { holds: boolean };
      c: { margin: number | null };
      d: { margin: number | null };
    }>(`mutation {
      a: setEvidenceStatus(report: "${R}", key: "alignment-audit", status: stale) { holds }
      b: setEvidenceStatus(report: "${R}", key: "alignment-audit", status: valid) { holds }
      c: createClaim(report: "${R}", input: { key: "c1", statement: "One", supports: ["weight-file-permissions"] }) { margin }
      d: createClaim(report: "${R}", input: { key: "c2", statement: "Two", supports: ["c1", "log-pipeline"], requires: any }) { margin }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      a: { holds: false },
      b: { holds: true },
      c: { margin: 1 },
      d: { margin: 2 },
    });
  });

  it.each([
    [
      'an empty optional text',
      `createEvidence(report: "${R}", input: { key: "e-empty", title: "E", description: "", status: valid }) { key }`,
      'must not be empty',
    ],
    [
      'a title longer than its column in UTF-16 units',
      `createReport(input: { key: "long", title: "${'a\\uFE0F'.repeat(160)}" }) { key }`,
      'at most 300',
    ],
  ])('refuses %s as BAD_USER_INPUT, as a file import would', async (_what, mutation, message) => {
    const before = await rowCounts(t.dataSource);
    const res = await t.gql(`mutation { ${mutation} }`);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toContain(message);
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it('reports a lost race for a new report key as CONFLICT', async () => {
    const document = SPEC_EXAMPLE.replace('key: pilot-2025', 'key: raced');
    const results = await Promise.all([t.gql(IMPORT, { document }), t.gql(IMPORT, { document })]);
    const codes = results.map((r) => r.errors?.[0].extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
  });

  it('refuses a negative cut-set limit', async () => {
    const res = await t.gql(
      `{ cutSets(report: "${R}", key: "self-exfiltration", limit: -1) { total } }`,
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
