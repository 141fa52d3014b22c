import { buildAnalysisGraph, quantifyReport } from '../../src/core/analysis';
import { parseCaseFile } from '../../src/core/case-format/parse-case-file';
import { readCaseInput } from '../../src/core/case-input/read-case-input';
import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';

// The spec example with a probability on every control and on the evidence.
const WITH_PROBABILITIES = SPEC_EXAMPLE.replace(
  /(\n\s+)status: (in_place|planned)/g,
  '$1status: $2$1probability: 0.05',
).replace('status: valid', 'status: valid\n    probability: 0.2');
const R = 'pilot-2025';

describe('quantitative analysis over GraphQL (SPEC §3.6, §9)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: WITH_PROBABILITIES })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  async function data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await t.gql<T>(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data!;
  }

  it('answers each pathway’s and claim’s failure probability as the core computes it', async () => {
    const { report } = await data<{
      report: {
        pathways: {
          key: string;
          probability: { exact: number; rareEvent: number; mcub: number };
        }[];
        claims: {
          key: string;
          probability: { exact: number; defaultProbabilityUsedBy: string[] };
        }[];
        mitigations: { key: string; probability: number | null }[];
      };
    }>(`{ report(key: "${R}") {
      pathways { key probability { exact rareEvent mcub } }
      claims { key probability { exact defaultProbabilityUsedBy } }
      mitigations { key probability }
    } }`);
    const expected = quantifyReport({
      graph: buildAnalysisGraph({ case: parseCaseFile({ text: WITH_PROBABILITIES }).case! }),
      maxOrder: 4,
    });
    for (const p of report.pathways) {
      expect(p.probability).toEqual(expected.probability(p.key));
      expect(p.probability.exact).toBeGreaterThan(0);
    }
    for (const c of report.claims) {
      expect(c.probability.exact).toBe(expected.probability(c.key).exact);
      expect(c.probability.defaultProbabilityUsedBy).toEqual([]);
    }
    expect(report.mitigations.find((m) => m.key === 'egress-monitor')?.probability).toBe(0.05);
  });

  it('ranks the importance of every event for a pathway', async () => {
    const { importance } = await data<{
      importance: {
        key: string;
        node: { nodeKind: string };
        mif: number;
        raw: number;
        rrw: number;
      }[];
    }>(
      `{ importance(report: "${R}", pathway: "self-exfiltration") { key node { nodeKind } mif raw rrw } }`,
    );
    expect(importance.map((i) => i.key)).toEqual([
      'alignment-audit',
      'egress-monitor',
      'log-pipeline',
      'weight-file-permissions',
    ]);
    for (const i of importance) {
      expect(i.mif).toBeGreaterThan(0);
      expect(i.raw).toBeGreaterThanOrEqual(1);
    }
    const bad = await t.gql(`{ importance(report: "${R}", pathway: "egress-monitor") { key } }`);
    expect(bad.errors?.[0]).toMatchObject({
      message: "'egress-monitor' is no pathway or claim",
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('ranks the roadmap by risk reduction, and plan refuses that order', async () => {
    const { roadmap } = await data<{
      roadmap: {
        rank: number;
        mitigation: { key: string };
        riskReduction: number;
        argumentsStrengthened: number;
      }[];
    }>(
      `{ roadmap(report: "${R}", order: RISK_REDUCTION) { rank mitigation { key } riskReduction argumentsStrengthened } }`,
    );
    expect(roadmap).toEqual([
      expect.objectContaining({ rank: 1, mitigation: { key: 'interp-probes' } }),
    ]);
    expect(roadmap[0].riskReduction).toBeGreaterThan(0);
    const plan = await t.gql(
      `{ plan(report: "${R}", budget: 10, order: RISK_REDUCTION) { spent } }`,
    );
    expect(plan.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('needs a probability for every event, or a default that the answer names', async () => {
    expect(
      (
        await t.gql(
          `mutation { updateMitigation(report: "${R}", key: "log-pipeline", input: { probability: null }) { probability } }`,
        )
      ).data,
    ).toEqual({ updateMitigation: { probability: null } });
    const refused = await t.gql(`{ report(key: "${R}") { pathways { probability { exact } } } }`);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(refused.errors?.[0].message).toContain("'log-pipeline'");
    const { report } = await data<{
      report: { pathways: { probability: { defaultProbabilityUsedBy: string[] } }[] };
    }>(
      `{ report(key: "${R}") { pathways { probability(defaultProbability: 0.1) { defaultProbabilityUsedBy } } } }`,
    );
    expect(report.pathways[0].probability.defaultProbabilityUsedBy).toEqual(['log-pipeline']);

    const outOfRange = await t.gql(
      `mutation { updateMitigation(report: "${R}", key: "log-pipeline", input: { probability: 1.5 }) { probability } }`,
    );
    expect(outOfRange.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      (
        await t.gql(
          `mutation { updateMitigation(report: "${R}", key: "log-pipeline", input: { probability: 0.05 }) { probability } }`,
        )
      ).data,
    ).toEqual({ updateMitigation: { probability: 0.05 } });
  });

  it('exports Open-PSA MEF that reads back to the same pathways', async () => {
    const { report } = await data<{ report: { exportCase: string } }>(
      `{ report(key: "${R}") { exportCase(format: OPEN_PSA_MEF) } }`,
    );
    expect(report.exportCase).toContain('<define-fault-tree');
    const { case: back } = readCaseInput({ fileName: 'export.xml', text: report.exportCase });
    expect(back?.pathways.map((p) => p.key)).toContain('self-exfiltration');
    expect(back?.mitigations.find((m) => m.key === 'egress-monitor')?.probability).toBe(0.05);
  });
});
