import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  Kind,
  parse,
  type OperationDefinitionNode,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import request from 'supertest';
import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';
import { collect, subscribe } from '../utils/subscriptions';
import { createToken } from '../utils/tokens';

const R = 'pilot-2025';
const SECRET = 'ZZSECRET';

/**
 * The SPEC example with a restricted mitigation and a restricted claim, their text marked, and a
 * scenario with a step on the restricted mitigation.
 */
const DOCUMENT = `${SPEC_EXAMPLE}scenarios:
  - key: weights-copied
    pathway: self-exfiltration
    title: Weights copied out
    timeToHarm: 2h
    chains:
      - steps:
          - { mitigation: weight-file-permissions, action: detects, latency: 5m }
`
  .replace(
    'title: Weight storage readable only by the serving service account',
    `title: ${SECRET} weight storage control\n    description: ${SECRET} where the weights live\n    restricted: true`,
  )
  .replace(
    'statement: An exfiltration attempt would be detected and stopped in time.',
    `statement: ${SECRET} exfiltration is detected\n    restricted: true`,
  );

/** The next report: previous is the pilot, the restricted control retitled, the audit restricted and stale. */
const NEXT = 'pilot-next';
const NEXT_DOCUMENT = DOCUMENT.replace(`key: ${R}`, `key: ${NEXT}`)
  .replace('previous: null ', `previous: ${R}`)
  .replace(`${SECRET} weight storage control`, `${SECRET} weight storage control, second edition`)
  .replace(
    'title: Pre-deployment alignment audit\n    status: valid',
    `title: ${SECRET} alignment audit\n    status: stale\n    restricted: true`,
  );

const NODE_TEXT = `
  key restricted description
  ... on Pathway { title }
  ... on Claim { statement }
  ... on Mitigation { title history { note } }
  ... on Evidence { title }
  ... on Scenario { title }
`;

/** Every query that can reach a node's text, each as a raw HTTP body. */
const QUERIES: Record<string, string> = {
  nested: `{ report(key: "${R}") {
    pathways { title description gathering { pathway { title description } } loadBearing { title description } supports { ${NODE_TEXT} ... on Claim { supports { ${NODE_TEXT} } } } }
    claims { statement description supportOf { ${NODE_TEXT} } loadBearing { title description } }
    mitigations { title description history { note } supportOf { ${NODE_TEXT} } dependsOn { title }
      dependents { title } loadBearingFor { title } loadBearingForClaims { statement description } }
    evidence { title description supportOf { ${NODE_TEXT} } }
    scenarios { title description pathway { title description } supportOf { ${NODE_TEXT} }
      loadBearing { title description } chains { steps { mitigation { title description } confirmed { by at note } } } }
    gatheringProgress { pathway { title description } scenarios steps confirmed }
    teams { mitigations { title description } }
    node(key: "weight-file-permissions") { ${NODE_TEXT} }
    history { key note }
    reviews { findings { node body replies { body } } }
    informationRequests { question answer nodes evidence }
    diagram(format: SVG, pathway: "self-exfiltration")
    dot: diagram(format: DOT, pathway: "self-exfiltration", failed: ["weight-file-permissions"])
    mermaid: diagram(format: MERMAID, pathway: "self-exfiltration")
  } }`,
  whatBreaks: `{ whatBreaks(report: "${R}", failed: ["weight-file-permissions", "log-pipeline"]) {
    alsoFailed { title description } brokenPathways { key title } brokenClaims { key statement description }
    brokenScenarios { title description chains { steps { mitigation { title description } } } }
    weakened { key before after node { ${NODE_TEXT} } } } }`,
  roadmap: `{ roadmap(report: "${R}") { mitigation { title } bundle { title }
    claimsStrengthened { statement } newlyHoldingClaims { statement } } }`,
  plan: `{ plan(report: "${R}", budget: 100) { steps { item { mitigation { title } claimsStrengthened { statement } } } } }`,
  cutSets: `{ cutSets(report: "${R}", key: "self-exfiltration") { sets { keys members { ${NODE_TEXT} } } } }`,
  matrix: `{ loadBearingMatrix(report: "${R}") { rows { cells mitigation { title description } } } }`,
  reports: `{ reports { key pathways { title supports { ${NODE_TEXT} } } mitigations { title description } } }`,
  importance: `{ importance(report: "${R}", pathway: "self-exfiltration", defaultProbability: 0.1) {
    key node { ${NODE_TEXT} } } }`,
  diffReports: `{ diffReports(from: "${R}", to: "${NEXT}") {
    structure { changed { key changes { field before after } } } } }`,
  exportReview: `{ exportReview(report: "${R}", review: "rv") }`,
  reviewImpact: `{ reviewImpact(report: "${R}", review: "rv") { brokenPathways { title description }
    brokenClaims { statement description } weakened { key node { ${NODE_TEXT} } } } }`,
  readiness: `{ readiness(report: "${NEXT}") { pathwaysNotHolding { title } claimsNotHolding { statement description }
    evidenceToRedo { evidence { title description } }
    plan { evidence { title description } claimsRestored { statement } newlyHoldingClaims { statement } } } }`,
};

/** Queries that reach no node's text, and why; every other Query field must be in QUERIES. */
const NO_NODE_TEXT: Record<string, string> = {
  me: 'the token itself',
  accessTokens: 'token names and grants',
  auditLog: 'tested below, with every mutation',
  checkCase: 'the document the caller sent, not stored data',
};

/** Queries whose answer holds the secret for a token with clearance (so the check above bites). */
const SECRET_FOR_CLEARED = [
  'nested',
  'reports',
  'importance',
  'diffReports',
  'readiness',
  'reviewImpact',
  'exportReview',
];

describe('redaction of restricted nodes', () => {
  let t: TestApp;
  let viewer: string;
  let cleared: string;
  let unclearedEditor: string;
  /** Reviewer tokens bound to the redacted review and to the full one. */
  let redactedReviewer: string;
  let fullReviewer: string;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: DOCUMENT })).errors).toBeUndefined();
    expect((await t.gql(IMPORT, { document: NEXT_DOCUMENT })).errors).toBeUndefined();
    // A review's finding on the restricted control, and a reply in its thread.
    for (const mutation of [
      `createReview(report: "${R}", input: { key: "rv", title: "R", reviewer: "X", kind: external, clearance: full }) { key }`,
      `addFinding(report: "${R}", review: "rv", input: { node: "weight-file-permissions", kind: comment, body: "${SECRET} finding" }) { number }`,
      `replyToFinding(report: "${R}", review: "rv", finding: 1, body: "${SECRET} reply") { id }`,
      // A defeater that breaks the restricted claim (the impact names it, redacted).
      `addFinding(report: "${R}", review: "rv", input: { node: "weight-file-permissions", kind: defeater, defeats: undermining, body: "b" }) { number }`,
      // A request about the restricted control, and its answer.
      `createInformationRequest(report: "${R}", review: "rv", input: { team: "security", question: "${SECRET} question", nodes: ["weight-file-permissions"], dueAt: "2099-01-01T00:00:00Z" }) { number }`,
      `answerInformationRequest(report: "${R}", request: 1, input: { answer: "${SECRET} answer" }) { number }`,
      // A redacted review: its tokens see what a token without clearance does; on it, a finding
      // and an unanswered request about the restricted control.
      `createReview(report: "${R}", input: { key: "rv-redacted", title: "R", reviewer: "Y", kind: external, clearance: redacted }) { key }`,
      `addFinding(report: "${R}", review: "rv-redacted", input: { node: "weight-file-permissions", kind: comment, body: "${SECRET} redacted-review finding" }) { number }`,
      `createInformationRequest(report: "${R}", review: "rv-redacted", input: { team: "security", question: "${SECRET} unanswered", nodes: ["weight-file-permissions"], dueAt: "2099-01-01T00:00:00Z" }) { number }`,
      // A team's word about the step on the restricted control.
      `confirmStep(report: "${R}", scenario: "weights-copied", chain: 1, step: 1, note: "${SECRET} confirmed") { number }`,
    ]) {
      expect((await t.gql(`mutation { ${mutation} }`)).errors).toBeUndefined();
    }
    for (const status of ['degraded', 'in_place']) {
      const res = await t.gql(
        `mutation { setMitigationStatus(report: "${R}", key: "weight-file-permissions", status: ${status}, note: "${SECRET} incident") { key } }`,
      );
      expect(res.errors).toBeUndefined();
    }
    viewer = (await createToken(t, { role: 'viewer', name: 'external reviewer' })).token;
    cleared = (await createToken(t, { role: 'viewer', name: 'internal', clearance: true })).token;
    unclearedEditor = (await createToken(t, { role: 'editor', name: 'contractor' })).token;
    const reviewer = (review: string) =>
      createToken(t, { role: 'reviewer', name: review, report: R, review }).then((c) => c.token);
    redactedReviewer = await reviewer('rv-redacted');
    fullReviewer = await reviewer('rv');
  });
  afterAll(() => t.close());

  const raw = (token: string, query: string) =>
    request(t.http)
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .send({ query })
      .then((res) => res.text);

  it.each(Object.keys(QUERIES))(
    'never shows restricted text to a token without clearance (%s), while a cleared token sees it',
    async (name) => {
      const hidden = await raw(viewer, QUERIES[name]);
      expect(JSON.parse(hidden)).not.toHaveProperty('errors');
      expect(hidden).not.toContain(SECRET);
      if (SECRET_FOR_CLEARED.includes(name)) {
        expect(await raw(cleared, QUERIES[name])).toContain(SECRET);
        expect(hidden).toContain('[restricted]');
      }
    },
  );

  // A review's token reads its report only, and its own review's findings and impact.
  const OF_ITS_REPORT = Object.keys(QUERIES).filter(
    (name) => !['diffReports', 'readiness', 'exportReview', 'reviewImpact'].includes(name),
  );

  it.each(OF_ITS_REPORT)(
    "lets a review's clearance decide what its tokens see (%s)",
    async (name) => {
      const hidden = await raw(redactedReviewer, QUERIES[name]);
      expect(JSON.parse(hidden)).not.toHaveProperty('errors');
      expect(hidden).not.toContain(SECRET);
      const shown = await raw(fullReviewer, QUERIES[name]);
      expect(JSON.parse(shown)).not.toHaveProperty('errors');
      if (SECRET_FOR_CLEARED.includes(name)) {
        expect(shown).toContain(SECRET);
        expect(hidden).toContain('[restricted]');
      }
    },
  );

  it("shows a redacted review's token its own finding and request about a restricted node, redacted", async () => {
    const res = JSON.parse(
      await raw(
        redactedReviewer,
        `{ report(key: "${R}") { reviews { key findings { node body } } informationRequests { review question answer } } }`,
      ),
    ) as { data: { report: unknown } };
    expect(res.data.report).toEqual({
      reviews: [
        {
          key: 'rv-redacted',
          findings: [{ node: 'weight-file-permissions', body: '[restricted]' }],
        },
      ],
      // Not answered yet: the answer is null, not a redacted one.
      informationRequests: [{ review: 'rv-redacted', question: '[restricted]', answer: null }],
    });
  });

  it("exports a redacted review's document redacted to its own token, and refuses it another review's", async () => {
    const own = JSON.parse(
      await raw(redactedReviewer, `{ exportReview(report: "${R}", review: "rv-redacted") }`),
    ) as { data: { exportReview: string } };
    expect(own.data.exportReview).toContain('rv-redacted');
    const other = await raw(redactedReviewer, QUERIES.exportReview);
    expect(other).not.toContain(SECRET);
    expect(JSON.parse(other)).toMatchObject({
      errors: [{ message: 'this token is for another review', extensions: { code: 'FORBIDDEN' } }],
    });
    expect(await raw(fullReviewer, QUERIES.exportReview)).toContain(SECRET);
  });

  it('covers every query of the served schema, so a new one cannot skip this check', () => {
    const covered = Object.values(QUERIES).flatMap((query) =>
      (parse(query).definitions[0] as OperationDefinitionNode).selectionSet.selections.map((s) =>
        s.kind === Kind.FIELD ? s.name.value : '',
      ),
    );
    const served = Object.keys(t.app.get(GraphQLSchemaHost).schema.getQueryType()!.getFields());
    expect(served.filter((name) => !covered.includes(name) && !(name in NO_NODE_TEXT))).toEqual([]);
  });

  it('answers the analyses the same with and without clearance', async () => {
    const answer = async (token: string) => {
      const res = await t.gqlAs(
        token,
        `{ whatBreaks(report: "${R}", failed: ["weight-file-permissions"]) {
            brokenPathways { key } brokenClaims { key } weakened { key before after } }
           report(key: "${R}") { pathways { key holds margin loadBearing { key } } claims { key restricted holds margin } } }`,
      );
      expect(res.errors).toBeUndefined();
      return res.data;
    };
    const seen = await answer(viewer);
    expect(seen).toEqual(await answer(cleared));
    expect(JSON.stringify(seen)).toContain('"key":"exfil-detected","restricted":true');
  });

  it('refuses the case file to a token without clearance', async () => {
    const res = await t.gqlAs(viewer, `{ report(key: "${R}") { exportCase } }`);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res)).not.toContain(SECRET);
    const full = await t.gqlAs<{ report: { exportCase: string } }>(
      cleared,
      `{ report(key: "${R}") { exportCase } }`,
    );
    expect(full.data!.report.exportCase).toContain('restricted: true');
    expect(full.data!.report.exportCase).toContain(SECRET);
  });

  it('hides the notes of a restricted node’s status changes from subscribers without clearance', async () => {
    const client = await subscribe(t, viewer);
    const events = collect<{ statusChanged: { key: string; note: string | null } }>(
      client,
      'subscription($r: String!) { statusChanged(report: $r) { key note } }',
      { r: R },
    );
    await events.started;
    await t.gql(
      `mutation { setMitigationStatus(report: "${R}", key: "weight-file-permissions", status: degraded, note: "${SECRET} again") { key } }`,
    );
    await t.gql(
      `mutation { setMitigationStatus(report: "${R}", key: "egress-monitor", status: degraded, note: "public note") { key } }`,
    );
    expect((await events.next(1)).statusChanged).toEqual({
      key: 'weight-file-permissions',
      note: null,
    });
    expect((await events.next(2)).statusChanged).toEqual({
      key: 'egress-monitor',
      note: 'public note',
    });
    events.dispose();
    await client.dispose();
  });

  it('hides those notes in argumentChanged too', async () => {
    const client = await subscribe(t, viewer);
    const events = collect<{
      argumentChanged: { changes: { key: string; note: string | null }[] };
    }>(
      client,
      'subscription($r: String!) { argumentChanged(report: $r) { changes { key note } } }',
      { r: R },
    );
    await events.started;
    await t.gql(
      `mutation { setMitigationStatus(report: "${R}", key: "weight-file-permissions", status: in_place, note: "${SECRET} fixed") { key } }`,
    );
    expect((await events.next(1)).argumentChanged.changes).toEqual([
      { key: 'weight-file-permissions', note: null },
    ]);
    events.dispose();
    await client.dispose();
  });

  it('hides the body of a new finding on a restricted node from subscribers without clearance', async () => {
    const client = await subscribe(t, viewer);
    const events = collect<{ findingAdded: { node: string; body: string } }>(
      client,
      'subscription($r: String!) { findingAdded(report: $r) { node body } }',
      { r: R },
    );
    await events.started;
    for (const node of ['weight-file-permissions', 'egress-monitor']) {
      const res = await t.gql(
        `mutation { addFinding(report: "${R}", review: "rv", input: { node: "${node}", kind: question, body: "${SECRET} on ${node}" }) { number } }`,
      );
      expect(res.errors).toBeUndefined();
    }
    expect((await events.next(1)).findingAdded).toEqual({
      node: 'weight-file-permissions',
      body: '[restricted]',
    });
    expect((await events.next(2)).findingAdded).toEqual({
      node: 'egress-monitor',
      body: `${SECRET} on egress-monitor`,
    });
    events.dispose();
    await client.dispose();
  });

  it('hides the answer to a request about a restricted node from subscribers without clearance', async () => {
    const client = await subscribe(t, viewer);
    const events = collect<{
      informationRequestAnswered: { number: number; question: string; answer: string };
    }>(
      client,
      'subscription($r: String!) { informationRequestAnswered(report: $r) { number question answer } }',
      { r: R },
    );
    await events.started;
    for (const nodes of ['["weight-file-permissions"]', '["egress-monitor"]']) {
      const asked = await t.gql<{ createInformationRequest: { number: number } }>(
        `mutation { createInformationRequest(report: "${R}", input: { team: "security", question: "q", nodes: ${nodes}, dueAt: "2099-01-01T00:00:00Z" }) { number } }`,
      );
      const number = asked.data!.createInformationRequest.number;
      const res = await t.gql(
        `mutation { answerInformationRequest(report: "${R}", request: ${number}, input: { answer: "${SECRET} answer" }) { number } }`,
      );
      expect(res.errors).toBeUndefined();
    }
    const first = (await events.next(1)).informationRequestAnswered;
    expect(first).toMatchObject({ question: '[restricted]', answer: '[restricted]' });
    const second = (await events.next(2)).informationRequestAnswered;
    expect(second).toMatchObject({ question: 'q', answer: `${SECRET} answer` });
    events.dispose();
    await client.dispose();
  });

  it('covers every subscription of the served schema', () => {
    // Each tested above; a new subscription must get its own test and be listed here.
    const tested = [
      'argumentChanged',
      'findingAdded',
      'informationRequestAnswered',
      'statusChanged',
    ];
    const served = t.app.get(GraphQLSchemaHost).schema.getSubscriptionType()!.getFields();
    expect(Object.keys(served).sort()).toEqual(tested);
  });

  it('lets an editor mark and unmark a node restricted', async () => {
    const mark = (restricted: boolean) =>
      t.gql<{ updateMitigation: { restricted: boolean } }>(
        `mutation { updateMitigation(report: "${R}", key: "egress-monitor", input: { restricted: ${restricted} }) { restricted } }`,
      );
    expect((await mark(true)).data!.updateMitigation.restricted).toBe(true);
    const hidden = await t.gqlAs<{ report: { node: { title: string } } }>(
      viewer,
      `{ report(key: "${R}") { node(key: "egress-monitor") { ... on Mitigation { title } } } }`,
    );
    expect(hidden.data!.report.node.title).toBe('[restricted]');
    expect((await mark(false)).data!.updateMitigation.restricted).toBe(false);
  });

  it('refuses to restrict or unrestrict any kind of node for an editor without clearance', async () => {
    const attempts = [
      `updateMitigation(report: "${R}", key: "weight-file-permissions", input: { restricted: false }) { title description }`,
      `updateClaim(report: "${R}", key: "exfil-detected", input: { restricted: false }) { statement description }`,
      `updateMitigation(report: "${R}", key: "log-pipeline", input: { restricted: true }) { title }`,
      `updatePathway(report: "${R}", key: "self-exfiltration", input: { restricted: true }) { title }`,
      `createEvidence(report: "${R}", input: { key: "new-audit", title: "x", status: valid, restricted: true }) { title }`,
    ];
    for (const attempt of attempts) {
      const res = await raw(unclearedEditor, `mutation { ${attempt} }`);
      const answer = JSON.parse(res) as { errors: { extensions: { code: string } }[] };
      expect(answer.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(res).not.toContain(SECRET);
    }
    const node = await t.gql<{ report: { node: { restricted: boolean } } }>(
      `{ report(key: "${R}") { node(key: "weight-file-permissions") { restricted } } }`,
    );
    expect(node.data!.report.node.restricted).toBe(true);
  });

  it('answers an uncleared editor’s change to a restricted node redacted', async () => {
    const res = await raw(
      unclearedEditor,
      `mutation { updateMitigation(report: "${R}", key: "weight-file-permissions", input: { effort: 3 }) { title description effort } }`,
    );
    const answer = JSON.parse(res) as { data: { updateMitigation: unknown } };
    expect(answer.data.updateMitigation).toEqual({
      title: '[restricted]',
      description: null,
      effort: 3,
    });
  });
});

/**
 * Every mutation of the served schema that writes into a report, called by a cleared owner with
 * every argument and input field filled: keys name a restricted node, every other string carries
 * the secret. Whatever each call did, an uncleared owner's audit log must not show the secret —
 * so a mutation added later with a new text argument is caught here without being listed.
 */
describe('redaction of the audit log', () => {
  const RESTRICTED_KEY = 'weight-file-permissions';
  /** Arguments that name a node or a link's end: given the restricted node's key. */
  const NODE_REFERENCES = new Set(['key', 'to', 'support', 'mitigation', 'dependsOn']);
  let t: TestApp;
  let uncleared: string;
  let cleared: string;
  let called: string[];
  /** The mutations called with at least one secret string. */
  const given = new Set<string>();
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: DOCUMENT })).errors).toBeUndefined();
    uncleared = (await createToken(t, { role: 'owner', name: 'uncleared owner' })).token;
    cleared = (await createToken(t, { role: 'owner', name: 'cleared owner', clearance: true }))
      .token;
    const mutations = Object.values(
      t.app.get(GraphQLSchemaHost).schema.getMutationType()!.getFields(),
    ).filter((f) => f.args.some((a) => a.name === 'report') || f.name === 'importCase');
    // Deletions last, so that the others meet the restricted node still there.
    mutations.sort(
      (a, b) => Number(a.name.startsWith('delete')) - Number(b.name.startsWith('delete')),
    );
    called = mutations.map((f) => f.name);
    for (const field of mutations) await callWithSecrets(field);
  });
  afterAll(() => t.close());

  async function callWithSecrets(field: GraphQLField<unknown, unknown>): Promise<void> {
    const declarations = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const call = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
    const variables = Object.fromEntries(
      field.args.map((a) => [a.name, secretValue(a.type, a.name, field.name)]),
    );
    await t.gql(`mutation(${declarations}) { ${field.name}(${call}) ${selection} }`, variables);
  }

  function secretValue(type: GraphQLInputType, name: string, path: string): unknown {
    if (isNonNullType(type)) return secretValue(type.ofType, name, path);
    if (isListType(type)) return [secretValue(type.ofType, name, path)];
    if (isEnumType(type)) return type.getValues()[0].value;
    if (isInputObjectType(type)) {
      return Object.fromEntries(
        Object.values(type.getFields()).map((f) => [
          f.name,
          secretValue(f.type, f.name, `${path}.${f.name}`),
        ]),
      );
    }
    if (name === 'report') return R;
    if (name === 'expectedVersion') return null;
    if (NODE_REFERENCES.has(name)) return RESTRICTED_KEY;
    const scalars: Record<string, unknown> = {
      Int: 1,
      Float: 0.5,
      Boolean: name === 'restricted',
      DateTime: '2030-01-01T00:00:00.000Z',
    };
    if (type.name in scalars) return scalars[type.name];
    given.add(path.split('.')[0]);
    return `${SECRET} ${path}.${name}`;
  }

  const auditAs = async (token: string) => {
    const res = await t.gqlAs<{ auditLog: { operation: string; arguments: string }[] }>(
      token,
      '{ auditLog(limit: 500) { operation arguments } }',
    );
    expect(res.errors).toBeUndefined();
    return res.data!.auditLog;
  };

  it('shows an uncleared owner every entry, with no restricted text in any', async () => {
    const entries = await auditAs(uncleared);
    expect(new Set(entries.map((e) => e.operation))).toEqual(
      new Set([...called, 'importCase', 'createAccessToken']),
    );
    for (const entry of entries) {
      expect({ operation: entry.operation, arguments: entry.arguments }).toEqual({
        operation: entry.operation,
        arguments: expect.not.stringContaining(SECRET) as unknown,
      });
    }
    expect(entries.map((e) => e.arguments).join()).toContain('"key":"weight-file-permissions"');
  });

  it('shows a cleared owner the arguments as given', async () => {
    const withSecret = (await auditAs(cleared)).filter((e) => e.arguments.includes(SECRET));
    expect(given.size).toBeGreaterThan(10);
    expect(new Set(withSecret.map((e) => e.operation))).toEqual(given);
  });

  it('shows an uncleared owner the text of changes to unrestricted nodes', async () => {
    await t.gql(
      `mutation { setMitigationStatus(report: "${R}", key: "egress-monitor", status: degraded, note: "public drill") { key } }`,
    );
    const [latest] = await auditAs(uncleared);
    expect(JSON.parse(latest.arguments)).toMatchObject({
      key: 'egress-monitor',
      note: 'public drill',
    });
  });
});
