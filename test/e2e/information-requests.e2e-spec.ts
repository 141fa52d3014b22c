import request from 'supertest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';
import { rowCounts } from '../utils/row-counts';
import { collect, subscribe } from '../utils/subscriptions';
import { serverUrl } from '../utils/test-db';
import { createToken } from '../utils/tokens';

const R = 'pilot-2025';
const METRICS = 'metrics-secret';
const FUTURE = '2099-01-01T00:00:00.000Z';
/** The example with its file-permissions control restricted. */
const DOCUMENT = SPEC_EXAMPLE.replace(
  'title: Weight storage readable only by the serving service account',
  'title: Weight storage\n    restricted: true',
);

interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}
const codeOf = (res: Answer<unknown>) => res.errors?.map((e) => e.extensions?.code);
const messageOf = (res: Answer<unknown>) => res.errors?.map((e) => e.message);

interface Request {
  number: number;
  review: string | null;
  team: string;
  question: string;
  nodes: string[];
  dueAt: string;
  state: string;
  overdue: boolean;
  askedBy: string | null;
  answer: string | null;
  answeredBy: string | null;
  evidence: string[];
}
const FIELDS =
  'number review team question nodes dueAt state overdue askedBy answer answeredBy evidence';
const ASK = `mutation($review: String, $input: CreateInformationRequestInput!) {
  createInformationRequest(report: "${R}", review: $review, input: $input) { ${FIELDS} } }`;
const ANSWER = `mutation($request: Int!, $input: AnswerInformationRequestInput!) {
  answerInformationRequest(report: "${R}", request: $request, input: $input) { ${FIELDS} } }`;
const CLOSE = `mutation($request: Int!) {
  closeInformationRequest(report: "${R}", request: $request) { number state } }`;
const LIST = `query($state: InformationRequestState, $team: String, $review: String, $overdue: Boolean) {
  report(key: "${R}") { informationRequests(state: $state, team: $team, review: $review, overdue: $overdue) { number review team state overdue } } }`;

describe('information requests and review-bound tokens (SPEC §7)', () => {
  let t: TestApp;
  let reviewer: string;
  let security: string;
  let infra: string;
  let boundToA: string;
  beforeAll(async () => {
    t = await createTestApp({ metricsToken: METRICS });
    expect((await t.gql(IMPORT, { document: DOCUMENT })).errors).toBeUndefined();
    for (const [key, clearance] of [
      ['review-a', 'redacted'],
      ['review-b', 'full'],
    ]) {
      const res = await t.gql(
        `mutation { createReview(report: "${R}", input: { key: "${key}", title: "T", reviewer: "Org", kind: external, clearance: ${clearance} }) { key } }`,
      );
      expect(res.errors).toBeUndefined();
    }
    reviewer = (await createToken(t, { role: 'reviewer', name: 'outside reviewer' })).token;
    security = (await createToken(t, { role: 'editor', name: 'security team', team: 'security' }))
      .token;
    infra = (await createToken(t, { role: 'editor', name: 'infra team', team: 'infra' })).token;
    boundToA = (
      await createToken(t, { role: 'reviewer', name: 'reviewer A', report: R, review: 'review-a' })
    ).token;
  });
  afterAll(() => t.close());

  const ask = (token: string, input: Record<string, unknown>, review: string | null = null) =>
    t.gqlAs<{ createInformationRequest: Request }>(token, ASK, {
      review,
      input: { dueAt: FUTURE, nodes: [], ...input },
    });
  const list = (token: string, filter: Record<string, unknown> = {}) =>
    t.gqlAs<{ report: { informationRequests: Request[] } }>(token, LIST, filter).then((res) => {
      expect(res.errors).toBeUndefined();
      return res.data!.report.informationRequests;
    });

  it('asks a team, numbered in the report, open and not overdue', async () => {
    const asked = await ask(
      reviewer,
      { team: 'security', question: 'Who can read the weights?', nodes: ['egress-monitor'] },
      'review-b',
    );
    expect(asked.data?.createInformationRequest).toEqual({
      number: 1,
      review: 'review-b',
      team: 'security',
      question: 'Who can read the weights?',
      nodes: ['egress-monitor'],
      dueAt: FUTURE,
      state: 'open',
      overdue: false,
      askedBy: 'outside reviewer',
      answer: null,
      answeredBy: null,
      evidence: [],
    });
    // With no review: for the information gathering; to a team only mitigations name.
    const gathering = await ask(t.adminToken, { team: 'infra', question: 'Is the monitor paged?' });
    expect(gathering.data?.createInformationRequest).toMatchObject({
      number: 2,
      review: null,
      team: 'infra',
    });
    expect((await list(t.adminToken, { team: 'infra' })).map((r) => r.number)).toEqual([2]);
    expect((await list(t.adminToken, { review: 'review-b' })).map((r) => r.number)).toEqual([1]);
  });

  it('refuses a bad request with an error naming what is wrong, and writes nothing', async () => {
    const before = await rowCounts(t.dataSource);
    const cases: [Record<string, unknown>, string | null, string, string][] = [
      [
        { team: 'legal', question: 'q' },
        null,
        'NOT_FOUND',
        "report 'pilot-2025' has no team 'legal'",
      ],
      [
        { team: 'security', question: 'q', nodes: ['no-such-node'] },
        null,
        'NOT_FOUND',
        "report 'pilot-2025' has no node 'no-such-node'",
      ],
      [
        { team: 'security', question: '  \n ' },
        null,
        'BAD_USER_INPUT',
        'question must not be empty or only white space',
      ],
      [
        { team: 'security', question: 'q', dueAt: '2020-01-01T00:00:00Z' },
        null,
        'BAD_USER_INPUT',
        'dueAt must be in the future',
      ],
      [
        { team: 'security', question: 'q' },
        'no-such-review',
        'NOT_FOUND',
        "report 'pilot-2025' has no review 'no-such-review'",
      ],
    ];
    for (const [input, review, code, message] of cases) {
      const res = await ask(t.adminToken, input, review);
      expect(codeOf(res)).toEqual([code]);
      expect(messageOf(res)).toEqual([message]);
    }
    // A restricted node is, to a reviewer without clearance, one that does not exist.
    const hidden = await ask(reviewer, {
      team: 'security',
      question: 'q',
      nodes: ['weight-file-permissions'],
    });
    expect(messageOf(hidden)).toEqual([
      "report 'pilot-2025' has no node 'weight-file-permissions'",
    ]);
    // Team tokens answer; they do not ask.
    expect(codeOf(await ask(security, { team: 'security', question: 'q' }))).toEqual(['FORBIDDEN']);
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it("lets a team's token answer its team's requests, with evidence, and no other team's", async () => {
    const other = await t.gqlAs(infra, ANSWER, { request: 1, input: { answer: 'a' } });
    expect(codeOf(other)).toEqual(['FORBIDDEN']);
    expect(messageOf(other)).toEqual([
      "a token scoped to team infra may only answer that team's requests",
    ]);
    // A request that does not exist reads, to a team token, as another team's: nothing leaks.
    const missing = await t.gqlAs(infra, ANSWER, { request: 99, input: { answer: 'a' } });
    expect(messageOf(missing)).toEqual(messageOf(other));
    expect(messageOf(await t.gql(ANSWER, { request: 99, input: { answer: 'a' } }))).toEqual([
      "report 'pilot-2025' has no information request 99",
    ]);

    const badEvidence = await t.gqlAs(security, ANSWER, {
      request: 1,
      input: { answer: 'a', evidence: ['egress-monitor'] },
    });
    expect(codeOf(badEvidence)).toEqual(['BAD_USER_INPUT']);
    expect(messageOf(badEvidence)).toEqual([
      "'egress-monitor' of report 'pilot-2025' is a mitigation, not evidence",
    ]);
    expect(
      messageOf(
        await t.gqlAs(security, ANSWER, { request: 1, input: { answer: 'a', evidence: ['nope'] } }),
      ),
    ).toEqual(["report 'pilot-2025' has no evidence 'nope'"]);

    const answered = await t.gqlAs<{ answerInformationRequest: Request }>(security, ANSWER, {
      request: 1,
      input: { answer: 'Only the serving account.', evidence: ['alignment-audit'] },
    });
    expect(answered.data?.answerInformationRequest).toMatchObject({
      state: 'answered',
      answer: 'Only the serving account.',
      answeredBy: 'security team',
      evidence: ['alignment-audit'],
    });
    const again = await t.gqlAs(security, ANSWER, { request: 1, input: { answer: 'b' } });
    expect(codeOf(again)).toEqual(['BAD_USER_INPUT']);
    expect(messageOf(again)).toEqual([
      'information request 1 cannot be answered: it is answered already',
    ]);
  });

  it('shows overdue requests in the listing and as a gauge per report and team', async () => {
    await ask(t.adminToken, { team: 'infra', question: 'Late one' });
    await ask(t.adminToken, { team: 'security', question: 'Not due yet' });
    await t.dataSource.query(
      `UPDATE information_request SET due_at = now() - interval '1 day' WHERE number = 3`,
    );
    expect(await list(t.adminToken, { overdue: true })).toEqual([
      { number: 3, review: null, team: 'infra', state: 'open', overdue: true },
    ]);
    expect((await list(t.adminToken, { overdue: false })).map((r) => r.number)).toEqual([1, 2, 4]);
    const metrics = await request(t.http).get('/metrics').set('Authorization', `Bearer ${METRICS}`);
    expect(metrics.text).toContain(
      `loadbearing_information_requests_overdue{report="${R}",team="infra"} 1`,
    );
    expect(metrics.text).toContain(
      `loadbearing_information_requests_open{report="${R}",team="infra"} 2`,
    );
    // An open request not yet due: counted open, and overdue 0.
    expect(metrics.text).toContain(
      `loadbearing_information_requests_open{report="${R}",team="security"} 1`,
    );
    expect(metrics.text).toContain(
      `loadbearing_information_requests_overdue{report="${R}",team="security"} 0`,
    );
  });

  it('lets the asking side close a request; a closed one takes no answer', async () => {
    // A reviewer closes a review's request, not one of the information gathering: to it, that
    // one does not exist.
    expect((await t.gqlAs(reviewer, CLOSE, { request: 1 })).data).toEqual({
      closeInformationRequest: { number: 1, state: 'closed' },
    });
    expect(messageOf(await t.gqlAs(reviewer, CLOSE, { request: 2 }))).toEqual([
      "report 'pilot-2025' has no information request 2",
    ]);
    expect((await t.gql(CLOSE, { request: 2 })).data).toEqual({
      closeInformationRequest: { number: 2, state: 'closed' },
    });
    const late = await t.gqlAs(infra, ANSWER, { request: 2, input: { answer: 'a' } });
    expect(messageOf(late)).toEqual(['information request 2 cannot be answered: it is closed']);
    expect(messageOf(await t.gql(CLOSE, { request: 2 }))).toEqual([
      'information request 2 cannot be closed: it is closed',
    ]);
    expect(codeOf(await t.gqlAs(infra, CLOSE, { request: 3 }))).toEqual(['FORBIDDEN']);
  });

  describe('a reviewer token bound to one review', () => {
    it('is made for a reviewer of a report, with the review deciding its clearance', async () => {
      const make = (input: Record<string, unknown>) =>
        t.gql(
          `mutation($input: CreateAccessTokenInput!) { createAccessToken(input: $input) { accessToken { review clearance } } }`,
          { input: { name: 'x', role: 'reviewer', report: R, ...input } },
        );
      expect((await make({ review: 'review-b' })).data).toEqual({
        createAccessToken: { accessToken: { review: 'review-b', clearance: true } },
      });
      expect(messageOf(await make({ review: 'review-a', role: 'viewer' }))).toEqual([
        'only a reviewer token bound to a report can be bound to one of its reviews',
      ]);
      expect(codeOf(await make({ review: 'review-a', report: null }))).toEqual(['BAD_USER_INPUT']);
      expect(codeOf(await make({ review: 'review-a', clearance: true }))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(messageOf(await make({ review: 'nope' }))).toEqual([
        "report 'pilot-2025' has no review 'nope'",
      ]);
      const me = await t.gqlAs(boundToA, '{ me { review clearance } }');
      expect(me.data).toEqual({ me: { review: 'review-a', clearance: false } });
    });

    it('acts in its review only', async () => {
      const add = (review: string) =>
        t.gqlAs(
          boundToA,
          `mutation { addFinding(report: "${R}", review: "${review}", input: { node: "egress-monitor", kind: defeater, defeats: undermining, body: "b" }) { number } }`,
        );
      expect((await add('review-a')).errors).toBeUndefined();
      const other = await add('review-b');
      expect(codeOf(other)).toEqual(['FORBIDDEN']);
      expect(messageOf(other)).toEqual(['this token is for another review']);
      // Every operation that names a review, whether or not that review exists.
      for (const review of ['review-b', 'no-such-review']) {
        for (const operation of [
          `mutation { replyToFinding(report: "${R}", review: "${review}", finding: 1, body: "b") { id } }`,
          `mutation { transitionFinding(report: "${R}", review: "${review}", finding: 1, to: withdrawn) { number } }`,
          `{ reviewImpact(report: "${R}", review: "${review}") { defeaters } }`,
          `{ exportReview(report: "${R}", review: "${review}") }`,
        ]) {
          expect(messageOf(await t.gqlAs(boundToA, operation))).toEqual([
            'this token is for another review',
          ]);
        }
      }
      const reviews = await t.gqlAs<{ report: { reviews: { key: string }[] } }>(
        boundToA,
        `{ report(key: "${R}") { reviews { key } } }`,
      );
      expect(reviews.data!.report.reviews).toEqual([{ key: 'review-a' }]);
    });

    it("asks for its review, lists its review's requests, and closes no other's", async () => {
      const asked = await ask(boundToA, { team: 'security', question: 'From A' });
      expect(asked.data?.createInformationRequest).toMatchObject({ number: 5, review: 'review-a' });
      expect(codeOf(await ask(boundToA, { team: 'security', question: 'q' }, 'review-b'))).toEqual([
        'FORBIDDEN',
      ]);
      expect((await list(boundToA)).map((r) => r.number)).toEqual([5]);
      expect(await list(boundToA, { review: 'review-b' })).toEqual([]);
      // Another's request, open (3) or closed (1, of review-b), reads as one that does not exist.
      for (const request of [3, 1, 99]) {
        expect(messageOf(await t.gqlAs(boundToA, CLOSE, { request }))).toEqual([
          `report 'pilot-2025' has no information request ${request}`,
        ]);
      }
      const readiness = (token: string) =>
        t
          .gqlAs<{ readiness: { openRequests: { number: number }[] } }>(
            token,
            `{ readiness(report: "${R}") { openRequests { number } } }`,
          )
          .then((res) => res.data!.readiness.openRequests.map((r) => r.number));
      expect(await readiness(boundToA)).toEqual([5]);
      expect(await readiness(t.adminToken)).toEqual([3, 4, 5]);
      expect((await t.gqlAs(boundToA, CLOSE, { request: 5 })).errors).toBeUndefined();
    });

    it("applies its review's defeaters only, under findings:", async () => {
      // review-b rebuts the pathway; review-a only undermines the (redundant) monitor.
      const rebut = await t.gql(
        `mutation { addFinding(report: "${R}", review: "review-b", input: { node: "self-exfiltration", kind: defeater, defeats: rebutting, body: "b" }) { number } }`,
      );
      expect(rebut.errors).toBeUndefined();
      const holds = (token: string) =>
        t
          .gqlAs<{ report: { pathways: { key: string; holds: boolean }[] } }>(
            token,
            `{ report(key: "${R}", findings: OPEN_AND_ACCEPTED) { pathways { key holds } } }`,
          )
          .then((res) => res.data!.report.pathways.find((p) => p.key === 'self-exfiltration')!);
      expect(await holds(t.adminToken)).toEqual({ key: 'self-exfiltration', holds: false });
      expect(await holds(boundToA)).toEqual({ key: 'self-exfiltration', holds: true });
      // The matrix and the importance measures too (SPEC §3.8: every analysis query).
      const column = async (token: string, findings: string) =>
        (
          await t.gqlAs<{
            loadBearingMatrix: { columns: { pathway: { key: string }; holds: boolean }[] };
          }>(
            token,
            `{ loadBearingMatrix(report: "${R}", findings: ${findings}) { columns { pathway { key } holds } } }`,
          )
        ).data!.loadBearingMatrix.columns.find((c) => c.pathway.key === 'self-exfiltration')!.holds;
      expect(await column(t.adminToken, 'NONE')).toBe(true);
      expect(await column(t.adminToken, 'OPEN_AND_ACCEPTED')).toBe(false);
      expect(await column(boundToA, 'OPEN_AND_ACCEPTED')).toBe(true);
      const birnbaum = async (findings: string) =>
        (
          await t.gql<{ importance: { mif: number }[] }>(
            `{ importance(report: "${R}", pathway: "self-exfiltration", defaultProbability: 0.1, findings: ${findings}) { mif } }`,
          )
        ).data!.importance.map((m) => m.mif);
      const notHolding = async (findings: string) =>
        (
          await t.gql<{ readiness: { pathwaysNotHolding: { key: string }[] } }>(
            `{ readiness(report: "${R}", findings: ${findings}) { pathwaysNotHolding { key } } }`,
          )
        ).data!.readiness.pathwaysNotHolding.map((p) => p.key);
      expect(await notHolding('NONE')).toEqual([]);
      expect(await notHolding('OPEN_AND_ACCEPTED')).toEqual(['self-exfiltration']);
      // Rebutted, the pathway fails whatever any control does: no event matters.
      expect((await birnbaum('NONE')).some((mif) => mif > 0)).toBe(true);
      expect((await birnbaum('OPEN_AND_ACCEPTED')).every((mif) => mif === 0)).toBe(true);
    });

    it('hears the findings of its review only, and may not subscribe to another', async () => {
      const client = await subscribe(t, boundToA);
      const events = collect<{ findingAdded: { node: string } }>(
        client,
        `subscription { findingAdded(report: "${R}") { node } }`,
        {},
      );
      await events.started;
      for (const [review, node] of [
        ['review-b', 'log-pipeline'],
        ['review-a', 'alignment-audit'],
      ]) {
        const res = await t.gql(
          `mutation { addFinding(report: "${R}", review: "${review}", input: { node: "${node}", kind: comment, body: "c" }) { number } }`,
        );
        expect(res.errors).toBeUndefined();
      }
      expect((await events.next(1)).findingAdded).toEqual({ node: 'alignment-audit' });
      expect(events.events).toHaveLength(1);
      events.dispose();
      const refused = collect(
        client,
        `subscription { findingAdded(report: "${R}", review: "review-b") { node } }`,
        {},
      );
      const errors = (await refused.error()) as {
        message: string;
        extensions?: { code?: string };
      }[];
      expect(errors[0]).toMatchObject({
        message: 'this token is for another review',
        extensions: { code: 'FORBIDDEN' },
      });
      await client.dispose();
    });
  });

  it("carries a team's new key to its requests, in the rename's write", async () => {
    const teams = async () => [...new Set((await list(t.adminToken)).map((r) => r.team))].sort();
    const before = await list(t.adminToken, { team: 'infra' });
    expect(before.length).toBeGreaterThan(0);
    const rename = (key: string, to: string) =>
      t.gql(
        `mutation { updateTeam(report: "${R}", key: "${key}", input: { key: "${to}" }) { key } }`,
      );

    // A rename refused (the key is taken) readdresses nothing.
    const taken = await rename('infra', 'security');
    expect(codeOf(taken)).toEqual(['CONFLICT']);
    expect(messageOf(taken)).toEqual([`team 'security' already exists in report '${R}'`]);
    expect(await teams()).toEqual(['infra', 'security']);

    expect((await rename('infra', 'platform')).errors).toBeUndefined();
    expect(await list(t.adminToken, { team: 'infra' })).toEqual([]);
    expect(await list(t.adminToken, { team: 'platform' })).toEqual(
      before.map((r) => ({ ...r, team: 'platform' })),
    );
    expect(await teams()).toEqual(['platform', 'security']);
    // A name alone leaves the requests where they are.
    const named = await t.gql(
      `mutation { updateTeam(report: "${R}", key: "platform", input: { name: "Platform" }) { key name } }`,
    );
    expect(named.data).toEqual({ updateTeam: { key: 'platform', name: 'Platform' } });
    expect(await teams()).toEqual(['platform', 'security']);
  });

  it("carries a team's new key to the team tokens bound to the report, and no others", async () => {
    const teamOf = async (token: string) =>
      (await t.gqlAs<{ me: { team: string | null } }>(token, '{ me { team } }')).data?.me.team;
    const bound = (await createToken(t, { role: 'editor', name: 'ops', report: R, team: 'ops' }))
      .token;
    expect(
      (await t.gql(`mutation { createTeam(report: "${R}", input: { key: "ops" }) { key } }`))
        .errors,
    ).toBeUndefined();
    // Read once, so that this instance remembers it (TOKEN_CACHE_TTL_MS).
    expect(await teamOf(bound)).toBe('ops');
    const renamed = await t.gql(
      `mutation { updateTeam(report: "${R}", key: "ops", input: { key: "operations" }) { key } }`,
    );
    expect(renamed.errors).toBeUndefined();
    expect(await teamOf(bound)).toBe('operations');
    const asked = await ask(t.adminToken, { team: 'operations', question: 'Who is on call?' });
    const renamedRequest = asked.data!.createInformationRequest.number;
    // It acts for the renamed team from the very next request: not as this instance remembered it.
    expect(
      (await t.gqlAs(bound, ANSWER, { request: renamedRequest, input: { answer: 'Ops.' } })).errors,
    ).toBeUndefined();

    // A new team given the old key is not the token's.
    expect(
      (await t.gql(`mutation { createTeam(report: "${R}", input: { key: "ops" }) { key } }`))
        .errors,
    ).toBeUndefined();
    const toNew = await ask(t.adminToken, { team: 'ops', question: 'New team, new question' });
    const other = await t.gqlAs(bound, ANSWER, {
      request: toNew.data!.createInformationRequest.number,
      input: { answer: 'a' },
    });
    expect(messageOf(other)).toEqual([
      "a token scoped to team operations may only answer that team's requests",
    ]);

    // A token bound to no report keeps its team key: other reports may have a team of that key.
    expect(await teamOf(infra)).toBe('infra');
    const { id: unboundId } = await createToken(t, {
      role: 'editor',
      name: 'any ops',
      team: 'ops',
    });
    expect(
      (
        await t.gql(
          `mutation { updateTeam(report: "${R}", key: "ops", input: { key: "ops-2" }) { key } }`,
        )
      ).errors,
    ).toBeUndefined();
    const tokens = await t.gql<{
      accessTokens: { id: string; report: string | null; team: string | null }[];
    }>('{ accessTokens { id report team } }');
    expect(tokens.data!.accessTokens.find((tk) => tk.id === unboundId)).toEqual({
      id: unboundId,
      report: null,
      team: 'ops',
    });
  });

  it('refuses to delete a team while it has open requests, naming them', async () => {
    const del = (key: string) => t.gql(`mutation { deleteTeam(report: "${R}", key: "${key}") }`);
    const state = async () => ({
      rows: await rowCounts(t.dataSource),
      version: (await t.gql<{ report: { version: number } }>(`{ report(key: "${R}") { version } }`))
        .data!.report.version,
    });
    // platform (infra renamed): 2 closed, 3 open; two more open ones.
    const numbers: number[] = [];
    for (const question of ['First', 'Second']) {
      const res = await ask(t.adminToken, { team: 'platform', question });
      numbers.push(res.data!.createInformationRequest.number);
    }
    const [first, second] = numbers;
    const before = await state();
    const refused = await del('platform');
    expect(codeOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(messageOf(refused)).toEqual([
      `team 'platform' of report '${R}' has open information requests 3, ${first}, ${second}: answer or close them before deleting the team`,
    ]);
    expect(await state()).toEqual(before);

    // An answered request does not hold it back (closing it is the asking side's); a closed one never.
    expect((await t.gql(CLOSE, { request: second })).errors).toBeUndefined();
    expect(
      (await t.gql(ANSWER, { request: 3, input: { answer: 'Paged.' } })).errors,
    ).toBeUndefined();
    expect(messageOf(await del('platform'))).toEqual([
      `team 'platform' of report '${R}' has open information request ${first}: answer or close it before deleting the team`,
    ]);
    expect(
      (await t.gql(ANSWER, { request: first, input: { answer: 'Yes.' } })).errors,
    ).toBeUndefined();
    expect(await del('platform')).toEqual({ data: { deleteTeam: true } });
    const teams = await t.gql<{ report: { teams: { key: string }[] } }>(
      `{ report(key: "${R}") { teams { key } } }`,
    );
    expect(teams.data!.report.teams.map((team) => team.key)).not.toContain('platform');
    // The answered one can still be closed.
    expect((await t.gql(CLOSE, { request: first })).data).toEqual({
      closeInformationRequest: { number: first, state: 'closed' },
    });
  });

  describe('deleting a team and its tokens', () => {
    const del = (key: string) => t.gql(`mutation { deleteTeam(report: "${R}", key: "${key}") }`);
    const createTeam = async (key: string) =>
      expect(
        (await t.gql(`mutation { createTeam(report: "${R}", input: { key: "${key}" }) { key } }`))
          .errors,
      ).toBeUndefined();
    /** A new team of the report, and an editor token bound to the report and scoped to it. */
    const teamWithToken = async (key: string) => {
      await createTeam(key);
      return createToken(t, { role: 'editor', name: `${key} here`, report: R, team: key });
    };
    const me = (token: string) =>
      t.gqlAs<{ me: { team: string | null } }>(token, '{ me { team } }');
    const teamOf = async (token: string) => (await me(token)).data?.me.team;
    const tokenRow = async (id: string) =>
      (
        await t.gql<{
          accessTokens: {
            id: string;
            report: string | null;
            team: string | null;
            revokedAt: string | null;
          }[];
        }>('{ accessTokens { id report team revokedAt } }')
      ).data!.accessTokens.find((tk) => tk.id === id);
    /** A revoked token's answer: UNAUTHENTICATED, saying so. */
    const revoked = (res: Answer<unknown>) => ({ codes: codeOf(res), messages: messageOf(res) });
    const REVOKED = { codes: ['UNAUTHENTICATED'], messages: ['the bearer token was revoked'] };

    it('revokes the team tokens bound to the report, even once a new team takes the key; not those bound to no report', async () => {
      const bound = await teamWithToken('oncall');
      const unbound = await createToken(t, { role: 'editor', name: 'any oncall', team: 'oncall' });
      const otherTeam = (
        await createToken(t, { role: 'editor', name: 'security here', report: R, team: 'security' })
      ).token;
      // Read once, so that this instance remembers it (TOKEN_CACHE_TTL_MS); it acts for the team.
      expect(await teamOf(bound.token)).toBe('oncall');
      const asked = await ask(t.adminToken, { team: 'oncall', question: 'Who is paged?' });
      expect(
        (
          await t.gqlAs(bound.token, ANSWER, {
            request: asked.data!.createInformationRequest.number,
            input: { answer: 'Us.' },
          })
        ).errors,
      ).toBeUndefined();

      expect(await del('oncall')).toEqual({ data: { deleteTeam: true } });
      // Refused from its very next request: not as this instance remembered it.
      expect(revoked(await me(bound.token))).toEqual(REVOKED);
      expect((await tokenRow(bound.id))?.revokedAt).not.toBeNull();

      // A new team given the key does not revive it.
      await createTeam('oncall');
      expect(revoked(await me(bound.token))).toEqual(REVOKED);
      const toNew = await ask(t.adminToken, { team: 'oncall', question: 'New team, new question' });
      const request = toNew.data!.createInformationRequest.number;
      expect(
        revoked(await t.gqlAs(bound.token, ANSWER, { request, input: { answer: 'a' } })),
      ).toEqual(REVOKED);

      // A token bound to no report keeps its team (other reports may have a team of that key),
      // and another team's token of the report is untouched.
      expect(await tokenRow(unbound.id)).toEqual({
        id: unbound.id,
        report: null,
        team: 'oncall',
        revokedAt: null,
      });
      expect(await teamOf(unbound.token)).toBe('oncall');
      expect(
        (await t.gqlAs(unbound.token, ANSWER, { request, input: { answer: 'Still us.' } })).errors,
      ).toBeUndefined();
      expect(await teamOf(otherTeam)).toBe('security');
    });

    it('revokes nothing when the deletion is refused', async () => {
      const bound = await teamWithToken('standby');
      expect(await teamOf(bound.token)).toBe('standby');
      const asked = await ask(t.adminToken, { team: 'standby', question: 'Are you there?' });
      const request = asked.data!.createInformationRequest.number;

      const refused = await del('standby');
      expect(codeOf(refused)).toEqual(['BAD_USER_INPUT']);
      expect((await tokenRow(bound.id))?.revokedAt).toBeNull();
      expect(await teamOf(bound.token)).toBe('standby');
      // It still acts for its team: it answers, which lets the deletion through, which revokes it.
      expect(
        (await t.gqlAs(bound.token, ANSWER, { request, input: { answer: 'Here.' } })).errors,
      ).toBeUndefined();
      expect(await del('standby')).toEqual({ data: { deleteTeam: true } });
      expect(revoked(await me(bound.token))).toEqual(REVOKED);
    });

    it('removes a team as deleteTeam does when a replace import leaves it out', async () => {
      const bound = await teamWithToken('reserve');
      expect(await teamOf(bound.token)).toBe('reserve');
      const asked = await ask(t.adminToken, { team: 'reserve', question: 'Still needed?' });
      const request = asked.data!.createInformationRequest.number;
      const exported = await t.gql<{ report: { exportCase: string; version: number } }>(
        `{ report(key: "${R}") { exportCase version } }`,
      );
      const { exportCase, version } = exported.data!.report;
      const file = parseYaml(exportCase) as { teams: { key: string }[] };
      file.teams = file.teams.filter((team) => team.key !== 'reserve');
      const importWithout = () =>
        t.gql<{ importCase: { version: number } }>(
          'mutation($d: String!) { importCase(document: $d, replace: true) { version } }',
          { d: stringifyYaml(file) },
        );

      const refused = await importWithout();
      expect(codeOf(refused)).toEqual(['BAD_USER_INPUT']);
      expect(messageOf(refused)).toEqual([
        `team 'reserve' of report '${R}' has open information request ${request}: answer or close it before importing a case without the team`,
      ]);
      expect((await tokenRow(bound.id))?.revokedAt).toBeNull();
      expect(await teamOf(bound.token)).toBe('reserve');

      expect(
        (await t.gqlAs(bound.token, ANSWER, { request, input: { answer: 'No.' } })).errors,
      ).toBeUndefined();
      expect((await importWithout()).data).toEqual({ importCase: { version: version + 1 } });
      // Refused from its very next request, not as this instance remembered it.
      expect(revoked(await me(bound.token))).toEqual(REVOKED);
      expect((await tokenRow(bound.id))?.revokedAt).not.toBeNull();
    });
  });

  it('takes no requests on an archived report', async () => {
    const archived = await t.gql(`mutation { archiveReport(key: "${R}") { key } }`);
    expect(archived.errors).toBeUndefined();
    const res = await ask(t.adminToken, { team: 'security', question: 'q' });
    expect(codeOf(res)).toEqual(['CONFLICT']);
  });
});

(serverUrl() ? describe : describe.skip)('a team deleted while it is asked (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: DOCUMENT })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  /** Until `done` holds (polled every 10 ms, for 5 s at most). */
  async function until(done: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 500 && !(await done()); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  /** How many sessions of this test's database wait for a lock. */
  const waiting = async () =>
    Number(
      (
        await t.dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      )[0].n,
    );

  /**
   * Runs `first` while a transaction of the test's holds a lock (`lock`, a statement that takes
   * it), then `second` once `first` waits for it; lets go once `second` waits too (or is done).
   */
  async function interleave<A, B>(
    lock: [string, unknown[]],
    first: () => Promise<A>,
    second: () => Promise<B>,
  ): Promise<[A, B]> {
    const blocker = t.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    let a: Promise<A>;
    let b: Promise<B>;
    try {
      await blocker.query(...lock);
      a = first();
      await until(async () => (await waiting()) >= 1);
      let settled = false;
      b = second().finally(() => {
        settled = true;
      });
      await until(async () => settled || (await waiting()) >= 2);
    } finally {
      await blocker.commitTransaction();
      await blocker.release();
    }
    return Promise.all([a, b]);
  }
  const createTeam = async (key: string) =>
    expect(
      (await t.gql(`mutation { createTeam(report: "${R}", input: { key: "${key}" }) { key } }`))
        .errors,
    ).toBeUndefined();
  const askTeam = (team: string) => () =>
    t.gql<{ createInformationRequest: { number: number } }>(ASK, {
      review: null,
      input: { team, question: 'Still there?', nodes: [], dueAt: FUTURE },
    });
  const deleteTeam = (key: string) => () =>
    t.gql<{ deleteTeam: boolean }>(`mutation { deleteTeam(report: "${R}", key: "${key}") }`);
  /** Open requests to a team the report does not have: none may ever be. */
  const stranded = () =>
    t.dataSource.query(
      `SELECT q.number FROM information_request q
        WHERE q.state = 'open'
          AND NOT EXISTS (SELECT 1 FROM team WHERE team.report_id = q.report_id AND team.key = q.team)`,
    );

  it('refuses a deletion that waited for a request being asked, naming it', async () => {
    await createTeam('asked-first');
    const [{ id }] = await t.dataSource.query<{ id: string }[]>(
      'SELECT id FROM report WHERE key = $1',
      [R],
    );
    // The request waits inside its transaction (the report's numbering is held), having read
    // the case and checked its team; the deletion comes meanwhile.
    const [asked, deleted] = await interleave(
      ['SELECT pg_advisory_xact_lock(hashtext($1))', [`loadbearing:request:${id}`]],
      askTeam('asked-first'),
      deleteTeam('asked-first'),
    );
    expect(asked.errors).toBeUndefined();
    const number = asked.data!.createInformationRequest.number;
    expect(messageOf(deleted)).toEqual([
      `team 'asked-first' of report '${R}' has open information request ${number}: answer or close it before deleting the team`,
    ]);
    expect(await stranded()).toEqual([]);
  });

  it('refuses a request that waited for the deletion of its team', async () => {
    await createTeam('deleted-first');
    // The deletion waits inside its transaction (the team's row is held), under the report's
    // lock; the request comes meanwhile, having read the case from before the deletion.
    const [deleted, asked] = await interleave(
      ['SELECT 1 FROM team WHERE key = $1 FOR UPDATE', ['deleted-first']],
      deleteTeam('deleted-first'),
      askTeam('deleted-first'),
    );
    expect(deleted.data).toEqual({ deleteTeam: true });
    expect(codeOf(asked)).toEqual(['NOT_FOUND']);
    expect(messageOf(asked)).toEqual([`report '${R}' has no team 'deleted-first'`]);
    expect(await stranded()).toEqual([]);
  });
});
