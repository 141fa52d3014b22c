import { EvidenceExpiryService } from '../../src/case/validity/evidence-expiry.service';
import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';

const R = 'pilot-2025';
const DAY = 86_400_000;

describe('evidence validity windows', () => {
  let t: TestApp;
  const soon = new Date(Date.now() + 10 * DAY).toISOString();
  beforeAll(async () => {
    t = await createTestApp();
    const document = SPEC_EXAMPLE.replace(
      '    status: valid',
      '    status: valid\n    validUntil: 2020-01-01',
    ).concat(
      `  - key: red-team\n    title: Red-team of weight access\n    status: valid\n    validUntil: ${soon}\n`,
    );
    expect((await t.gql(IMPORT, { document })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await t.gql<T>(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }

  it('counts evidence past its window as stale in every analysis, recorded in the history as an expiry', async () => {
    const res = await data<{
      report: {
        pathways: { holds: boolean }[];
        node: {
          status: string;
          validUntil: string;
          history: { from: string; to: string; source: string; actor: string; note: string }[];
        };
      };
    }>(
      `{ report(key: "${R}") {
          pathways { holds }
          node(key: "alignment-audit") { ... on Evidence { status validUntil history(limit: 1) { from to source actor note } } }
      } }`,
    );
    // self-exfiltration needs no-coherent-goals, which rests on alignment-audit alone (interp-probes is planned).
    expect(res.report.pathways).toEqual([{ holds: false }]);
    expect(res.report.node.validUntil).toBe('2020-01-01T00:00:00.000Z');
    expect(res.report.node.history).toEqual([
      {
        from: 'valid',
        to: 'stale',
        source: 'expiry',
        actor: 'validity-window',
        note: 'validUntil 2020-01-01T00:00:00.000Z passed',
      },
    ]);
    const again = await data<{ report: { node: { status: string } } }>(
      `{ report(key: "${R}") { node(key: "alignment-audit") { ... on Evidence { status } } } }`,
    );
    expect(again.report.node.status).toBe('stale');
  });

  it('lists valid evidence expiring within a period, soonest first', async () => {
    const within = (days: number) =>
      data<{ report: { expiringEvidence: { key: string; validUntil: string }[] } }>(
        `{ report(key: "${R}") { expiringEvidence(withinDays: ${days}) { key validUntil } } }`,
      );
    expect((await within(30)).report.expiringEvidence).toEqual([
      { key: 'red-team', validUntil: soon },
    ]);
    expect((await within(5)).report.expiringEvidence).toEqual([]);
    const bad = await t.gql(`{ report(key: "${R}") { expiringEvidence(withinDays: -1) { key } } }`);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('sets, clears and exports windows through the API', async () => {
    await data(
      `mutation { createEvidence(report: "${R}", input: { key: "drill", title: "Paging drill", status: valid, validUntil: "2030-06-30T12:00:00Z" }) { key } }`,
    );
    let exported = (
      await data<{ report: { exportCase: string } }>(`{ report(key: "${R}") { exportCase } }`)
    ).report.exportCase;
    expect(exported).toContain('validUntil: 2030-06-30T12:00:00.000Z');
    await data(
      `mutation { updateEvidence(report: "${R}", key: "drill", input: { validUntil: null }) { key } }`,
    );
    exported = (
      await data<{ report: { exportCase: string } }>(`{ report(key: "${R}") { exportCase } }`)
    ).report.exportCase;
    expect(exported).not.toContain('2030-06-30');
  });

  it('expires due evidence in a sweep, once', async () => {
    await data(
      `mutation { updateEvidence(report: "${R}", key: "drill", input: { validUntil: "2021-01-01T00:00:00Z" }) { key } }`,
    );
    const expiry = t.app.get(EvidenceExpiryService);
    expect(await expiry.expireDue()).toBe(1);
    expect(await expiry.expireDue()).toBe(0);
    const res = await data<{ report: { node: { status: string } } }>(
      `{ report(key: "${R}") { node(key: "drill") { ... on Evidence { status } } } }`,
    );
    expect(res.report.node.status).toBe('stale');
  });

  it('refuses a validUntil that is not a date, with its line', async () => {
    const res = await t.gql(IMPORT, {
      document: SPEC_EXAMPLE.replace('key: pilot-2025', 'key: other').replace(
        '    status: valid',
        '    status: valid\n    validUntil: next spring',
      ),
    });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toContain("validUntil 'next spring' is not a date");
  });
});
