import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from '../utils/browser';
import { importCases, useDashboard } from '../utils/browser-fixture';
import type { TestApp } from '../utils/create-app';

const EXAMPLE = readFileSync(
  join(__dirname, '../../examples/pilot-sabotage-risk-report.yaml'),
  'utf8',
);
const R = 'pilot-2025';
const REVIEW = 'red-team';
/** Listed first (reviews come by key), and with no finding. */
const OTHER_REVIEW = 'external-2026';
const FILE_PERMISSIONS = 'weight-storage-file-permissions';
const PATHWAY = 'self-exfiltration';
const CLAIM = 'exfiltration-would-fail';
const LINK = { from: 'compute-launch-restricted', to: 'rogue-deployment-would-fail' };

type Keyed = { key: string };
type Mode = 'NONE' | 'ACCEPTED' | 'OPEN_AND_ACCEPTED';

const CREATE_REVIEW = `mutation($r: String!, $input: CreateReviewInput!) {
  createReview(report: $r, input: $input) { key } }`;
const ADD_FINDING = `mutation($r: String!, $review: String!, $input: AddFindingInput!) {
  addFinding(report: $r, review: $review, input: $input) { number } }`;
const REPLY = `mutation($r: String!, $review: String!, $f: Int!, $body: String!, $parent: ID) {
  replyToFinding(report: $r, review: $review, finding: $f, body: $body, parent: $parent) { id } }`;

/** The red team's findings, in the order they are added (so numbered 1, 2, …). */
const FINDINGS = [
  {
    node: FILE_PERMISSIONS,
    kind: 'defeater',
    defeats: 'undermining',
    body: 'Agent sessions can read the weight shards through the debug mount.',
  },
  { node: PATHWAY, kind: 'question', body: 'Does the pathway cover partial weight copies?' },
  {
    link: LINK,
    kind: 'defeater',
    defeats: 'undercutting',
    body: 'Launch approval is rubber-stamped: it does not restrict launches.',
  },
  { node: CLAIM, kind: 'comment', body: 'The claim leans on the same audit twice.' },
];

/** The reply ids of finding 1's thread: a reply, and an answer to it. */
const thread: { reply?: string; answer?: string } = {};

/** Through the GraphQL API: two reviews, the red team's findings and a thread on its first. */
async function seed(t: TestApp): Promise<void> {
  await importCases(t, [EXAMPLE]);
  const must = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await t.gql<T>(query, { r: R, ...variables });
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  await must(CREATE_REVIEW, {
    input: {
      key: REVIEW,
      title: 'Internal red-team stress test',
      reviewer: 'Alignment stress-testing team',
      kind: 'internal',
      clearance: 'full',
    },
  });
  await must(CREATE_REVIEW, {
    input: {
      key: OTHER_REVIEW,
      title: 'External review 2026',
      reviewer: 'Example Institute',
      kind: 'external',
      clearance: 'redacted',
    },
  });
  for (const input of FINDINGS) await must(ADD_FINDING, { review: REVIEW, input });
  type Reply = { replyToFinding: { id: string } };
  const reply = await must<Reply>(REPLY, {
    review: REVIEW,
    f: 1,
    body: 'The debug mount is read-only for the serving account.',
  });
  thread.reply = reply.replyToFinding.id;
  const answer = await must<Reply>(REPLY, {
    review: REVIEW,
    f: 1,
    body: 'Read-only is enough to copy the weights.',
    parent: thread.reply,
  });
  thread.answer = answer.replyToFinding.id;
}

describe('the dashboard’s review view, findings on nodes and "view as reviewed", on the example case', () => {
  const ui = useDashboard(seed);
  const { api, open } = ui;

  type Finding = {
    number: number;
    node: string | null;
    link: { from: string; to: string } | null;
    kind: string;
    defeats: string | null;
    state: string;
    replies: { id: string; parentId: string | null }[];
  };
  type ReviewsAnswer = {
    report: {
      reviews: (Keyed & {
        title: string;
        reviewer: string;
        kind: string;
        clearance: string;
        state: string;
        findings: Finding[];
      })[];
    };
  };
  const REVIEWS = `query($r: String!) { report(key: $r) { reviews {
    key title reviewer kind clearance state
    findings { number node link { from to } kind defeats state replies { id parentId } } } } }`;

  type ImpactAnswer = {
    reviewImpact: {
      defeaters: number;
      brokenPathways: (Keyed & { title: string })[];
      brokenClaims: Keyed[];
      weakened: (Keyed & { nodeKind: string; before: number | null; after: number | null })[];
    };
  };
  const IMPACT = `query($r: String!, $review: String!) { reviewImpact(report: $r, review: $review) {
    defeaters brokenPathways { key title } brokenClaims { key } weakened { key nodeKind before after } } }`;

  type Holding = Keyed & { holds: boolean; margin: number | null };
  const holdingUnder = async (findings: Mode): Promise<Holding[]> =>
    (
      await api<{ report: { pathways: Holding[] } }>(
        `query($r: String!, $f: FindingsMode!) { report(key: $r, findings: $f) {
          pathways { key holds margin } } }`,
        { r: R, f: findings },
      )
    ).report.pathways;

  /** What the overview shows per pathway, read from its data attributes. */
  const shownPathways = (p: Page) =>
    p.$$eval('[data-testid=pathway]', (cards) =>
      cards.map((card) => ({
        key: card.getAttribute('data-key')!,
        holds: card.getAttribute('data-holds') === 'true',
        margin:
          card.getAttribute('data-margin') === '' ? null : Number(card.getAttribute('data-margin')),
      })),
    );

  /** Waits until the overview shows exactly these pathways' holding and margins. */
  const waitForPathways = (expected: Holding[]) =>
    ui.page.waitForFunction(
      (want) =>
        JSON.stringify(
          [...document.querySelectorAll('[data-testid=pathway]')].map((card) => [
            card.getAttribute('data-key'),
            card.getAttribute('data-holds'),
            card.getAttribute('data-margin'),
          ]),
        ) === want,
      JSON.stringify(expected.map((p) => [p.key, String(p.holds), String(p.margin ?? '')])),
    );

  const badgeCount = (selector: string) =>
    ui.page.getAttribute(`${selector} [data-testid=findings-badge]`, 'data-count');

  it('lists the reviews and shows the chosen one’s findings grouped by what they attach to, with their threads', async () => {
    const { reviews } = (await api<ReviewsAnswer>(REVIEWS, { r: R })).report;
    expect(reviews.map((r) => r.key)).toEqual([OTHER_REVIEW, REVIEW]);

    await open(`/${R}/review/${REVIEW}`);
    await ui.page.waitForSelector(`[data-testid=review-detail][data-key=${REVIEW}]`);
    const rows = await ui.page.$$eval('[data-testid=review-row]', (trs) =>
      trs.map((tr) => ({ key: tr.getAttribute('data-key'), text: tr.textContent })),
    );
    expect(rows.map((r) => r.key)).toEqual(reviews.map((r) => r.key));
    for (const [i, r] of reviews.entries()) {
      for (const field of [r.title, r.reviewer, r.kind, r.clearance, r.state]) {
        expect(rows[i].text).toContain(field);
      }
    }

    // One group per node or link, in the order of their first finding.
    const findings = reviews.find((r) => r.key === REVIEW)!.findings;
    expect(findings.map((f) => f.number)).toEqual([1, 2, 3, 4]);
    const groups = await ui.page.$$eval('[data-testid=finding-group]', (divs) =>
      divs.map((div) => ({
        target: div.getAttribute('data-target'),
        findings: [...div.querySelectorAll('[data-testid=finding]')].map((li) => ({
          number: Number(li.getAttribute('data-number')),
          kind: li.getAttribute('data-kind'),
          defeats: li.getAttribute('data-defeats'),
          state: li.getAttribute('data-state'),
          text: li.textContent,
        })),
      })),
    );
    expect(groups.map((g) => g.target)).toEqual([
      FILE_PERMISSIONS,
      PATHWAY,
      `${LINK.to} ← ${LINK.from}`,
      CLAIM,
    ]);
    expect(groups.flatMap((g) => g.findings.map(({ text: _, ...f }) => f))).toEqual(
      findings.map((f) => ({
        number: f.number,
        kind: f.kind,
        defeats: f.defeats ?? '',
        state: f.state,
      })),
    );
    for (const [i, finding] of FINDINGS.entries()) {
      expect(groups[i].findings[0].text).toContain(finding.body);
    }

    // The thread: the answer is nested under the reply it answers, both under finding 1.
    expect(findings[0].replies).toEqual([
      { id: thread.reply, parentId: null },
      { id: thread.answer, parentId: thread.reply },
    ]);
    const nested = `[data-testid=finding][data-number="1"] [data-testid=reply][data-id="${thread.reply}"] [data-testid=reply][data-id="${thread.answer}"]`;
    expect(await ui.page.textContent(nested)).toContain('Read-only is enough');
    expect(await ui.page.$$('[data-testid=finding][data-number="2"] [data-testid=reply]')).toEqual(
      [],
    );
    await screenshot(ui.page, 'review');

    // Without a review in the address, the first is shown; it has no finding.
    await ui.page.goto(`${ui.base}/#/${R}/review`);
    await ui.page.waitForSelector(`[data-testid=review-detail][data-key=${OTHER_REVIEW}]`);
    expect(await ui.page.$$('[data-testid=finding]')).toEqual([]);
    expect(await ui.page.textContent('[data-testid=impact-none]')).toContain(
      'breaks and weakens nothing',
    );
  });

  it('says what the critique breaks and weakens, as reviewImpact answers, naming the broken pathway', async () => {
    const { reviewImpact } = await api<ImpactAnswer>(IMPACT, { r: R, review: REVIEW });
    expect(reviewImpact.defeaters).toBe(2);
    expect(reviewImpact.brokenPathways.map((p) => p.key)).toContain(PATHWAY);

    await open(`/${R}/review/${REVIEW}`);
    await ui.page.waitForSelector('[data-testid=review-impact]');
    expect(await ui.page.getAttribute('[data-testid=review-impact]', 'data-defeaters')).toBe('2');
    const sentences = (testid: string) =>
      ui.page.$$eval(`[data-testid=${testid}]`, (items) =>
        items.map((li) => ({
          kind: li.getAttribute('data-kind'),
          key: li.getAttribute('data-key'),
          text: li.textContent.replace(/\s+/g, ' ').trim(),
        })),
      );
    const broken = await sentences('impact-broken');
    expect(broken.map(({ kind, key }) => `${kind}:${key}`)).toEqual([
      ...reviewImpact.brokenPathways.map((p) => `pathway:${p.key}`),
      ...reviewImpact.brokenClaims.map((c) => `claim:${c.key}`),
    ]);
    const title = reviewImpact.brokenPathways.find((p) => p.key === PATHWAY)!.title;
    expect(broken.find((b) => b.key === PATHWAY)!.text).toBe(
      `This critique breaks pathway ${title} (${PATHWAY}).`,
    );
    const margin = (m: number | null) => (m === null ? '>4' : String(m));
    expect((await sentences('impact-weakened')).map((w) => w.text)).toEqual(
      reviewImpact.weakened.map(
        (w) =>
          `It weakens ${w.nodeKind} ${w.key}: margin ${margin(w.before)} → ${margin(w.after)}.`,
      ),
    );
  });

  it('shows open findings on the nodes they attach to, linking to their review', async () => {
    await open(`/${R}/overview`);
    await ui.page.waitForSelector('[data-testid=pathway] [data-testid=findings-badge]');
    expect(await ui.page.textContent('[data-testid=open-findings]')).toBe(String(FINDINGS.length));
    // On the pathway's card (its question), and on the control it rests on alone (the defeater).
    const card = `[data-testid=pathway][data-key=${PATHWAY}]`;
    expect(await badgeCount(`${card} .pathway-head`)).toBe('1');
    expect(await badgeCount(`${card} [data-testid=rests-on][data-key=${FILE_PERMISSIONS}]`)).toBe(
      '1',
    );
    // Every node with an open finding is listed, a link's on the argument it attacks.
    const listed = await ui.page.$$eval('[data-testid=node-findings]', (spans) =>
      spans.map((s) => [
        s.getAttribute('data-key'),
        s.querySelector('[data-testid=findings-badge]')!.getAttribute('data-count'),
      ]),
    );
    expect(listed.sort()).toEqual(
      [FILE_PERMISSIONS, PATHWAY, LINK.to, CLAIM].map((key) => [key, '1']).sort(),
    );
    // A pathway without findings has no badge.
    expect(
      await ui.page.$$(
        '[data-testid=pathway][data-key=broad-sandbagging] [data-testid=findings-badge]',
      ),
    ).toEqual([]);
    await screenshot(ui.page, 'overview-findings');

    await ui.page.click(`${card} .pathway-head [data-testid=findings-badge]`);
    await ui.page.waitForSelector(`[data-testid=review-detail][data-key=${REVIEW}]`);
    expect(ui.page.url()).toBe(`${ui.base}/#/${R}/review/${REVIEW}`);

    // The matrix marks the control too.
    await open(`/${R}/matrix`);
    await ui.page.fill('input[type=search]', FILE_PERMISSIONS);
    expect(await badgeCount(`[data-testid=matrix-row][data-key=${FILE_PERMISSIONS}]`)).toBe('1');
  });

  it('"view as reviewed" takes holding and margins from the analysis with the findings applied', async () => {
    const asWritten = await holdingUnder('NONE');
    const reviewed = await holdingUnder('OPEN_AND_ACCEPTED');
    // The defeaters are open, not accepted: ACCEPTED applies none of them.
    expect(await holdingUnder('ACCEPTED')).toEqual(asWritten);
    expect(asWritten.find((p) => p.key === PATHWAY)!.holds).toBe(true);
    expect(reviewed.find((p) => p.key === PATHWAY)!.holds).toBe(false);

    await open(`/${R}/overview`);
    await waitForPathways(asWritten);
    expect(await shownPathways(ui.page)).toEqual(asWritten);
    expect(await ui.page.$$('[data-testid=findings-applied]')).toEqual([]);

    await ui.page.selectOption('[data-testid=findings-mode]', 'OPEN_AND_ACCEPTED');
    await waitForPathways(reviewed);
    expect(await shownPathways(ui.page)).toEqual(reviewed);
    expect(
      await ui.page.getAttribute(`[data-testid=pathway][data-key=${PATHWAY}]`, 'data-holds'),
    ).toBe('false');
    expect(ui.page.url()).toBe(`${ui.base}/#/${R}/overview?findings=OPEN_AND_ACCEPTED`);
    expect(await ui.page.textContent('[data-testid=findings-applied]')).toContain(
      'open and accepted',
    );
    await screenshot(ui.page, 'overview-as-reviewed');

    // The mode follows the tabs, and a reload keeps it (it is in the address).
    await ui.page.click('[data-testid=tab-matrix]');
    await ui.page.waitForSelector(
      `[data-testid=matrix-column][data-key=${PATHWAY}][data-holds=false]`,
    );
    await ui.page.click('[data-testid=tab-roadmap]');
    await ui.page.waitForSelector('[data-testid=roadmap]');
    expect(ui.page.url()).toBe(`${ui.base}/#/${R}/roadmap?findings=OPEN_AND_ACCEPTED`);
    await ui.page.click('[data-testid=tab-overview]');
    await waitForPathways(reviewed);
    await ui.page.reload();
    await waitForPathways(reviewed);
    expect(await ui.page.inputValue('[data-testid=findings-mode]')).toBe('OPEN_AND_ACCEPTED');

    await ui.page.selectOption('[data-testid=findings-mode]', 'ACCEPTED');
    await waitForPathways(asWritten);
    await ui.page.selectOption('[data-testid=findings-mode]', 'NONE');
    await waitForPathways(asWritten);
    expect(ui.page.url()).toBe(`${ui.base}/#/${R}/overview`);
  });

  it('applies a defeater the authors accept under ACCEPTED, and no longer counts it as open', async () => {
    const { transitionFinding } = await api<{ transitionFinding: { state: string } }>(
      `mutation($r: String!, $review: String!) {
        transitionFinding(report: $r, review: $review, finding: 1, to: accepted, note: "Conceded.") { state } }`,
      { r: R, review: REVIEW },
    );
    expect(transitionFinding.state).toBe('accepted');
    const accepted = await holdingUnder('ACCEPTED');
    expect(accepted.find((p) => p.key === PATHWAY)!.holds).toBe(false);
    expect(accepted).not.toEqual(await holdingUnder('NONE'));

    await open(`/${R}/overview?findings=ACCEPTED`);
    await waitForPathways(accepted);
    expect(await ui.page.inputValue('[data-testid=findings-mode]')).toBe('ACCEPTED');
    // Settled: the control's badge is gone, the other three findings are still open.
    await ui.page.waitForSelector('[data-testid=open-findings]');
    expect(await ui.page.textContent('[data-testid=open-findings]')).toBe(
      String(FINDINGS.length - 1),
    );
    expect(await ui.page.$$(`[data-testid=node-findings][data-key=${FILE_PERMISSIONS}]`)).toEqual(
      [],
    );

    // The review view shows the move, as a state and as the note in the thread.
    await ui.page.click(
      `[data-testid=pathway][data-key=${PATHWAY}] .pathway-head [data-testid=findings-badge]`,
    );
    await ui.page.waitForSelector('[data-testid=finding][data-number="1"][data-state=accepted]');
    expect(ui.page.url()).toBe(`${ui.base}/#/${R}/review/${REVIEW}?findings=ACCEPTED`);
    expect(await ui.page.textContent('[data-testid=finding][data-number="1"]')).toContain(
      'Conceded.',
    );
  });

  it('shows a finding added meanwhile without a reload (the findingAdded subscription)', async () => {
    await open(`/${R}/review/${REVIEW}`);
    await ui.page.waitForSelector('[data-testid=finding][data-number="1"]');
    const body = 'Added while the page was open.';
    const { addFinding } = await api<{ addFinding: { number: number } }>(ADD_FINDING, {
      r: R,
      review: REVIEW,
      input: { node: PATHWAY, kind: 'comment', body },
    });
    const added = `[data-testid=finding][data-number="${addFinding.number}"]`;
    await ui.page.waitForSelector(added);
    expect(await ui.page.textContent(added)).toContain(body);
  });
});
