import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from '../utils/browser';
import { importCases, useDashboard } from '../utils/browser-fixture';

const EXAMPLE = readFileSync(
  join(__dirname, '../../examples/pilot-sabotage-risk-report.yaml'),
  'utf8',
);
const R = 'pilot-2025';
const FILE_PERMISSIONS = 'weight-storage-file-permissions';

type Keyed = { key: string };
const sortedKeys = (nodes: Keyed[]) => nodes.map((n) => n.key).sort();

describe('the dashboard in headless Chromium, on the example case', () => {
  // A dashboard that throws or logs errors fails, even when what it shows looks right.
  const ui = useDashboard((t) => importCases(t, [EXAMPLE]));
  const { api, open, pageErrors } = ui;

  type PathwaysAnswer = {
    report: {
      pathways: (Keyed & {
        holds: boolean;
        margin: number | null;
        loadBearing: Keyed[];
        loadBearingEvidence: Keyed[];
      })[];
    };
  };
  const PATHWAYS = `query($r: String!) { report(key: $r) {
    pathways { key holds margin loadBearing { key } loadBearingEvidence { key } } } }`;

  /** What the overview shows per pathway, read from the page. */
  async function shownPathways(p: Page) {
    return p.$$eval('[data-testid=pathway]', (cards) =>
      cards.map((card) => ({
        key: card.getAttribute('data-key'),
        holds: card.getAttribute('data-holds') === 'true',
        margin:
          card.getAttribute('data-margin') === '' ? null : Number(card.getAttribute('data-margin')),
      })),
    );
  }

  it('serves the bundle at /, asks for a token and keeps it in the tab, with no request leaving the service', async () => {
    const outside: string[] = [];
    ui.page.on('request', (request) => {
      if (!request.url().startsWith(ui.base)) outside.push(request.url());
    });
    await ui.page.goto(`${ui.base}/`);
    await ui.page.waitForSelector('[data-testid=sign-in]');
    await ui.page.fill('[data-testid=token-input]', ui.t.adminToken);
    await ui.page.click('[data-testid=sign-in] button[type=submit]');
    await ui.page.waitForSelector('[data-testid=overview]');
    expect(await ui.page.textContent('[data-testid=signed-in-as]')).toContain('admin (owner)');
    expect(await ui.page.evaluate(() => sessionStorage.getItem('loadbearing-token'))).toBe(
      ui.t.adminToken,
    );
    expect(outside).toEqual([]);
    const index = await fetch(`${ui.base}/`);
    expect(index.headers.get('content-type')).toContain('text/html');
  });

  it('takes the token from a sign-in link and removes it from the address bar', async () => {
    const sent: string[] = [];
    ui.page.on('request', (request) => sent.push(request.url()));
    await open(`/${R}/overview`);
    await ui.page.waitForSelector('[data-testid=overview]');
    expect(ui.page.url()).toBe(`${ui.base}/#/${R}/overview`);
    // A fragment never reaches the server: no request carries the token.
    expect(sent.filter((url) => url.includes(ui.t.adminToken))).toEqual([]);
  });

  it('runs the GraphQL explorer under the content security policy (its inline bootstrap allowed by hash)', async () => {
    await ui.page.goto(`${ui.base}/graphql`);
    await ui.page.waitForSelector('.graphiql-container .CodeMirror');
    expect(pageErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    // Signed out, GraphiQL's introspection is refused (HTTP 400): expected here, not a page error.
    expect(pageErrors.every((e) => e.includes('status of 400'))).toBe(true);
    pageErrors.length = 0;
  });

  it('signs in with the link the first start prints', async () => {
    await ui.page.goto(`${ui.base}/#?token=${encodeURIComponent(ui.t.adminToken)}`);
    await ui.page.waitForSelector('[data-testid=overview]');
    expect(ui.page.url()).toBe(`${ui.base}/`);
  });

  it('shows every pathway with the holds and margin the API answers, and the single points', async () => {
    const answer = await api<PathwaysAnswer>(PATHWAYS, { r: R });
    await open(`/${R}/overview`);
    await ui.page.waitForSelector('[data-testid=pathway]');

    const expected = answer.report.pathways.map(({ key, holds, margin }) => ({
      key,
      holds,
      margin,
    }));
    expect(await shownPathways(ui.page)).toEqual(expected);
    const singlePoints = new Set(
      answer.report.pathways.flatMap((p) =>
        sortedKeys([...p.loadBearing, ...p.loadBearingEvidence]),
      ),
    );
    expect(await ui.page.textContent('[data-testid=single-points]')).toBe(
      String(singlePoints.size),
    );
    expect(await ui.page.textContent('[data-testid=pathways-broken]')).toBe(
      String(expected.filter((p) => !p.holds).length),
    );
    await screenshot(ui.page, 'overview');
  });

  it('lists the controls whose verification falls due as the API answers, overdue ones marked', async () => {
    const answer = await api<{
      report: { verificationDue: (Keyed & { verificationOverdue: boolean })[] };
    }>(
      `query($r: String!) { report(key: $r) { verificationDue(withinDays: 30) { key verificationOverdue } } }`,
      { r: R },
    );
    // The example's quarterly paging drill is overdue (last one 2026-06-15).
    expect(answer.report.verificationDue).toContainEqual({
      key: 'on-call-rota',
      verificationOverdue: true,
    });
    await open(`/${R}/overview`);
    await ui.page.waitForSelector('[data-testid=verification-due]');
    const shown = await ui.page.$$eval('[data-testid=verification-due] li', (items) =>
      items.map((li) => ({
        key: li.querySelector('code')!.textContent,
        overdue: li.querySelector('.overdue') !== null,
      })),
    );
    expect(shown).toEqual(
      answer.report.verificationDue.map((m) => ({ key: m.key, overdue: m.verificationOverdue })),
    );
  });

  it('runs a what-breaks simulation by clicking and shows exactly the broken pathways the API returns', async () => {
    const { whatBreaks } = await api<{
      whatBreaks: { brokenPathways: Keyed[]; brokenClaims: Keyed[]; weakened: Keyed[] };
    }>(
      `query($r: String!, $f: [String!]!) { whatBreaks(report: $r, failed: $f) {
        brokenPathways { key } brokenClaims { key } weakened { key } } }`,
      { r: R, f: [FILE_PERMISSIONS] },
    );
    expect(whatBreaks.brokenPathways.length).toBeGreaterThan(0);

    await open(`/${R}/matrix`);
    await ui.page.fill('input[type=search]', FILE_PERMISSIONS);
    await ui.page.click(
      `[data-testid=matrix-row][data-key=${FILE_PERMISSIONS}] [data-testid=fail-toggle]`,
    );
    await ui.page.waitForSelector('[data-testid=simulation-result]');

    const listed = async (list: string) =>
      (
        await ui.page.$$eval(`[data-testid=${list}] li`, (items) =>
          items.map((i) => i.getAttribute('data-key')!),
        )
      ).sort();
    expect(await listed('broken-pathways')).toEqual(sortedKeys(whatBreaks.brokenPathways));
    expect(await listed('broken-claims')).toEqual(sortedKeys(whatBreaks.brokenClaims));
    expect(await listed('weakened')).toEqual(sortedKeys(whatBreaks.weakened));
    // The matrix highlights the same pathways.
    const highlighted = await ui.page.$$eval(
      'th.simulated-broken[data-testid=matrix-column]',
      (ths) => ths.map((th) => th.getAttribute('data-key')!),
    );
    expect(highlighted.sort()).toEqual(sortedKeys(whatBreaks.brokenPathways));
    await ui.page.fill('input[type=search]', '');
    await screenshot(ui.page, 'matrix-simulation');

    // The overview marks them too, keeping the simulation across views.
    await ui.page.click('[data-testid=tab-overview]');
    await ui.page.waitForSelector('[data-testid=pathway].simulated-broken');
    const marked = await ui.page.$$eval('[data-testid=pathway].simulated-broken', (cards) =>
      cards.map((card) => card.getAttribute('data-key')!),
    );
    expect(marked.sort()).toEqual(sortedKeys(whatBreaks.brokenPathways));
  });

  it('draws a pathway’s argument with the simulation applied, fails a control on click, and downloads DOT', async () => {
    const pathway = 'self-exfiltration';
    await open(`/${R}/diagram/${pathway}`);
    const node = `[data-testid=diagram-svg] g.node[data-key=${FILE_PERMISSIONS}]`;
    await ui.page.waitForSelector(node);
    expect(await ui.page.getAttribute(node, 'data-state')).toBe('holds');
    expect(await ui.page.getAttribute(`g.node[data-key=${pathway}]`, 'data-state')).toBe('holds');

    await ui.page.click(node);
    await ui.page.waitForSelector(`g.node[data-key=${pathway}][data-state=broken]`);
    expect(await ui.page.getAttribute(node, 'data-state')).toBe('failed');
    // The simulator lists the same broken pathways as the API.
    const { whatBreaks } = await api<{ whatBreaks: { brokenPathways: Keyed[] } }>(
      `query($r: String!, $f: [String!]!) { whatBreaks(report: $r, failed: $f) { brokenPathways { key } } }`,
      { r: R, f: [FILE_PERMISSIONS] },
    );
    const listed = await ui.page.$$eval('[data-testid=broken-pathways] li', (items) =>
      items.map((i) => i.getAttribute('data-key')!),
    );
    expect(listed.sort()).toEqual(sortedKeys(whatBreaks.brokenPathways));
    await screenshot(ui.page, 'diagram-simulation');

    const [download] = await Promise.all([
      ui.page.waitForEvent('download'),
      ui.page.click('[data-testid=download-DOT]'),
    ]);
    expect(download.suggestedFilename()).toBe(`${R}-${pathway}.dot`);
    const dot = await readFile(await download.path(), 'utf8');
    expect(dot).toMatch(/^digraph /);
    expect(dot).toContain(FILE_PERMISSIONS);
  });

  it('filters the matrix by team and shows what rests on the team’s controls', async () => {
    const { report } = await api<{
      report: { mitigations: { key: string; team: string | null }[] };
    }>(`query($r: String!) { report(key: $r) { mitigations { key team } } }`, { r: R });
    const team = report.mitigations.find((m) => m.key === FILE_PERMISSIONS)!.team!;
    await open(`/${R}/matrix`);
    await ui.page.waitForSelector('[data-testid=matrix-row]');
    await ui.page.selectOption('[data-testid=team-filter]', team);
    await ui.page.waitForSelector('[data-testid=team-view]');
    const rows = await ui.page.$$eval('[data-testid=matrix-row]', (trs) =>
      trs.map((tr) => tr.getAttribute('data-key')!),
    );
    expect(rows.sort()).toEqual(
      report.mitigations
        .filter((m) => m.team === team)
        .map((m) => m.key)
        .sort(),
    );
    expect(
      await ui.page.textContent(`[data-testid=team-view] [data-key=${FILE_PERMISSIONS}]`),
    ).toContain('self-exfiltration');
  });

  it('ranks the planned work as the API does and plans within a budget', async () => {
    const budget = 6;
    const answer = await api<{
      roadmap: { mitigation: Keyed }[];
      plan: { steps: { item: { mitigation: Keyed } }[] };
    }>(
      `query($r: String!, $b: Float!) { roadmap(report: $r, limit: 50) { mitigation { key } }
        plan(report: $r, budget: $b) { steps { item { mitigation { key } } } } }`,
      { r: R, b: budget },
    );
    expect(answer.plan.steps.length).toBeGreaterThan(0);
    await open(`/${R}/roadmap`);
    await ui.page.waitForSelector('[data-testid=roadmap-item]');
    const ranked = await ui.page.$$eval('[data-testid=roadmap-item]', (rows) =>
      rows.map((row) => row.getAttribute('data-key')!),
    );
    expect(ranked).toEqual(answer.roadmap.map((item) => item.mitigation.key));

    await ui.page.fill('[data-testid=budget]', String(budget));
    await ui.page.press('[data-testid=budget]', 'Enter');
    const planned = answer.plan.steps.map((step) => step.item.mitigation.key);
    await ui.page.waitForFunction(
      (expected) =>
        JSON.stringify(
          [...document.querySelectorAll('[data-testid=plan] li')].map((li) =>
            li.getAttribute('data-key'),
          ),
        ) === expected,
      JSON.stringify(planned),
    );
    await screenshot(ui.page, 'roadmap');
  });

  it('shows each pathway’s failure probability and a pathway’s importance table as the API answers them', async () => {
    const fallback = 0.02;
    const answer = await api<{
      report: { pathways: (Keyed & { probability: { exact: number } })[] };
      importance: (Keyed & { dif: number })[];
    }>(
      `query($r: String!, $d: Float) {
        report(key: $r) { pathways { key probability(defaultProbability: $d) { exact } } }
        importance(report: $r, pathway: "self-exfiltration", defaultProbability: $d) { key dif } }`,
      { r: R, d: fallback },
    );
    await open(`/${R}/probability`);
    // The first answer (with the view's own default) first: a change typed before it could be
    // lost to the view's first render.
    await ui.page.waitForSelector('[data-testid=probability-row]');
    await ui.page.fill('[data-testid=default-probability]', String(fallback));
    await ui.page.press('[data-testid=default-probability]', 'Enter');
    const expected = answer.report.pathways.map((p) => [p.key, p.probability.exact.toPrecision(3)]);
    await ui.page.waitForFunction(
      (want) =>
        JSON.stringify(
          [...document.querySelectorAll('[data-testid=probability-row]')].map((row) => [
            row.getAttribute('data-key'),
            row.querySelector('[data-testid=exact]')!.textContent,
          ]),
        ) === want,
      JSON.stringify(expected),
    );
    expect(await ui.page.textContent('[data-testid=defaulted]')).toContain('egress-monitor');

    await ui.page.click('[data-testid=probability-row][data-key=self-exfiltration]');
    const byDif = [...answer.importance].sort((a, b) => b.dif - a.dif).map((i) => i.key);
    await ui.page.waitForFunction(
      (want) =>
        JSON.stringify(
          [...document.querySelectorAll('[data-testid=importance-row]')].map((row) =>
            row.getAttribute('data-key'),
          ),
        ) === want,
      JSON.stringify(byDif),
    );
    await screenshot(ui.page, 'probability');
  });

  it('updates without a reload when a status changes through the API', async () => {
    await open(`/${R}/overview`);
    await ui.page.waitForSelector('[data-testid=live].on');
    const before = await shownPathways(ui.page);
    // A marker on the window survives only if the page is not reloaded.
    await ui.page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

    await api(
      `mutation($r: String!, $k: String!) { setMitigationStatus(report: $r, key: $k, status: failed) { key } }`,
      { r: R, k: FILE_PERMISSIONS },
    );
    const after = (await api<PathwaysAnswer>(PATHWAYS, { r: R })).report.pathways.map(
      ({ key, holds, margin }) => ({ key, holds, margin }),
    );
    expect(after).not.toEqual(before);
    await ui.page.waitForFunction(
      (expected) => {
        const cards = [...document.querySelectorAll('[data-testid=pathway]')];
        return (
          JSON.stringify(
            cards.map((c) => [c.getAttribute('data-key'), c.getAttribute('data-holds') === 'true']),
          ) === expected
        );
      },
      JSON.stringify(after.map((p) => [p.key, p.holds])),
    );
    expect(await shownPathways(ui.page)).toEqual(after);
    expect(await ui.page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
    expect(await ui.page.textContent('[data-testid=last-change]')).toContain(FILE_PERMISSIONS);
    await screenshot(ui.page, 'overview-live');
  });
});
