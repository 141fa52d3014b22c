import { parseCaseFile } from '../../src/core/case-format/parse-case-file';
import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT } from '../utils/fixtures';
import { createToken } from '../utils/tokens';

const R = 'scenarios';
const SECRET = 'ZZSECRET';

/*
 * SPEC §8's scenario, harm after 2h = 7200s:
 *   chain 0: egress-monitor detects (5m) → security-oncall responds (30m) → revocation (10m)
 *            = 300 + 1800 + 600 = 2700s ≤ 7200s: fast enough; response margin 7200 − 2700 = 4500s.
 *   chain 1: weekly-audit detects (3d) → revocation (10m) = 259200 + 600 = 259800s: too slow.
 * The claim exfil-stopped rests on the scenario alone, the pathway on the claim. A second
 * scenario illustrates a restricted pathway, so it is restricted too.
 */
const DOCUMENT = `format: loadbearing/v1
report:
  key: ${R}
  title: Scenarios
teams:
  - { key: security, name: Security }
  - { key: infra, name: Infrastructure }
pathways:
  - key: self-exfiltration
    title: Self-exfiltration
    supports: [exfil-stopped]
  - key: secret-pathway
    title: ${SECRET} pathway
    restricted: true
    supports: [sabotage-stopped]
claims:
  - key: exfil-stopped
    statement: An exfiltration is stopped in time.
    kind: monitoring
    supports: [weights-copied]
  - key: sabotage-stopped
    statement: Sabotage is stopped in time.
    kind: monitoring
    supports: [code-sabotaged]
mitigations:
  - { key: egress-monitor, title: Egress monitor, kind: monitoring, team: infra, status: in_place, dependsOn: [log-pipeline] }
  - { key: log-pipeline, title: Log pipeline, kind: infrastructure, team: infra, status: in_place }
  - { key: security-oncall, title: Security on-call, kind: process, team: security, status: in_place }
  - { key: credential-revocation, title: Credential revocation, kind: security, team: infra, status: in_place }
  - { key: weekly-audit, title: Weekly audit, kind: process, team: security, status: in_place }
scenarios:
  - key: weights-copied
    pathway: self-exfiltration
    title: The model copies a checkpoint to an external bucket
    description: Outside the organisation.
    timeToHarm: 2h
    chains:
      - steps:
          - { mitigation: egress-monitor, action: detects, latency: 5m, automatic: true }
          - { mitigation: security-oncall, team: security, action: responds, latency: 30m, paged: true }
          - { mitigation: credential-revocation, action: contains, latency: 10m }
      - steps:
          - { mitigation: weekly-audit, action: detects, latency: 3d }
          - { mitigation: credential-revocation, action: contains, latency: 10m }
  - key: code-sabotaged
    pathway: secret-pathway
    title: ${SECRET} sabotage
    description: ${SECRET} details
    timeToHarm: 1d
    chains:
      - steps:
          - { mitigation: security-oncall, action: responds, latency: 1h }
`;

const SCENARIOS = `{ report(key: "${R}") { scenarios {
  key nodeKind title description restricted timeToHarm pathway { key }
  holds margin fastestChain fastestLatency responseMargin slowChains loadBearing { key }
  supportOf { key }
  chains { index latency fastEnough holds
    steps { mitigation { key } team action latency automatic paged } }
} } }`;

const WHAT_BREAKS = `query($latencies: [LatencyOverrideInput!]) {
  whatBreaks(report: "${R}", failed: [], latencies: $latencies) {
    brokenPathways { key } brokenClaims { key } brokenScenarios { key } weakened { key } } }`;

interface WhatBreaksAnswer {
  whatBreaks: {
    brokenPathways: { key: string }[];
    brokenClaims: { key: string }[];
    brokenScenarios: { key: string }[];
    weakened: { key: string }[];
  };
}

describe('scenarios and response chains (SPEC §8)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: DOCUMENT })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  it('reports each scenario: holding, the fastest chain, the response margin, load-bearing steps, slow chains', async () => {
    const res = await t.gql<{ report: { scenarios: Record<string, unknown>[] } }>(SCENARIOS);
    expect(res.errors).toBeUndefined();
    const [weights, sabotage] = res.data!.report.scenarios;
    expect(weights).toEqual({
      key: 'weights-copied',
      nodeKind: 'scenario',
      title: 'The model copies a checkpoint to an external bucket',
      description: 'Outside the organisation.',
      restricted: false,
      timeToHarm: 7200,
      pathway: { key: 'self-exfiltration' },
      holds: true,
      // One chain holds: any one of its mitigations failing breaks the scenario.
      margin: 1,
      fastestChain: 0,
      fastestLatency: 2700,
      responseMargin: 4500,
      slowChains: [1],
      // The fast chain's three steps and the log pipeline the monitor depends on; not the audit.
      loadBearing: [
        { key: 'credential-revocation' },
        { key: 'egress-monitor' },
        { key: 'log-pipeline' },
        { key: 'security-oncall' },
      ],
      supportOf: [{ key: 'exfil-stopped' }],
      chains: [
        {
          index: 0,
          latency: 2700,
          fastEnough: true,
          holds: true,
          steps: [
            // No team of its own: the mitigation's.
            {
              mitigation: { key: 'egress-monitor' },
              team: 'infra',
              action: 'detects',
              latency: 300,
              automatic: true,
              paged: false,
            },
            {
              mitigation: { key: 'security-oncall' },
              team: 'security',
              action: 'responds',
              latency: 1800,
              automatic: false,
              paged: true,
            },
            {
              mitigation: { key: 'credential-revocation' },
              team: 'infra',
              action: 'contains',
              latency: 600,
              automatic: false,
              paged: false,
            },
          ],
        },
        {
          index: 1,
          latency: 259_800,
          fastEnough: false,
          holds: false,
          steps: [
            expect.objectContaining({ mitigation: { key: 'weekly-audit' }, latency: 259_200 }),
            expect.objectContaining({ mitigation: { key: 'credential-revocation' }, latency: 600 }),
          ],
        },
      ],
    });
    // 1d = 86400s; one chain of 1h = 3600s: margin 86400 − 3600.
    expect(sabotage).toMatchObject({ key: 'code-sabotaged', holds: true, responseMargin: 82_800 });
  });

  it('shows scenarios in the link fields: a claim’s supports, a pathway’s scenarios, node(key)', async () => {
    const res = await t.gql<{ report: Record<string, unknown> }>(`{ report(key: "${R}") {
      counts { scenarios }
      claims { key supports { key nodeKind ... on Scenario { holds } } }
      pathways { key holds margin scenarios { key } }
      node(key: "weights-copied") { key nodeKind ... on Scenario { title } }
    } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.report).toEqual({
      counts: { scenarios: 2 },
      claims: [
        {
          key: 'exfil-stopped',
          supports: [{ key: 'weights-copied', nodeKind: 'scenario', holds: true }],
        },
        {
          key: 'sabotage-stopped',
          supports: [{ key: 'code-sabotaged', nodeKind: 'scenario', holds: true }],
        },
      ],
      pathways: [
        {
          key: 'self-exfiltration',
          holds: true,
          margin: 1,
          scenarios: [{ key: 'weights-copied' }],
        },
        { key: 'secret-pathway', holds: true, margin: 1, scenarios: [{ key: 'code-sabotaged' }] },
      ],
      node: {
        key: 'weights-copied',
        nodeKind: 'scenario',
        title: 'The model copies a checkpoint to an external bucket',
      },
    });
  });

  it('whatBreaks with latencies: the on-call not paged (30m becomes 4h) breaks the scenario and the pathway', async () => {
    // 300 + 14400 + 600 = 15300s > 7200s, and the audit chain was too slow already.
    for (const latency of ['4h', '14400']) {
      const res = await t.gql<WhatBreaksAnswer>(WHAT_BREAKS, {
        latencies: [{ mitigation: 'security-oncall', latency }],
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.whatBreaks).toEqual({
        brokenPathways: [{ key: 'self-exfiltration' }],
        brokenClaims: [{ key: 'exfil-stopped' }],
        // code-sabotaged: 4h ≤ 1d still.
        brokenScenarios: [{ key: 'weights-copied' }],
        weakened: [],
      });
    }
    // Failing a step's mitigation breaks its scenario too.
    const failed = await t.gql<WhatBreaksAnswer>(
      `{ whatBreaks(report: "${R}", failed: ["credential-revocation"]) { brokenPathways { key } brokenClaims { key } brokenScenarios { key } weakened { key } } }`,
    );
    expect(failed.data!.whatBreaks.brokenScenarios).toEqual([{ key: 'weights-copied' }]);
  });

  it('refuses a latency that is no duration, or for what is no mitigation, naming the key', async () => {
    for (const [override, code, named] of [
      [
        { mitigation: 'security-oncall', latency: '4 hours' },
        'BAD_USER_INPUT',
        "'security-oncall'",
      ],
      [{ mitigation: 'exfil-stopped', latency: '1h' }, 'BAD_USER_INPUT', "'exfil-stopped'"],
      // As an unknown key in failed.
      [{ mitigation: 'pager', latency: '1h' }, 'NOT_FOUND', "'pager'"],
    ] as const) {
      const res = await t.gql(WHAT_BREAKS, { latencies: [override] });
      expect(res.errors?.[0].extensions?.code).toBe(code);
      expect(res.errors?.[0].message).toContain(named);
    }
  });

  it('exports the scenarios as imported, and importing the export again is no new version', async () => {
    const exported = await t.gql<{ report: { exportCase: string } }>(
      `{ report(key: "${R}") { exportCase } }`,
    );
    const document = exported.data!.report.exportCase;
    expect(parseCaseFile({ text: document }).case).toEqual(parseCaseFile({ text: DOCUMENT }).case);
    const again = await t.gql(IMPORT, { document, replace: true });
    expect(again.data).toEqual({ importCase: { key: R, version: 1 } });
  });

  it('redacts a scenario of a restricted pathway for a token without clearance', async () => {
    const viewer = (await createToken(t, { role: 'viewer', name: 'uncleared' })).token;
    const query = `{ report(key: "${R}") { scenarios { key restricted title description
      chains { holds steps { mitigation { key } } } } } }`;
    const uncleared = await t.gqlAs<{ report: { scenarios: Record<string, unknown>[] } }>(
      viewer,
      query,
    );
    expect(uncleared.errors).toBeUndefined();
    expect(JSON.stringify(uncleared.data)).not.toContain(SECRET);
    expect(uncleared.data!.report.scenarios[1]).toEqual({
      key: 'code-sabotaged',
      restricted: true,
      title: '[restricted]',
      description: null,
      // Its place and analysis stay visible, as for other restricted nodes.
      chains: [{ holds: true, steps: [{ mitigation: { key: 'security-oncall' } }] }],
    });
    expect(uncleared.data!.report.scenarios[0]).toMatchObject({ restricted: false });
    const cleared = await t.gql<{ report: { scenarios: { title: string }[] } }>(query);
    expect(cleared.data!.report.scenarios[1].title).toBe(`${SECRET} sabotage`);
  });

  it('carries a renamed mitigation and team into the steps that name them', async () => {
    const renamed = await t.gql(`mutation {
      updateMitigation(report: "${R}", key: "security-oncall", input: { key: "sec-oncall" }) { key }
      updateTeam(report: "${R}", key: "security", input: { key: "sec" }) { key }
    }`);
    expect(renamed.errors).toBeUndefined();
    const res = await t.gql<{
      report: {
        scenarios: { chains: { steps: { mitigation: { key: string }; team: string }[] }[] }[];
      };
    }>(`{ report(key: "${R}") { scenarios { chains { steps { mitigation { key } team } } } } }`);
    expect(res.data!.report.scenarios[0].chains[0].steps[1]).toEqual({
      mitigation: { key: 'sec-oncall' },
      team: 'sec',
    });
    const exported = await t.gql<{ report: { exportCase: string } }>(
      `{ report(key: "${R}") { exportCase } }`,
    );
    const scenarios = parseCaseFile({ text: exported.data!.report.exportCase }).case!.scenarios!;
    expect(scenarios[0].chains[0].steps[1]).toMatchObject({
      mitigation: 'sec-oncall',
      team: 'sec',
    });
    expect(scenarios[1].chains[0].steps[0]).toMatchObject({ mitigation: 'sec-oncall' });
  });

  it('diffs the scenarios of two reports: a chain re-timed, a scenario added', async () => {
    // The next report: the egress monitor detects in 1h instead of 5m, and one more scenario.
    const next = DOCUMENT.replace(`key: ${R}`, 'key: scenarios-next')
      .replace(
        '{ mitigation: egress-monitor, action: detects, latency: 5m, automatic: true }',
        '{ mitigation: egress-monitor, action: detects, latency: 1h, automatic: true }',
      )
      .concat(
        [
          '  - key: tunnel-opened',
          '    pathway: self-exfiltration',
          '    title: A tunnel out',
          '    timeToHarm: 1d',
          '    chains:',
          '      - steps:',
          '          - { mitigation: egress-monitor, action: detects, latency: 1h }',
          '',
        ].join('\n'),
      );
    // Against the document as first imported (the tests above renamed some of R's keys).
    const base = DOCUMENT.replace(`key: ${R}`, 'key: scenarios-base');
    for (const document of [base, next]) {
      expect((await t.gql(IMPORT, { document })).errors).toBeUndefined();
    }
    const res = await t.gql<{
      diffReports: {
        scenarios: {
          added: string[];
          removed: string[];
          changed: { key: string; changes: { field: string; before: string; after: string }[] }[];
        };
        summary: { structuralChanges: number };
      };
    }>(
      `{ diffReports(from: "scenarios-base", to: "scenarios-next") {
          scenarios { added removed changed { key changes { field before after } } }
          summary { structuralChanges } } }`,
    );
    expect(res.errors).toBeUndefined();
    const { scenarios } = res.data!.diffReports;
    expect(scenarios.added).toEqual(['tunnel-opened']);
    expect(scenarios.removed).toEqual([]);
    expect(scenarios.changed.map((c) => c.key)).toEqual(['weights-copied']);
    // 2700s before; the detection now takes 3600s instead of 300s.
    expect(scenarios.changed[0].changes).toContainEqual({
      field: 'chain#1.latency',
      before: '2700',
      after: '6000',
    });
  });
});
