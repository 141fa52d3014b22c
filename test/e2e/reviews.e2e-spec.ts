import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';
import { rowCounts } from '../utils/row-counts';
import { createToken } from '../utils/tokens';

const R = 'pilot-2025';
const SECRET = 'ZZSECRET';
/** The example with its file-permissions control restricted. */
const DOCUMENT = SPEC_EXAMPLE.replace(
  'title: Weight storage readable only by the serving service account',
  `title: ${SECRET} weight storage\n    restricted: true`,
);

interface Answer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}
const codeOf = (res: Answer<unknown>) => res.errors?.map((e) => e.extensions?.code);

const ADD = `mutation($review: String!, $input: AddFindingInput!) {
  addFinding(report: "${R}", review: $review, input: $input) { number node link { from to } kind defeats state author body } }`;
const MOVE = `mutation($finding: Int!, $to: FindingState!, $note: String) {
  transitionFinding(report: "${R}", review: "stress-test", finding: $finding, to: $to, note: $note) { number state } }`;
const REPLY = `mutation($finding: Int!, $body: String!, $parent: ID) {
  replyToFinding(report: "${R}", review: "stress-test", finding: $finding, body: $body, parent: $parent) { id parentId author body } }`;

describe('reviews and findings (SPEC §7)', () => {
  let t: TestApp;
  let reviewer: string;
  let unclearedReviewer: string;
  let editor: string;
  let viewer: string;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: DOCUMENT })).errors).toBeUndefined();
    reviewer = (await createToken(t, { role: 'reviewer', name: 'stress tester', clearance: true }))
      .token;
    unclearedReviewer = (await createToken(t, { role: 'reviewer', name: 'outside reviewer' }))
      .token;
    editor = (await createToken(t, { role: 'editor', name: 'report author', clearance: true }))
      .token;
    viewer = (await createToken(t, { role: 'viewer', name: 'reader' })).token;
  });
  afterAll(() => t.close());

  const CREATE = `mutation($key: String!) { createReview(report: "${R}", input: {
    key: $key, title: "Internal stress test", reviewer: "Stress-testing team", kind: internal, clearance: full }) {
    key title reviewer kind clearance state closedAt } }`;

  it('opens a review (owners only); a second one under its key is a CONFLICT', async () => {
    const created = await t.gql<{ createReview: unknown }>(CREATE, { key: 'stress-test' });
    expect(created.data?.createReview).toEqual({
      key: 'stress-test',
      title: 'Internal stress test',
      reviewer: 'Stress-testing team',
      kind: 'internal',
      clearance: 'full',
      state: 'open',
      closedAt: null,
    });
    const before = await rowCounts(t.dataSource);
    expect(codeOf(await t.gql(CREATE, { key: 'stress-test' }))).toEqual(['CONFLICT']);
    expect(codeOf(await t.gqlAs(editor, CREATE, { key: 'other' }))).toEqual(['FORBIDDEN']);
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it('takes findings on nodes and on support links, numbered in their review', async () => {
    const question = await t.gqlAs<{ addFinding: unknown }>(reviewer, ADD, {
      review: 'stress-test',
      input: { node: 'egress-monitor', kind: 'question', body: 'Is the monitor paged at night?' },
    });
    expect(question.data?.addFinding).toEqual({
      number: 1,
      node: 'egress-monitor',
      link: null,
      kind: 'question',
      defeats: null,
      state: 'open',
      author: 'stress tester',
      body: 'Is the monitor paged at night?',
    });
    const undercut = await t.gqlAs<{ addFinding: { number: number; link: unknown } }>(
      reviewer,
      ADD,
      {
        review: 'stress-test',
        input: {
          link: { from: 'egress-monitor', to: 'exfil-detected' },
          kind: 'defeater',
          defeats: 'undercutting',
          body: 'A slow copy stays under the volume threshold.',
        },
      },
    );
    expect(undercut.data?.addFinding).toMatchObject({
      number: 2,
      link: { from: 'egress-monitor', to: 'exfil-detected' },
    });
    const secret = await t.gqlAs(reviewer, ADD, {
      review: 'stress-test',
      input: {
        node: 'weight-file-permissions',
        kind: 'defeater',
        defeats: 'undermining',
        body: `${SECRET}: the permissions were changed in March`,
      },
    });
    expect(secret.errors).toBeUndefined();
  });

  it('refuses bad findings with a clear error, writing nothing; a restricted node is unknown to a reviewer without clearance', async () => {
    const before = await rowCounts(t.dataSource);
    const attempts: [Record<string, unknown>, string, RegExp][] = [
      [
        { node: 'no-such', kind: 'comment', body: 'x' },
        'NOT_FOUND',
        /report 'pilot-2025' has no node 'no-such'/,
      ],
      [
        {
          node: 'egress-monitor',
          link: { from: 'egress-monitor', to: 'exfil-detected' },
          kind: 'comment',
          body: 'x',
        },
        'BAD_USER_INPUT',
        /exactly one of node and link/,
      ],
      [{ node: 'egress-monitor', kind: 'defeater', body: 'x' }, 'BAD_USER_INPUT', /needs defeats/],
      [
        { node: 'egress-monitor', kind: 'comment', defeats: 'rebutting', body: 'x' },
        'BAD_USER_INPUT',
        /defeats nothing/,
      ],
      [
        { node: 'egress-monitor', kind: 'defeater', defeats: 'rebutting', body: 'x' },
        'BAD_USER_INPUT',
        /a rebutting defeater attacks a pathway or claim, not the mitigation 'egress-monitor'/,
      ],
      [
        { link: { from: 'log-pipeline', to: 'exfil-detected' }, kind: 'comment', body: 'x' },
        'NOT_FOUND',
        /no support link from 'log-pipeline' to 'exfil-detected'/,
      ],
    ];
    for (const [input, code, message] of attempts) {
      const res = await t.gqlAs(reviewer, ADD, { review: 'stress-test', input });
      expect({ input, code: codeOf(res), message: res.errors?.[0].message }).toEqual({
        input,
        code: [code],
        message: expect.stringMatching(message) as unknown,
      });
    }
    const hidden = await t.gqlAs(unclearedReviewer, ADD, {
      review: 'stress-test',
      input: { node: 'weight-file-permissions', kind: 'comment', body: 'x' },
    });
    const missing = await t.gqlAs(unclearedReviewer, ADD, {
      review: 'stress-test',
      input: { node: 'weight-file-permissionz', kind: 'comment', body: 'x' },
    });
    expect(codeOf(hidden)).toEqual(['NOT_FOUND']);
    expect(hidden.errors![0].message).toBe(
      missing.errors![0].message.replace('permissionz', 'permissions'),
    );
    expect(
      codeOf(await t.gqlAs(viewer, ADD, { review: 'stress-test', input: attempts[0][0] })),
    ).toEqual(['FORBIDDEN']);
    expect(
      codeOf(
        await t.gqlAs(reviewer, ADD, {
          review: 'no-review',
          input: { node: 'egress-monitor', kind: 'comment', body: 'x' },
        }),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it('moves findings only as SPEC §7 allows, each side its own moves, each move audited', async () => {
    // The reviewer cannot address its own question; the authors can, with a note.
    const early = await t.gqlAs(reviewer, MOVE, { finding: 1, to: 'addressed' });
    expect(codeOf(early)).toEqual(['FORBIDDEN']);
    expect(early.errors![0].message).toBe(
      "finding 1 of review 'stress-test': only the report's authors may move a finding from open to addressed",
    );
    const addressed = await t.gqlAs(editor, MOVE, {
      finding: 1,
      to: 'addressed',
      note: 'Yes: the rota pages the security on-call.',
    });
    expect(addressed.data).toEqual({ transitionFinding: { number: 1, state: 'addressed' } });
    expect((await t.gqlAs(reviewer, MOVE, { finding: 1, to: 'resolved' })).data).toEqual({
      transitionFinding: { number: 1, state: 'resolved' },
    });
    const final = await t.gqlAs(reviewer, MOVE, { finding: 1, to: 'open' });
    expect(codeOf(final)).toEqual(['BAD_USER_INPUT']);
    expect(final.errors![0].message).toMatch(/is final: it moves no more/);
    // The authors concede the undercut: the defeater stands.
    expect((await t.gqlAs(editor, MOVE, { finding: 2, to: 'accepted' })).data).toEqual({
      transitionFinding: { number: 2, state: 'accepted' },
    });
    expect(codeOf(await t.gqlAs(editor, MOVE, { finding: 9, to: 'addressed' }))).toEqual([
      'NOT_FOUND',
    ]);

    const audit = await t.gql<{
      auditLog: { operation: string; actor: string; outcome: string }[];
    }>(`{ auditLog(report: "${R}", limit: 50) { operation actor outcome } }`);
    const moves = audit.data!.auditLog.filter((e) => e.operation === 'transitionFinding');
    expect(moves.map((m) => [m.actor, m.outcome]).reverse()).toEqual([
      ['stress tester', 'FORBIDDEN'],
      ['report author', 'ok'],
      ['stress tester', 'ok'],
      ['stress tester', 'BAD_USER_INPUT'],
      ['report author', 'ok'],
      ['report author', 'NOT_FOUND'],
    ]);
  });

  it('keeps threaded replies; a reply to a reply names its parent', async () => {
    const first = await t.gqlAs<{ replyToFinding: { id: string } }>(reviewer, REPLY, {
      finding: 2,
      body: 'Thanks: please track the fix.',
    });
    const answer = await t.gqlAs<{ replyToFinding: unknown }>(editor, REPLY, {
      finding: 2,
      body: 'Tracked as a planned mitigation.',
      parent: first.data!.replyToFinding.id,
    });
    expect(answer.data?.replyToFinding).toMatchObject({
      parentId: first.data!.replyToFinding.id,
      author: 'report author',
    });
    const unknownParent = await t.gqlAs(editor, REPLY, {
      finding: 2,
      body: 'x',
      parent: '00000000-0000-4000-8000-000000000000',
    });
    expect(codeOf(unknownParent)).toEqual(['NOT_FOUND']);
    const read = await t.gqlAs<{
      report: { reviews: { findings: { number: number; state: string; replies: unknown[] }[] }[] };
    }>(
      reviewer,
      `{ report(key: "${R}") { reviews { findings(state: resolved) { number state replies { body movedTo author } } } } }`,
    );
    expect(read.data!.report.reviews[0].findings).toEqual([
      {
        number: 1,
        state: 'resolved',
        replies: [
          {
            body: 'Yes: the rota pages the security on-call.',
            movedTo: 'addressed',
            author: 'report author',
          },
        ],
      },
    ]);
  });

  it('redacts what a finding on a restricted node says to readers without clearance', async () => {
    const query = `{ report(key: "${R}") { reviews { findings { node body } } } }`;
    const hidden = await t.gqlAs<{
      report: { reviews: { findings: { node: string; body: string }[] }[] };
    }>(viewer, query);
    expect(JSON.stringify(hidden)).not.toContain(SECRET);
    expect(hidden.data!.report.reviews[0].findings[2]).toEqual({
      node: 'weight-file-permissions',
      body: '[restricted]',
    });
    expect(JSON.stringify(await t.gqlAs(reviewer, query))).toContain(SECRET);
  });

  it("tells what the review's defeaters break: the accepted undercut and the open undermining", async () => {
    const IMPACT = `{ reviewImpact(report: "${R}", review: "stress-test") {
      review defeaters brokenPathways { key } brokenClaims { key } weakened { key before after } } }`;
    const res = await t.gqlAs<{ reviewImpact: unknown }>(reviewer, IMPACT);
    expect(res.errors).toBeUndefined();
    // Egress monitoring no longer counts for exfil-detected, and the file permissions fail: the
    // claim (at least one of the two) and its pathway break.
    expect(res.data!.reviewImpact).toEqual({
      review: 'stress-test',
      defeaters: 2,
      brokenPathways: [{ key: 'self-exfiltration' }],
      brokenClaims: [{ key: 'exfil-detected' }],
      weakened: [],
    });
    const missing = await t.gqlAs(
      reviewer,
      `{ reviewImpact(report: "${R}", review: "nope") { defeaters } }`,
    );
    expect(codeOf(missing)).toEqual(['NOT_FOUND']);
  });

  it('applies the defeaters in every analysis under findings: (SPEC §3.8)', async () => {
    const holding = async (findings: string) => {
      const res = await t.gqlAs<{
        report: {
          pathways: { key: string; holds: boolean }[];
          claims: { key: string; holds: boolean; margin: number | null }[];
        };
      }>(
        reviewer,
        `{ report(key: "${R}", findings: ${findings}) { pathways { key holds } claims { key holds margin } } }`,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.report;
    };
    const none = await holding('NONE');
    expect(none.pathways).toEqual([{ key: 'self-exfiltration', holds: true }]);
    // The open undermining of the permissions plus the accepted undercut of the egress monitor.
    expect((await holding('OPEN_AND_ACCEPTED')).pathways).toEqual([
      { key: 'self-exfiltration', holds: false },
    ]);
    // Only the accepted undercut: the claim rests on the permissions alone.
    const accepted = await holding('ACCEPTED');
    expect(accepted.claims.find((c) => c.key === 'exfil-detected')).toEqual({
      key: 'exfil-detected',
      holds: true,
      margin: 1,
    });
    expect(none.claims.find((c) => c.key === 'exfil-detected')?.margin).toBe(2);

    const cut = await t.gqlAs<{ cutSets: { sets: { keys: string[] }[] } }>(
      reviewer,
      `{ cutSets(report: "${R}", key: "exfil-detected", findings: ACCEPTED) { sets { keys } } }`,
    );
    expect(cut.data!.cutSets.sets).toEqual([{ keys: ['weight-file-permissions'] }]);
    const breaks = async (findings: string) =>
      (
        await t.gqlAs<{ whatBreaks: { weakened: { key: string }[] } }>(
          reviewer,
          `{ whatBreaks(report: "${R}", failed: ["log-pipeline"], findings: ${findings}) { weakened { key } } }`,
        )
      ).data!.whatBreaks.weakened.map((w) => w.key);
    expect(await breaks('NONE')).toContain('exfil-detected');
    expect(await breaks('ACCEPTED')).not.toContain('exfil-detected');
    // Without findings:, the stored argument as it is.
    const plain = await t.gqlAs<{ report: { pathways: { holds: boolean }[] } }>(
      reviewer,
      `{ report(key: "${R}") { pathways { holds } } }`,
    );
    expect(plain.data!.report.pathways).toEqual([{ holds: true }]);
  });

  it('keeps the sharing log: what the authors shared, when, by whom, for which nodes', async () => {
    const SHARE = `mutation($input: RecordSharedInput!) {
      recordShared(report: "${R}", review: "stress-test", input: $input) { title location sharedBy nodes clearance sharedAt } }`;
    const shared = await t.gqlAs<{ recordShared: Record<string, unknown> }>(editor, SHARE, {
      input: {
        title: `${SECRET} weight-access audit`,
        location: 'data room /audits/2025-07',
        sharedAt: '2025-08-01T09:00:00.000Z',
        nodes: ['weight-file-permissions', 'egress-monitor'],
        clearance: 'full',
      },
    });
    expect(shared.data?.recordShared).toEqual({
      title: `${SECRET} weight-access audit`,
      location: 'data room /audits/2025-07',
      sharedBy: 'report author',
      nodes: ['weight-file-permissions', 'egress-monitor'],
      clearance: 'full',
      sharedAt: '2025-08-01T09:00:00.000Z',
    });
    const before = await rowCounts(t.dataSource);
    const input = { title: 'x', location: 'y', nodes: ['no-such'], clearance: 'redacted' };
    expect(codeOf(await t.gqlAs(editor, SHARE, { input }))).toEqual(['NOT_FOUND']);
    expect(codeOf(await t.gqlAs(reviewer, SHARE, { input: { ...input, nodes: [] } }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await rowCounts(t.dataSource)).toEqual(before);
    const LOG = `{ report(key: "${R}") { reviews { shared { title location nodes } } } }`;
    const hidden = await t.gqlAs<{ report: { reviews: { shared: unknown[] }[] } }>(viewer, LOG);
    expect(hidden.data!.report.reviews[0].shared).toEqual([
      {
        title: '[restricted]',
        location: '[restricted]',
        nodes: ['weight-file-permissions', 'egress-monitor'],
      },
    ]);
    expect(JSON.stringify(await t.gqlAs(reviewer, LOG))).toContain(SECRET);
  });

  it('lists the findings still open in the readiness of the report', async () => {
    const res = await t.gqlAs<{
      readiness: { openFindings: { review: string; number: number; state: string }[] };
    }>(reviewer, `{ readiness(report: "${R}") { openFindings { review number state } } }`);
    // 1 is resolved and 2 accepted; 3 (the undermining) is open.
    expect(res.data!.readiness.openFindings).toEqual([
      { review: 'stress-test', number: 3, state: 'open' },
    ]);
  });

  it('closes a review: no more findings, replies or moves', async () => {
    const closed = await t.gql<{ closeReview: { state: string; closedAt: string | null } }>(
      `mutation { closeReview(report: "${R}", review: "stress-test") { state closedAt } }`,
    );
    expect(closed.data?.closeReview.state).toBe('closed');
    expect(closed.data?.closeReview.closedAt).not.toBeNull();
    const late = await t.gqlAs(reviewer, ADD, {
      review: 'stress-test',
      input: { node: 'egress-monitor', kind: 'comment', body: 'one more' },
    });
    expect(codeOf(late)).toEqual(['CONFLICT']);
    expect(late.errors![0].message).toBe(
      "review 'stress-test' is closed: it takes no more findings, replies or moves",
    );
  });

  it('exports the review as Markdown, grouped by pathway, redacted without clearance', async () => {
    const EXPORT = `{ exportReview(report: "${R}", review: "stress-test", format: MARKDOWN) }`;
    const full = await t.gqlAs<{ exportReview: string }>(reviewer, EXPORT);
    const doc = full.data!.exportReview;
    expect(doc).toContain('# Internal stress test');
    expect(doc).toContain('- Breaks pathways: `self-exfiltration`');
    expect(doc).toContain('## Pathway `self-exfiltration`');
    expect(doc).toContain(
      '### 2. undercutting defeater on the support `egress-monitor` → `exfil-detected`: accepted',
    );
    expect(doc).toContain('> report author: Tracked as a planned mitigation.');
    expect(doc).toContain(SECRET);
    const hidden = (await t.gqlAs<{ exportReview: string }>(viewer, EXPORT)).data!.exportReview;
    expect(hidden).not.toContain(SECRET);
    expect(hidden).toContain('### 3. undermining defeater on `weight-file-permissions`: open');
    expect(hidden).toContain('[restricted]');
  });
});
