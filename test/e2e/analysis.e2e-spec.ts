import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseCase, computeLoadBearingMap, computeMargins } from '../../src/core/analysis';
import { parseCaseFile } from '../../src/core/case-format/parse-case-file';
import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT } from '../utils/fixtures';

const EXAMPLE = readFileSync(
  join(__dirname, '../../examples/pilot-sabotage-risk-report.yaml'),
  'utf8',
);
const R = 'pilot-2025';
const FILE_PERMISSIONS = 'weight-storage-file-permissions';

type Keyed = { key: string };
const keys = (nodes: Keyed[]) => nodes.map((n) => n.key);

describe('analysis over GraphQL, on the example case', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: EXAMPLE })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await t.gql<T>(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }

  const PATHWAYS = `{ report(key: "${R}") { pathways { key holds margin loadBearing { key } loadBearingEvidence { key } } } }`;
  type PathwaysAnswer = {
    report: {
      pathways: {
        key: string;
        holds: boolean;
        margin: number | null;
        loadBearing: Keyed[];
        loadBearingEvidence: Keyed[];
      }[];
    };
  };

  it('gives each pathway its margin and single points of failure (known answers)', async () => {
    const { report } = await data<PathwaysAnswer>(PATHWAYS);
    const byKey = Object.fromEntries(report.pathways.map((p) => [p.key, p]));
    // Margins checked independently by brute force when the example was written.
    expect(Object.fromEntries(report.pathways.map((p) => [p.key, p.margin]))).toEqual({
      'broad-sandbagging': 3,
      'targeted-safety-rnd-sabotage': 3,
      'code-backdoors': 2,
      'training-data-poisoning': 2,
      'developer-leaks': 1,
      'self-exfiltration': 1,
      'rogue-internal-deployment': 1,
      'external-developer-rnd-sabotage': 3,
      'government-decision-sabotage': 2,
    });
    expect(report.pathways.every((p) => p.holds)).toBe(true);
    expect(keys(byKey['self-exfiltration'].loadBearing)).toEqual([FILE_PERMISSIONS]);
    expect(keys(byKey['rogue-internal-deployment'].loadBearing)).toEqual([FILE_PERMISSIONS]);
    expect(keys(byKey['developer-leaks'].loadBearing)).toEqual(['need-to-know-access']);
    expect(keys(byKey['code-backdoors'].loadBearing)).toEqual([]);
  });

  it('answers every margin, holding and load-bearing field as the analysis core does', async () => {
    const c = parseCaseFile({ text: EXAMPLE }).case!;
    const analysis = analyseCase({ case: c });
    const margins = new Map(computeMargins({ analysis }).map((m) => [m.key, m]));
    const map = computeLoadBearingMap({ analysis });
    const res = await data<{
      report: {
        claims: { key: string; holds: boolean; margin: number | null; loadBearing: Keyed[] }[];
        mitigations: {
          key: string;
          holds: boolean;
          loadBearingFor: Keyed[];
          loadBearingForClaims: Keyed[];
        }[];
        evidence: { key: string; holds: boolean; loadBearingFor: Keyed[] }[];
      };
    }>(`{ report(key: "${R}") {
      claims { key holds margin loadBearing { key } }
      mitigations { key holds loadBearingFor { key } loadBearingForClaims { key } }
      evidence { key holds loadBearingFor { key } }
    } }`);
    expect(res.report.claims).toHaveLength(40);
    for (const claim of res.report.claims) {
      expect({ key: claim.key, holds: claim.holds, margin: claim.margin }).toEqual({
        key: claim.key,
        holds: margins.get(claim.key)!.holds,
        margin: margins.get(claim.key)!.margin,
      });
      expect(keys(claim.loadBearing)).toEqual(
        map.byArgument.find((a) => a.key === claim.key)!.mitigations,
      );
    }
    for (const m of [...res.report.mitigations, ...res.report.evidence]) {
      expect(keys(m.loadBearingFor)).toEqual(map.byEvent.find((e) => e.key === m.key)!.pathways);
    }
    const fp = res.report.mitigations.find((m) => m.key === FILE_PERMISSIONS)!;
    expect(keys(fp.loadBearingFor)).toEqual(['rogue-internal-deployment', 'self-exfiltration']);
    expect(keys(fp.loadBearingForClaims)).toEqual(['weights-inaccessible-to-agent-sessions']);
    // Planned work does not hold; in_place controls whose dependencies hold do.
    expect(res.report.mitigations.find((m) => m.key === 'deception-probes')!.holds).toBe(false);
    expect(fp.holds).toBe(true);
  });

  it('says what breaks when the file-permissions control fails', async () => {
    const res = await data<{
      whatBreaks: {
        failed: Keyed[];
        alsoFailed: Keyed[];
        brokenPathways: Keyed[];
        brokenClaims: Keyed[];
        weakened: unknown[];
      };
    }>(
      `{ whatBreaks(report: "${R}", failed: ["${FILE_PERMISSIONS}"]) {
          failed { key } alsoFailed { key } brokenPathways { key } brokenClaims { key } weakened { key nodeKind before after }
      } }`,
    );
    expect(keys(res.whatBreaks.brokenPathways)).toEqual([
      'rogue-internal-deployment',
      'self-exfiltration',
    ]);
    expect(keys(res.whatBreaks.brokenClaims)).toEqual(['weights-inaccessible-to-agent-sessions']);
    expect(keys(res.whatBreaks.failed)).toEqual([FILE_PERMISSIONS]);
    expect(res.whatBreaks.alsoFailed).toEqual([]);
  });

  it('fails dependants with what they depend on, and reports weakened margins before and after', async () => {
    const res = await data<{
      whatBreaks: {
        alsoFailed: Keyed[];
        weakened: { key: string; before: number | null; after: number | null }[];
      };
    }>(
      `{ whatBreaks(report: "${R}", failed: ["central-log-pipeline"]) { alsoFailed { key } weakened { key nodeKind before after } } }`,
    );
    const c = parseCaseFile({ text: EXAMPLE }).case!;
    const direct = c.mitigations.filter(
      (m) => m.dependsOn.includes('central-log-pipeline') && m.status === 'in_place',
    );
    expect(direct.length).toBeGreaterThan(0);
    expect(keys(res.whatBreaks.alsoFailed)).toEqual(
      expect.arrayContaining(direct.map((m) => m.key)),
    );
    for (const w of res.whatBreaks.weakened) {
      expect(w.after).toBeGreaterThanOrEqual(1);
      expect(w.after! < (w.before ?? 5)).toBe(true);
    }
  });

  it('ranks planned work (known answer) and plans within a budget', async () => {
    const { roadmap } = await data<{
      roadmap: {
        rank: number;
        mitigation: Keyed;
        bundle: Keyed[];
        cost: number;
        argumentsStrengthened: number;
        pathwaysStrengthened: Keyed[];
      }[];
    }>(
      `{ roadmap(report: "${R}") { rank mitigation { key } bundle { key } cost argumentsStrengthened pathwaysStrengthened { key } } }`,
    );
    expect(roadmap[0]).toEqual({
      rank: 1,
      mitigation: { key: 'deception-probes' },
      bundle: [{ key: 'activation-logging' }, { key: 'deception-probes' }],
      cost: 13,
      argumentsStrengthened: 4,
      pathwaysStrengthened: [{ key: 'code-backdoors' }, { key: 'training-data-poisoning' }],
    });
    expect(roadmap.map((r) => r.rank)).toEqual(roadmap.map((_, i) => i + 1));
    const limited = await data<{ roadmap: Keyed[] }>(
      `{ roadmap(report: "${R}", limit: 2, order: perEffort) { mitigation { key } } }`,
    );
    expect(limited.roadmap).toHaveLength(2);

    const { plan } = await data<{
      plan: {
        spent: number;
        steps: { step: number; cumulativeCost: number; item: { cost: number } }[];
      };
    }>(
      `{ plan(report: "${R}", budget: 20) { spent steps { step cumulativeCost item { cost mitigation { key } } } } }`,
    );
    expect(plan.spent).toBeLessThanOrEqual(20);
    expect(plan.steps.at(-1)?.cumulativeCost).toBe(plan.spent);
    expect(plan.steps.reduce((s, x) => s + x.item.cost, 0)).toBe(plan.spent);
  });

  it('lists the minimal cut sets of a pathway, and the load-bearing matrix', async () => {
    const { cutSets } = await data<{
      cutSets: {
        completeToOrder: number;
        total: number;
        sets: { order: number; keys: string[]; members: { key: string; nodeKind: string }[] }[];
      };
    }>(
      `{ cutSets(report: "${R}", key: "self-exfiltration", maxOrder: 3) { completeToOrder total sets { order keys members { key nodeKind } } } }`,
    );
    expect(cutSets.completeToOrder).toBe(3);
    expect(cutSets.sets[0]).toEqual({
      order: 1,
      keys: [FILE_PERMISSIONS],
      members: [{ key: FILE_PERMISSIONS, nodeKind: 'mitigation' }],
    });
    expect(cutSets.total).toBe(cutSets.sets.length);
    const sizes = cutSets.sets.map((s) => s.order);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));

    const { loadBearingMatrix: m } = await data<{
      loadBearingMatrix: {
        columns: { pathway: Keyed; margin: number }[];
        rows: { mitigation: Keyed; cells: boolean[]; loadBearingCount: number }[];
      };
    }>(
      `{ loadBearingMatrix(report: "${R}") { columns { pathway { key } margin } rows { mitigation { key } cells loadBearingCount } } }`,
    );
    expect(m.columns).toHaveLength(9);
    expect(m.rows).toHaveLength(36);
    const fp = m.rows.find((r) => r.mitigation.key === FILE_PERMISSIONS)!;
    expect(fp.loadBearingCount).toBe(2);
    expect(m.columns.filter((_, i) => fp.cells[i]).map((c) => c.pathway.key)).toEqual([
      'rogue-internal-deployment',
      'self-exfiltration',
    ]);
  });

  it('never answers from an older version once a write has returned', async () => {
    const marginOf = async (key: string) =>
      (await data<PathwaysAnswer>(PATHWAYS)).report.pathways.find((p) => p.key === key)!;
    expect(await marginOf('self-exfiltration')).toMatchObject({ holds: true, margin: 1 });
    await data(
      `mutation { setMitigationStatus(report: "${R}", key: "${FILE_PERMISSIONS}", status: failed) { key } }`,
    );
    expect(await marginOf('self-exfiltration')).toMatchObject({ holds: false, margin: 0 });
    await data(
      `mutation { setMitigationStatus(report: "${R}", key: "${FILE_PERMISSIONS}", status: in_place) { key } }`,
    );
    expect(await marginOf('self-exfiltration')).toMatchObject({ holds: true, margin: 1 });
    await data(
      `mutation { updateClaim(report: "${R}", key: "weights-inaccessible-to-agent-sessions", input: { assumed: true, supports: [] }) { key } }`,
    );
    expect((await marginOf('self-exfiltration')).loadBearing).toEqual([]);
  });

  it('answers after status changes exactly as for the same case imported afresh', async () => {
    // Status changes are analysed from the version before (only what they touch is redone);
    // a second report with the changed statuses from its file is analysed from scratch.
    const changes = [
      ['need-to-know-access', 'degraded'],
      ['egress-monitor', 'failed'],
      ['deception-probes', 'in_place'],
      ['egress-monitor', 'in_place'],
      [FILE_PERMISSIONS, 'failed'],
    ] as const;
    for (const [key, status] of changes) {
      await data(
        `mutation { setMitigationStatus(report: "${R}", key: "${key}", status: ${status}) { key } }`,
      );
    }
    // Its export, under another key, is the same case as a report of its own.
    const { report } = await data<{ report: { exportCase: string } }>(
      `{ report(key: "${R}") { exportCase } }`,
    );
    const afresh = report.exportCase.replace(`key: ${R}`, 'key: pilot-afresh');
    expect(afresh).not.toBe(report.exportCase);
    expect((await t.gql(IMPORT, { document: afresh })).errors).toBeUndefined();
    const everything = (report: string) => `{
      report(key: "${report}") {
        pathways { key holds margin loadBearing { key } loadBearingEvidence { key } }
        claims { key holds margin loadBearing { key } }
        mitigations { key holds loadBearingFor { key } loadBearingForClaims { key } }
      }
      roadmap(report: "${report}", order: perEffort) { rank cost mitigation { key } bundle { key } pathwaysStrengthened { key } newlyHolding { key } }
      plan(report: "${report}", budget: 30) { spent steps { step cumulativeArgumentsStrengthened item { mitigation { key } } } }
      whatBreaks(report: "${report}", failed: ["incident-paging", "${FILE_PERMISSIONS}"]) { brokenPathways { key } brokenClaims { key } weakened { key before after } }
      cutSets(report: "${report}", key: "developer-leaks") { total completeToOrder sets { keys } }
      loadBearingMatrix(report: "${report}") { columns { pathway { key } holds margin } rows { mitigation { key } cells } }
    }`;
    const changed = await data<Record<string, unknown>>(everything(R));
    expect(changed).toEqual(await data(everything('pilot-afresh')));
    expect(JSON.stringify(changed)).toContain('"holds":false');
  });

  it.each([
    [
      'an unknown report',
      `{ whatBreaks(report: "nope", failed: []) { exact } }`,
      'NOT_FOUND',
      "no report 'nope'",
    ],
    [
      'an unknown failed key',
      `{ whatBreaks(report: "${R}", failed: ["nope"]) { exact } }`,
      'NOT_FOUND',
      "'nope'",
    ],
    [
      'a pathway as a failure',
      `{ whatBreaks(report: "${R}", failed: ["self-exfiltration"]) { exact } }`,
      'BAD_USER_INPUT',
      'self-exfiltration',
    ],
    [
      'cut sets of a mitigation',
      `{ cutSets(report: "${R}", key: "${FILE_PERMISSIONS}") { total } }`,
      'BAD_USER_INPUT',
      FILE_PERMISSIONS,
    ],
    [
      'cut sets of an unknown key',
      `{ cutSets(report: "${R}", key: "nope") { total } }`,
      'NOT_FOUND',
      "'nope'",
    ],
    [
      'maxOrder 0',
      `{ roadmap(report: "${R}", maxOrder: 0) { rank } }`,
      'BAD_USER_INPUT',
      'maxOrder',
    ],
    [
      'maxOrder 9',
      `{ whatBreaks(report: "${R}", failed: [], maxOrder: 9) { exact } }`,
      'BAD_USER_INPUT',
      'maxOrder',
    ],
    [
      'a negative budget',
      `{ plan(report: "${R}", budget: -1) { spent } }`,
      'BAD_USER_INPUT',
      'budget',
    ],
    [
      'a negative limit',
      `{ roadmap(report: "${R}", limit: -1) { rank } }`,
      'BAD_USER_INPUT',
      'limit',
    ],
  ])('refuses %s', async (_name, query, code, named) => {
    const res = await t.gql(query);
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(res.errors?.[0].message).toContain(named);
  });
});
