import { parseCaseFile } from '../../src/core/case-format/parse-case-file';
import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT } from '../utils/fixtures';
import { createToken } from '../utils/tokens';

const R = 'gathering';
const COPY = 'gathering-copy';
const SECRET = 'ZZSECRET';

/*
 * Who acts in each step (the step's team, else its mitigation's):
 *   weights-copied (self-exfiltration)
 *     chain 1: 1 egress-monitor (infra), 2 security-oncall (security), 3 credential-revocation (infra)
 *     chain 2: 1 weekly-audit (security), 2 credential-revocation (infra)
 *   code-sabotaged (secret-pathway, restricted)
 *     chain 1: 1 security-oncall (security)
 */
const DOCUMENT = `format: loadbearing/v1
report:
  key: ${R}
  title: Gathering
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
  - key: no-scenarios
    title: A pathway without scenarios
    supports: [egress-monitor]
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
  - { key: egress-monitor, title: Egress monitor, kind: monitoring, team: infra, status: in_place }
  - { key: security-oncall, title: Security on-call, kind: process, team: security, status: in_place }
  - { key: credential-revocation, title: Credential revocation, kind: security, team: infra, status: in_place }
  - { key: weekly-audit, title: Weekly audit, kind: process, team: security, status: in_place }
scenarios:
  - key: weights-copied
    pathway: self-exfiltration
    title: The model copies a checkpoint to an external bucket
    timeToHarm: 2h
    chains:
      - steps:
          - { mitigation: egress-monitor, action: detects, latency: 5m, automatic: true }
          - { mitigation: security-oncall, action: responds, latency: 30m, paged: true }
          - { mitigation: credential-revocation, action: contains, latency: 10m }
      - steps:
          - { mitigation: weekly-audit, action: detects, latency: 3d }
          - { mitigation: credential-revocation, action: contains, latency: 10m }
  - key: code-sabotaged
    pathway: secret-pathway
    title: ${SECRET} sabotage
    timeToHarm: 1d
    chains:
      - steps:
          - { mitigation: security-oncall, action: responds, latency: 1h }
`;

interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}
interface Step {
  chain: number;
  number: number;
  team: string | null;
  confirmed: { by: string; at: string; note: string | null } | null;
}
interface Request {
  number: number;
  team: string;
  question: string;
  nodes: string[];
  state: string;
  review: string | null;
}

const CONFIRM = `mutation($report: String!, $scenario: String!, $chain: Int!, $step: Int!, $note: String) {
  confirmStep(report: $report, scenario: $scenario, chain: $chain, step: $step, note: $note) {
    chain number team confirmed { by at note } } }`;
const REQUEST = `mutation($review: String, $dueAt: DateTime) {
  requestStepConfirmations(report: "${R}", review: $review, dueAt: $dueAt) {
    number team question nodes state review } }`;
const PROGRESS = (report: string) => `{ report(key: "${report}") {
  gatheringProgress { pathway { key title } scenarios steps confirmed }
  pathways { key gathering { scenarios steps confirmed } } } }`;
const STEPS = (report: string) => `{ report(key: "${report}") { scenarios { key
  chains { steps { chain number team confirmed { by at note } } } } } }`;

describe('step confirmation and gathering progress (SPEC §8)', () => {
  let t: TestApp;
  let editor: string;
  let security: string;
  let viewer: string;
  const confirm = (
    token: string,
    scenario: string,
    chain: number,
    step: number,
    note?: string,
    report = R,
  ) =>
    t.gqlAs<{ confirmStep: Step }>(token, CONFIRM, {
      report,
      scenario,
      chain,
      step,
      note,
    }) as Promise<Answer<{ confirmStep: Step }>>;
  const progress = async (report = R) => {
    const res = await t.gql<{
      report: { gatheringProgress: unknown[]; pathways: { key: string; gathering: unknown }[] };
    }>(PROGRESS(report));
    expect(res.errors).toBeUndefined();
    return res.data!.report;
  };
  const stepsOf = async (report = R, token = t.adminToken) => {
    const res = await t.gqlAs<{
      report: { scenarios: { key: string; chains: { steps: Step[] }[] }[] };
    }>(token, STEPS(report));
    expect(res.errors).toBeUndefined();
    return res.data!.report.scenarios;
  };

  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: DOCUMENT })).errors).toBeUndefined();
    editor = (await createToken(t, { role: 'editor', name: 'Alice (editor)', clearance: true }))
      .token;
    security = (
      await createToken(t, {
        role: 'editor',
        name: 'security on-call',
        report: R,
        team: 'security',
      })
    ).token;
    viewer = (await createToken(t, { role: 'viewer', name: 'uncleared viewer' })).token;
  });
  afterAll(() => t.close());

  it('counts scenarios and steps per pathway, none confirmed yet', async () => {
    const before = await progress();
    expect(before.gatheringProgress).toEqual([
      {
        pathway: { key: 'self-exfiltration', title: 'Self-exfiltration' },
        scenarios: 1,
        steps: 5,
        confirmed: 0,
      },
      {
        pathway: { key: 'secret-pathway', title: `${SECRET} pathway` },
        scenarios: 1,
        steps: 1,
        confirmed: 0,
      },
      {
        pathway: { key: 'no-scenarios', title: 'A pathway without scenarios' },
        scenarios: 0,
        steps: 0,
        confirmed: 0,
      },
    ]);
    expect(before.pathways[0]).toEqual({
      key: 'self-exfiltration',
      gathering: { scenarios: 1, steps: 5, confirmed: 0 },
    });
    const steps = await stepsOf();
    expect(steps[0].chains[0].steps[1]).toEqual({
      chain: 1,
      number: 2,
      team: 'security',
      confirmed: null,
    });
  });

  it('lets an editor confirm any step: by the token, now, with the note', async () => {
    const before = Date.now();
    const res = await confirm(editor, 'weights-copied', 1, 1, 'Alerts page infra within 5m.');
    expect(res.errors).toBeUndefined();
    const step = res.data!.confirmStep;
    expect(step).toEqual({
      chain: 1,
      number: 1,
      team: 'infra',
      confirmed: {
        by: 'Alice (editor)',
        at: expect.any(String) as unknown,
        note: 'Alerts page infra within 5m.',
      },
    });
    const at = Date.parse(step.confirmed!.at);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("lets a team's token confirm the steps its team acts in, and no other", async () => {
    const own = await confirm(security, 'weights-copied', 1, 2);
    expect(own.errors).toBeUndefined();
    expect(own.data!.confirmStep).toMatchObject({
      team: 'security',
      confirmed: { by: 'security on-call', note: null },
    });
    const other = await confirm(security, 'weights-copied', 1, 3, 'not ours');
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(other.errors?.[0].message).toBe(
      'a token scoped to team security may only confirm the steps that team acts in (team infra acts in this one)',
    );
    // Nor may it change the scenarios otherwise.
    const edit = await t.gqlAs(
      security,
      `mutation { updateMitigation(report: "${R}", key: "security-oncall", input: { title: "x" }) { key } }`,
    );
    expect(edit.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await stepsOf())[0].chains[0].steps[2].confirmed).toBeNull();
  });

  it('answers NOT_FOUND naming a scenario or step that does not exist', async () => {
    const noScenario = await confirm(editor, 'no-such-scenario', 1, 1);
    expect(noScenario.errors?.[0]).toMatchObject({
      message: `no scenario 'no-such-scenario' in report '${R}'`,
      extensions: { code: 'NOT_FOUND' },
    });
    for (const [chain, step] of [
      [3, 1],
      [1, 4],
      [0, 1],
    ]) {
      const res = await confirm(editor, 'weights-copied', chain, step);
      expect(res.errors?.[0]).toMatchObject({
        message: `scenario 'weights-copied' has no chain ${chain} step ${step}`,
        extensions: { code: 'NOT_FOUND' },
      });
    }
    // A team's token learns no more about a step that is not there than about another team's.
    const missing = await confirm(security, 'weights-copied', 3, 1);
    expect(missing.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('counts the confirmed steps', async () => {
    const after = await progress();
    expect(after.gatheringProgress[0]).toMatchObject({ steps: 5, confirmed: 2 });
    expect(after.gatheringProgress[1]).toMatchObject({ steps: 1, confirmed: 0 });
    expect(after.pathways[0].gathering).toEqual({ scenarios: 1, steps: 5, confirmed: 2 });
  });

  it('exports the confirmations, and a report imported from the export has them', async () => {
    const exported = await t.gql<{ report: { exportCase: string } }>(
      `{ report(key: "${R}") { exportCase } }`,
    );
    const document = exported.data!.report.exportCase;
    expect(document).toContain('confirmed:');
    expect(document).toContain('by: Alice (editor)');
    const [weights] = parseCaseFile({ text: document }).case!.scenarios!;
    expect(weights.chains[0].steps[0].confirmed).toEqual({
      by: 'Alice (editor)',
      at: expect.any(String) as unknown,
      note: 'Alerts page infra within 5m.',
    });
    // The same content again is no new version.
    const current = await t.gql<{ report: { version: number } }>(
      `{ report(key: "${R}") { version } }`,
    );
    const again = await t.gql<{ importCase: { version: number } }>(IMPORT, {
      document,
      replace: true,
    });
    expect(again.data!.importCase.version).toBe(current.data!.report.version);
    const copy = await t.gql(IMPORT, { document: document.replace(`key: ${R}`, `key: ${COPY}`) });
    expect(copy.errors).toBeUndefined();
    expect(await stepsOf(COPY)).toEqual(await stepsOf(R));
    expect((await progress(COPY)).gatheringProgress).toEqual((await progress()).gatheringProgress);
  });

  it('asks each team, per scenario, to confirm its unconfirmed steps; asking again asks nothing', async () => {
    const res = await t.gql<{ requestStepConfirmations: Request[] }>(REQUEST, {});
    expect(res.errors).toBeUndefined();
    const requests = res.data!.requestStepConfirmations;
    expect(
      requests.map(({ team, nodes, state, review }) => ({ team, nodes, state, review })),
    ).toEqual([
      {
        team: 'infra',
        nodes: ['weights-copied', 'credential-revocation'],
        state: 'open',
        review: null,
      },
      { team: 'security', nodes: ['weights-copied', 'weekly-audit'], state: 'open', review: null },
      {
        team: 'security',
        nodes: ['code-sabotaged', 'security-oncall'],
        state: 'open',
        review: null,
      },
    ]);
    expect(requests[0].question).toBe(
      "Please confirm, for scenario 'weights-copied' (The model copies a checkpoint to an external bucket): " +
        'chain 1 step 3: credential-revocation contains within 10m; chain 2 step 2: credential-revocation contains within 10m',
    );
    expect(requests[1].question).toContain('chain 2 step 1: weekly-audit detects within 3d');
    expect(new Set(requests.map((r) => r.number)).size).toBe(3);

    const again = await t.gql<{ requestStepConfirmations: Request[] }>(REQUEST, {});
    expect(again.errors).toBeUndefined();
    expect(again.data!.requestStepConfirmations).toEqual([]);

    // Without clearance, the question about the restricted scenario reads [restricted].
    const seen = await t.gqlAs<{ report: { informationRequests: Request[] } }>(
      viewer,
      `{ report(key: "${R}") { informationRequests(team: "security") { nodes question } } }`,
    );
    expect(JSON.stringify(seen.data)).not.toContain(SECRET);
    expect(seen.data!.report.informationRequests[1]).toEqual({
      nodes: ['code-sabotaged', 'security-oncall'],
      question: '[restricted]',
    });
  });

  it("lets the team's token answer its request, then confirm; a viewer may not ask", async () => {
    const listed = await t.gqlAs<{ report: { informationRequests: Request[] } }>(
      security,
      `{ report(key: "${R}") { informationRequests(team: "security", state: open) { number nodes } } }`,
    );
    const request = listed.data!.report.informationRequests.find((r) =>
      r.nodes.includes('weekly-audit'),
    )!;
    const answered = await t.gqlAs<{ answerInformationRequest: { state: string } }>(
      security,
      `mutation { answerInformationRequest(report: "${R}", request: ${request.number}, input: { answer: "Yes, weekly." }) { state } }`,
    );
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.answerInformationRequest.state).toBe('answered');
    expect(
      (await confirm(security, 'weights-copied', 2, 1, 'Weekly, on Mondays.')).errors,
    ).toBeUndefined();
    // Security's steps of weights-copied are all confirmed now: nothing new to ask.
    const again = await t.gql<{ requestStepConfirmations: Request[] }>(REQUEST, {});
    expect(again.data!.requestStepConfirmations).toEqual([]);
    const refused = await t.gqlAs(viewer, REQUEST, {});
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('hides the note of a confirmation on a restricted scenario from a token without clearance', async () => {
    expect(
      (await confirm(security, 'code-sabotaged', 1, 1, `${SECRET} runbook`)).errors,
    ).toBeUndefined();
    const hidden = await stepsOf(R, viewer);
    expect(JSON.stringify(hidden)).not.toContain(SECRET);
    expect(hidden[1].chains[0].steps[0].confirmed).toMatchObject({
      by: 'security on-call',
      note: null,
    });
    expect(hidden[0].chains[0].steps[0].confirmed?.note).toBe('Alerts page infra within 5m.');
    const cleared = await stepsOf(R, editor);
    expect(cleared[1].chains[0].steps[0].confirmed?.note).toBe(`${SECRET} runbook`);
    // Its pathway reads [restricted] in the progress too; the numbers stay.
    const res = await t.gqlAs<{ report: { gatheringProgress: unknown[] } }>(viewer, PROGRESS(R));
    expect(res.data!.report.gatheringProgress[1]).toEqual({
      pathway: { key: 'secret-pathway', title: '[restricted]' },
      scenarios: 1,
      steps: 1,
      confirmed: 1,
    });
  });

  it('takes confirmations on a published report (its structure stays frozen), none on an archived one', async () => {
    const published = await t.gql(`mutation { publishReport(key: "${COPY}") { state } }`);
    expect(published.errors).toBeUndefined();
    const res = await confirm(editor, 'weights-copied', 1, 3, 'Revoked in 10m.', COPY);
    expect(res.errors).toBeUndefined();
    expect(res.data!.confirmStep.confirmed).toMatchObject({ note: 'Revoked in 10m.' });
    const structural = await t.gql(
      `mutation { updateMitigation(report: "${COPY}", key: "weekly-audit", input: { title: "Audit" }) { key } }`,
    );
    expect(structural.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(
      (await t.gql(`mutation { archiveReport(key: "${COPY}") { state } }`)).errors,
    ).toBeUndefined();
    const archived = await confirm(editor, 'weights-copied', 2, 2, undefined, COPY);
    expect(archived.errors?.[0]).toMatchObject({
      message: `report '${COPY}' is archived: it takes no changes`,
      extensions: { code: 'CONFLICT' },
    });
  });
});
