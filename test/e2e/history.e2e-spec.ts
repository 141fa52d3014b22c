import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';

const R = 'pilot-2025';

interface Change {
  key: string;
  nodeKind: string;
  from: string | null;
  to: string;
  at: string;
  source: string;
  actor: string | null;
  note: string | null;
}

describe('status history and asOf', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await t.gql<T>(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }
  const reportHistory = async (limit = 50) =>
    (
      await data<{ report: { history: Change[] } }>(
        `{ report(key: "${R}") { history(limit: ${limit}) { key nodeKind from to at source actor note } } }`,
      )
    ).report.history;

  it('records every status a new report starts with, as an import', async () => {
    const history = await reportHistory();
    expect(history.map((h) => [h.key, h.from, h.to, h.source])).toEqual(
      expect.arrayContaining([
        ['weight-file-permissions', null, 'in_place', 'import'],
        ['egress-monitor', null, 'in_place', 'import'],
        ['log-pipeline', null, 'in_place', 'import'],
        ['interp-probes', null, 'planned', 'import'],
        ['alignment-audit', null, 'valid', 'import'],
      ]),
    );
    expect(history).toHaveLength(5);
  });

  it('records a status change with when, why and where, newest first, per node and per report', async () => {
    await data(
      `mutation { setMitigationStatus(report: "${R}", key: "egress-monitor", status: failed, note: "INC-42 paging silent") { key } }`,
    );
    await data(
      `mutation { updateMitigation(report: "${R}", key: "egress-monitor", input: { status: degraded }) { key } }`,
    );
    const node = await data<{ report: { node: { history: Change[] } } }>(
      `{ report(key: "${R}") { node(key: "egress-monitor") { ... on Mitigation { history { from to source note at } } } } }`,
    );
    const [latest, failed, created] = node.report.node.history;
    expect([latest.from, latest.to, latest.source, latest.note]).toEqual([
      'failed',
      'degraded',
      'api',
      null,
    ]);
    expect([failed.from, failed.to, failed.source, failed.note]).toEqual([
      'in_place',
      'failed',
      'api',
      'INC-42 paging silent',
    ]);
    expect([created.from, created.to, created.source]).toEqual([null, 'in_place', 'import']);
    expect(new Date(latest.at).getTime()).toBeGreaterThanOrEqual(new Date(failed.at).getTime());
    expect((await reportHistory(1))[0]).toMatchObject({ key: 'egress-monitor', to: 'degraded' });
    const paged = await data<{ report: { history: Change[] } }>(
      `{ report(key: "${R}") { history(limit: 2, offset: 1) { key to } } }`,
    );
    expect(paged.report.history).toEqual(
      [{ key: 'egress-monitor', to: 'failed' }, (await reportHistory())[2]].map((h) => ({
        key: h.key,
        to: h.to,
      })),
    );
  });

  it('records nothing for a refused write or an edit that changes no status', async () => {
    const before = (await reportHistory()).length;
    const refused = await t.gql(
      `mutation { addDependency(report: "${R}", mitigation: "log-pipeline", dependsOn: "egress-monitor") { key } }`,
    );
    expect(refused.errors).toBeDefined();
    await data(
      `mutation { updateMitigation(report: "${R}", key: "egress-monitor", input: { title: "Egress monitor v2" }) { key } }`,
    );
    expect(await reportHistory()).toHaveLength(before);
  });

  it('records only the statuses a replace import changes', async () => {
    const before = (await reportHistory()).length;
    const changed = SPEC_EXAMPLE.replace('status: planned', 'status: in_progress');
    await data(IMPORT, { document: changed, replace: true });
    const history = await reportHistory();
    // egress-monitor goes back to in_place (the file's status) and interp-probes to in_progress.
    expect(
      history
        .slice(0, history.length - before)
        .map((h) => [h.key, h.from, h.to, h.source])
        .sort(),
    ).toEqual([
      ['egress-monitor', 'degraded', 'in_place', 'import'],
      ['interp-probes', 'planned', 'in_progress', 'import'],
    ]);
  });

  it('answers holding, margins, statuses and what-breaks as they were at an instant', async () => {
    const beforeLoss = (await reportHistory(1))[0].at;
    await data(
      `mutation { setEvidenceStatus(report: "${R}", key: "alignment-audit", status: invalidated, note: "audit retracted") { key } }`,
    );
    const PATHWAY = `query($at: DateTime) { report(key: "${R}", asOf: $at) {
      asOf pathways { key holds margin }
      evidence { key status: statusAsOf holds }
    } }`;
    type Answer = {
      report: {
        asOf: string | null;
        pathways: { holds: boolean; margin: number }[];
        evidence: { status: string; holds: boolean }[];
      };
    };
    const now = await data<Answer>(PATHWAY, { at: null });
    expect(now.report.pathways[0]).toMatchObject({ holds: false, margin: 0 });
    expect(now.report.evidence[0]).toEqual({
      key: 'alignment-audit',
      status: 'invalidated',
      holds: false,
    });

    const then = await data<Answer>(PATHWAY, { at: beforeLoss });
    expect(new Date(then.report.asOf!).toISOString()).toBe(new Date(beforeLoss).toISOString());
    expect(then.report.pathways[0]).toMatchObject({ holds: true, margin: 1 });
    expect(then.report.evidence[0]).toEqual({
      key: 'alignment-audit',
      status: 'valid',
      holds: true,
    });

    const broke = await data<{ whatBreaks: { brokenPathways: { key: string }[] } }>(
      `query($at: DateTime) { whatBreaks(report: "${R}", failed: ["alignment-audit"], asOf: $at) { brokenPathways { key } } }`,
      { at: beforeLoss },
    );
    expect(broke.whatBreaks.brokenPathways).toEqual([{ key: 'self-exfiltration' }]);

    // Before the report existed nothing had a status: nothing holds.
    const before = await data<Answer>(PATHWAY, { at: '2000-01-01T00:00:00Z' });
    expect(before.report.pathways[0]).toMatchObject({ holds: false, margin: 0 });
  });

  it.each([
    [
      'a variable, selecting only the key',
      'query($at: DateTime) { report(key: "R", asOf: $at) { key } }',
    ],
    [
      'a variable, asking what holds',
      'query($at: DateTime) { report(key: "R", asOf: $at) { pathways { holds } } }',
    ],
    ['a literal', '{ report(key: "R", asOf: "not-a-date") { pathways { holds } } }'],
    ['a literal date without a time', '{ report(key: "R", asOf: "2026-03-05") { key } }'],
  ])("refuses an instant that is not a date-time as the caller's error (%s)", async (_, query) => {
    const res = await t.gql(query.replace('"R"', `"${R}"`), { at: 'not-a-date' });
    expect(res.data?.report ?? null).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0].message).toMatch(/RFC 3339/);
  });

  it('reads a page once per version, and not at all after a status change (it carries over)', async () => {
    const query = jest.spyOn(t.dataSource, 'query');
    const historyQueries = () =>
      query.mock.calls.filter(([sql]) => String(sql).includes('CROSS JOIN LATERAL')).length;
    try {
      await reportHistory(7);
      await reportHistory(7);
      expect(historyQueries()).toBe(1);
      await data(
        `mutation { setMitigationStatus(report: "${R}", key: "log-pipeline", status: degraded) { key } }`,
      );
      expect((await reportHistory(7))[0]).toMatchObject({ key: 'log-pipeline', to: 'degraded' });
      expect((await reportHistory(7))[0]).toMatchObject({ key: 'log-pipeline', to: 'degraded' });
      expect(historyQueries()).toBe(1);
      // A change of more than statuses: the new version's pages are read.
      await data(
        `mutation { updateMitigation(report: "${R}", key: "log-pipeline", input: { description: "read again" }) { key } }`,
      );
      expect((await reportHistory(7))[0]).toMatchObject({ key: 'log-pipeline', to: 'degraded' });
      expect(historyQueries()).toBe(2);
      await data(
        `mutation { setMitigationStatus(report: "${R}", key: "log-pipeline", status: in_place) { key } }`,
      );
    } finally {
      query.mockRestore();
    }
  });
});
