import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { screenshot } from '../utils/browser';
import { importCases, useDashboard } from '../utils/browser-fixture';
import type { TestApp } from '../utils/create-app';

const EXAMPLE = readFileSync(
  join(__dirname, '../../examples/pilot-sabotage-risk-report.yaml'),
  'utf8',
);
const R = 'pilot-2025';
const REVIEW = 'red-team';
const TEAM = 'security';
const OTHER_TEAM = 'infra';
const FILE_PERMISSIONS = 'weight-storage-file-permissions';

const CREATE_REQUEST = `mutation($r: String!, $review: String, $input: CreateInformationRequestInput!) {
  createInformationRequest(report: $r, review: $review, input: $input) { number } }`;
const REQUESTS = `query($r: String!, $team: String!) { report(key: $r) {
  informationRequests(team: $team, state: open) { number question nodes overdue review } } }`;
type RequestsAnswer = {
  report: {
    informationRequests: {
      number: number;
      question: string;
      nodes: string[];
      overdue: boolean;
      review: string | null;
    }[];
  };
};

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/**
 * Through the GraphQL API: a review and four requests. #1 to security for the review, about the
 * file permissions; #2 to security, due in a moment (so overdue once the seed has waited); #3 to
 * infra; #4 to security, answered (so no longer open).
 */
async function seed(t: TestApp): Promise<void> {
  await importCases(t, [EXAMPLE]);
  const must = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await t.gql<T>(query, { r: R, ...variables });
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  await must(
    `mutation($r: String!) { createReview(report: $r, input: { key: "${REVIEW}", title: "Red team",
      reviewer: "Stress testers", kind: internal, clearance: full }) { key } }`,
    {},
  );
  const ask = (input: Record<string, unknown>, review?: string) =>
    must(CREATE_REQUEST, { review, input: { dueAt: inDays(7), ...input } });
  await ask(
    {
      team: TEAM,
      question: 'Which accounts can read the weight shards?',
      nodes: [FILE_PERMISSIONS],
    },
    REVIEW,
  );
  const soon = Date.now() + 1500;
  await ask({ team: TEAM, question: 'Who is paged for egress alerts?', dueAt: new Date(soon) });
  await ask({ team: OTHER_TEAM, question: 'How long are egress logs kept?' });
  await ask({ team: TEAM, question: 'Is the permissions setting audited?' });
  await must(
    `mutation($r: String!) { answerInformationRequest(report: $r, request: 4,
      input: { answer: "Yes, quarterly." }) { state } }`,
    {},
  );
  await sleep(Math.max(0, soon - Date.now()) + 200);
}

describe('the dashboard’s team view: a team’s open information requests, on the example case', () => {
  const ui = useDashboard(seed);
  const { api, open } = ui;

  const shownRequests = () =>
    ui.page.$$eval('[data-testid=request]', (rows) =>
      rows.map((row) => ({
        number: Number(row.getAttribute('data-number')),
        overdue: row.getAttribute('data-overdue') === 'true',
        nodes: [...row.querySelectorAll('[data-testid=request-node]')].map((c) => c.textContent),
        review: row.querySelector('[data-testid=request-review]')?.textContent ?? null,
        text: row.textContent,
      })),
    );

  it('lists the team’s open requests as the API answers them, overdue ones marked, with their nodes and review', async () => {
    const requests = (await api<RequestsAnswer>(REQUESTS, { r: R, team: TEAM })).report
      .informationRequests;
    // The answered request and the other team's are not listed; one is overdue.
    expect(requests.map((r) => [r.number, r.overdue])).toEqual([
      [1, false],
      [2, true],
    ]);

    await open(`/${R}/team/${TEAM}`);
    await ui.page.waitForSelector('[data-testid=request]');
    const shown = await shownRequests();
    expect(shown.map(({ text: _, ...r }) => r)).toEqual(
      requests.map((r) => ({
        number: r.number,
        overdue: r.overdue,
        nodes: r.nodes,
        review: r.review,
      })),
    );
    for (const [i, r] of requests.entries()) expect(shown[i].text).toContain(r.question);
    expect(shown[1].text).toContain('overdue');
    expect(shown[0].text).not.toContain('overdue');
    expect(shown[1].text).toContain('information gathering');
    expect(await ui.page.textContent('[data-testid=overdue-count]')).toBe('1');
    expect(
      await ui.page.$$eval('tr.overdue[data-testid=request]', (rows) =>
        rows.map((row) => row.getAttribute('data-number')),
      ),
    ).toEqual(['2']);
    await screenshot(ui.page, 'team-requests');

    // The request's review is a link to it.
    await ui.page.click('[data-testid=request][data-number="1"] [data-testid=request-review]');
    await ui.page.waitForSelector(`[data-testid=review-detail][data-key=${REVIEW}]`);
    expect(ui.page.url()).toBe(`${ui.base}/#/${R}/review/${REVIEW}`);
  });

  it('switches teams, and shows the first team when none is chosen', async () => {
    const { report } = await api<{ report: { teams: { key: string }[] } }>(
      `query($r: String!) { report(key: $r) { teams { key } } }`,
      { r: R },
    );
    await open(`/${R}/team`);
    await ui.page.waitForSelector(`[data-testid=team][data-key=${report.teams[0].key}]`);

    await ui.page.selectOption('[data-testid=team-select]', OTHER_TEAM);
    await ui.page.waitForSelector(`[data-testid=team][data-key=${OTHER_TEAM}]`);
    expect(ui.page.url()).toBe(`${ui.base}/#/${R}/team/${OTHER_TEAM}`);
    const other = (await api<RequestsAnswer>(REQUESTS, { r: R, team: OTHER_TEAM })).report
      .informationRequests;
    expect(other.map((r) => r.number)).toEqual([3]);
    await ui.page.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid=request]')]
          .map((row) => row.getAttribute('data-number'))
          .join() === '3',
    );
  });

  it('is linked from the matrix, where teams are shown', async () => {
    await open(`/${R}/matrix`);
    await ui.page.fill('input[type=search]', FILE_PERMISSIONS);
    const row = `[data-testid=matrix-row][data-key=${FILE_PERMISSIONS}]`;
    expect(await ui.page.textContent(`${row} [data-testid=team-link]`)).toBe(TEAM);
    await ui.page.click(`${row} [data-testid=team-link]`);
    await ui.page.waitForSelector(`[data-testid=team][data-key=${TEAM}] [data-testid=request]`);
    expect(ui.page.url()).toBe(`${ui.base}/#/${R}/team/${TEAM}`);

    // And from the team's controls under the matrix.
    await open(`/${R}/matrix`);
    await ui.page.waitForSelector('[data-testid=matrix-row]');
    await ui.page.selectOption('[data-testid=team-filter]', TEAM);
    await ui.page.click('[data-testid=team-requests-link]');
    await ui.page.waitForSelector(`[data-testid=team][data-key=${TEAM}] [data-testid=request]`);
    expect(ui.page.url()).toBe(`${ui.base}/#/${R}/team/${TEAM}`);
  });
});
