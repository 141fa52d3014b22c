import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT } from '../utils/fixtures';

const R = 'verified';
const DAY = 86_400_000;

/*
 * SPEC §8's verification cycles. The pathway rests on one claim that needs both controls:
 *   - paging-rota: verifyEvery 30d, last verified 40 days ago: overdue;
 *   - egress-monitor: verifyEvery 90d, last verified 10 days ago: due in 80 days;
 *   - drill-runbook: verifyEvery 7d, never verified: overdue (backs nothing);
 *   - weekly-audit: no cycle.
 * Under overdueFails the rota fails, and with it the claim and the pathway.
 */
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const DOCUMENT = `format: loadbearing/v1
report: {key: ${R}, title: Verification}
pathways:
  - {key: self-exfiltration, title: Self-exfiltration, supports: [exfil-stopped]}
claims:
  - key: exfil-stopped
    statement: An exfiltration is stopped in time.
    supports: [paging-rota, egress-monitor, weekly-audit]
mitigations:
  - {key: paging-rota, title: Paging rota, status: in_place, verifyEvery: 30d, lastVerified: "${daysAgo(40)}"}
  - {key: egress-monitor, title: Egress monitor, status: in_place, verifyEvery: 90d, lastVerified: "${daysAgo(10)}"}
  - {key: drill-runbook, title: Drill runbook, status: in_place, verifyEvery: 7d}
  - {key: weekly-audit, title: Weekly audit, status: in_place}
`;

describe('verification of controls (SPEC §8)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const res = await t.gql(IMPORT, { document: DOCUMENT });
    expect(res.errors).toBeUndefined();
  });
  afterAll(() => t.close());

  async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await t.gql<T>(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }

  it('gives each mitigation its cycle, last verification, due instant and whether it is overdue', async () => {
    const res = await data<{
      report: {
        mitigations: {
          key: string;
          verifyEvery: number | null;
          verificationDue: string | null;
          verificationOverdue: boolean;
        }[];
      };
    }>(
      `{ report(key: "${R}") { mitigations { key verifyEvery verificationDue verificationOverdue } } }`,
    );
    const byKey = new Map(res.report.mitigations.map((m) => [m.key, m]));
    expect(byKey.get('paging-rota')).toMatchObject({
      verifyEvery: 30 * 86_400,
      verificationOverdue: true,
    });
    const dueInDays = (key: string) =>
      (Date.parse(byKey.get(key)!.verificationDue!) - Date.now()) / DAY;
    expect(dueInDays('paging-rota')).toBeCloseTo(-10, 0);
    expect(dueInDays('egress-monitor')).toBeCloseTo(80, 0);
    expect(byKey.get('egress-monitor')!.verificationOverdue).toBe(false);
    expect(byKey.get('drill-runbook')).toMatchObject({
      verificationDue: null,
      verificationOverdue: true,
    });
    expect(byKey.get('weekly-audit')).toMatchObject({
      verifyEvery: null,
      verificationDue: null,
      verificationOverdue: false,
    });
  });

  it('lists verification falling due like expiring evidence: never verified first, then soonest', async () => {
    const within = async (days: number) =>
      (
        await data<{ report: { verificationDue: { key: string }[] } }>(
          `{ report(key: "${R}") { verificationDue(withinDays: ${days}) { key } } }`,
        )
      ).report.verificationDue.map((m) => m.key);
    expect(await within(30)).toEqual(['drill-runbook', 'paging-rota']);
    expect(await within(100)).toEqual(['drill-runbook', 'paging-rota', 'egress-monitor']);
    const bad = await t.gql(`{ report(key: "${R}") { verificationDue(withinDays: -1) { key } } }`);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('fails overdue controls in the analyses under overdueFails, and only then', async () => {
    const holds = async (args: string) =>
      (
        await data<{ report: { pathways: { holds: boolean; margin: number | null }[] } }>(
          `{ report(key: "${R}"${args}) { pathways { holds margin } } }`,
        )
      ).report.pathways[0];
    expect(await holds('')).toEqual({ holds: true, margin: 1 });
    expect(await holds(', overdueFails: true')).toEqual({ holds: false, margin: 0 });

    const breaks = await data<{ whatBreaks: { brokenPathways: { key: string }[] } }>(
      `{ whatBreaks(report: "${R}", failed: ["egress-monitor"], overdueFails: true) { brokenPathways { key } } }`,
    );
    // Already broken by the overdue rota: nothing more breaks.
    expect(breaks.whatBreaks.brokenPathways).toEqual([]);
    const roadmap = await t.gql(`{ roadmap(report: "${R}", overdueFails: true) { rank } }`);
    expect(roadmap.errors).toBeUndefined();
  });

  it('records a verification through updateMitigation, clears a cycle with null, and exports both', async () => {
    const verified = await data<{
      updateMitigation: { verificationOverdue: boolean; lastVerified: string };
    }>(
      `mutation($at: DateTime!) { updateMitigation(report: "${R}", key: "paging-rota", input: { lastVerified: $at }) { verificationOverdue lastVerified } }`,
      { at: new Date().toISOString() },
    );
    expect(verified.updateMitigation.verificationOverdue).toBe(false);
    const after = await data<{ report: { pathways: { holds: boolean }[] } }>(
      `{ report(key: "${R}", overdueFails: true) { pathways { holds } } }`,
    );
    expect(after.report.pathways[0].holds).toBe(true);

    await data(
      `mutation { updateMitigation(report: "${R}", key: "drill-runbook", input: { verifyEvery: null }) { key } }`,
    );
    await data(
      `mutation { updateMitigation(report: "${R}", key: "weekly-audit", input: { verifyEvery: "7d" }) { key } }`,
    );
    const exported = (
      await data<{ report: { exportCase: string } }>(`{ report(key: "${R}") { exportCase } }`)
    ).report.exportCase;
    expect(exported).toContain(`lastVerified: ${verified.updateMitigation.lastVerified}`);
    expect(exported).toMatch(/key: weekly-audit[\s\S]*?verifyEvery: 7d/);
    expect(exported).not.toMatch(/key: drill-runbook[^-]*verifyEvery/);
  });

  it('refuses a cycle that is not a positive duration, naming the field', async () => {
    for (const value of ['3 months', '0d']) {
      const res = await t.gql(
        `mutation { updateMitigation(report: "${R}", key: "weekly-audit", input: { verifyEvery: "${value}" }) { key } }`,
      );
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/verifyEvery/);
    }
  });
});
