import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from '../utils/browser';
import { importCases, useDashboard } from '../utils/browser-fixture';
import { createToken } from '../utils/tokens';

const example = (name: string) => readFileSync(join(__dirname, '../../examples', name), 'utf8');
const PILOT = 'pilot-2025';
const NEXT = 'next-model-2026';

type State = { holds: boolean; margin: number | null } | null;
type Shift = {
  key: string | null;
  previousKey: string | null;
  kind: 'pathway' | 'claim';
  before: State;
  after: State;
};
type Pair = { argument: string; loadBearing: string };
type DiffAnswer = {
  diffReports: {
    structure: {
      renamed: { from: string; to: string }[];
      splits: { from: string; into: string[] }[];
      merges: { from: string[]; into: string }[];
      added: { key: string }[];
      removed: { key: string }[];
    };
    analysis: {
      arguments: Shift[];
      loadBearing: { appeared: Pair[]; disappeared: Pair[] };
    };
    summary: {
      regressions: { key: string; previousKey: string }[];
      structuralChanges: number;
      argumentsChanged: number;
    };
  };
};
const DIFF = `query($from: String!, $to: String!) { diffReports(from: $from, to: $to) {
  structure {
    renamed { from to } splits { from into } merges { from into } added { key } removed { key }
  }
  analysis {
    arguments { key previousKey kind before { holds margin } after { holds margin } }
    loadBearing { appeared { argument loadBearing } disappeared { argument loadBearing } }
  }
  summary { regressions { key previousKey } structuralChanges argumentsChanged }
} }`;

type ReadinessAnswer = {
  readiness: {
    ready: boolean;
    pathwaysNotHolding: { key: string }[];
    evidenceToRedo: { evidence: { key: string } }[];
    plan: { rank: number; evidence: { key: string } }[];
  };
};
const READINESS = `query($r: String!) { readiness(report: $r) {
  ready pathwaysNotHolding { key } evidenceToRedo { evidence { key } } plan { rank evidence { key } }
} }`;

/** A shift as the compare view's row attributes carry it ('' for absent or above maxOrder). */
const asShown = (a: Shift) => ({
  kind: a.kind,
  key: a.key ?? '',
  previousKey: a.previousKey ?? '',
  beforeHolds: a.before ? String(a.before.holds) : '',
  beforeMargin: a.before?.margin?.toString() ?? '',
  afterHolds: a.after ? String(a.after.holds) : '',
  afterMargin: a.after?.margin?.toString() ?? '',
});
const changed = (a: Shift) =>
  !a.before || !a.after || a.before.holds !== a.after.holds || a.before.margin !== a.after.margin;

describe('the dashboard compares two reports and shows a draft’s readiness, on the example cases', () => {
  // The pilot first: the draft names it as its previous report.
  const ui = useDashboard((t) =>
    importCases(t, [example('pilot-sabotage-risk-report.yaml'), example('next-model-draft.yaml')]),
  );
  const { api, open } = ui;

  /** What the compare view shows, read from its data attributes. */
  async function shownDiff(p: Page) {
    const rows = await p.$$eval('[data-testid=diff-argument]', (trs) =>
      trs.map((tr) => ({
        kind: tr.getAttribute('data-kind'),
        key: tr.getAttribute('data-key'),
        previousKey: tr.getAttribute('data-previous-key'),
        beforeHolds: tr.getAttribute('data-before-holds'),
        beforeMargin: tr.getAttribute('data-before-margin'),
        afterHolds: tr.getAttribute('data-after-holds'),
        afterMargin: tr.getAttribute('data-after-margin'),
        regression: tr.getAttribute('data-regression') === 'true',
      })),
    );
    const pairs = (testid: string) =>
      p.$$eval(`[data-testid=${testid}]`, (trs) =>
        trs.map((tr) => ({
          argument: tr.getAttribute('data-argument')!,
          loadBearing: tr.getAttribute('data-item')!,
        })),
      );
    return {
      arguments: rows.map(({ regression: _, ...shown }) => shown),
      regressions: rows
        .filter((r) => r.regression)
        .map((r) => ({ key: r.key, previousKey: r.previousKey })),
      gained: await pairs('lb-gained'),
      lost: await pairs('lb-lost'),
    };
  }

  /** The diff as the compare view should show it: changed pathways, then changed claims. */
  function expectedDiff({ diffReports: d }: DiffAnswer) {
    const shifts = d.analysis.arguments.filter(changed);
    const byKey = (a: { key: string | null }, b: { key: string | null }) =>
      (a.key ?? '').localeCompare(b.key ?? '');
    return {
      arguments: [
        ...shifts.filter((a) => a.kind === 'pathway'),
        ...shifts.filter((a) => a.kind === 'claim'),
      ].map(asShown),
      regressions: d.summary.regressions.map(({ key, previousKey }) => ({ key, previousKey })),
      gained: d.analysis.loadBearing.appeared,
      lost: d.analysis.loadBearing.disappeared,
      byKey,
    };
  }

  it('compares the draft with its previous report and shows what diffReports answers', async () => {
    const answer = await api<DiffAnswer>(DIFF, { from: PILOT, to: NEXT });
    const { byKey, ...expected } = expectedDiff(answer);
    // The example case exercises every part of the view.
    expect(expected.arguments.length).toBeGreaterThan(0);
    expect(expected.regressions.length).toBeGreaterThan(0);
    expect(expected.gained.length + expected.lost.length).toBeGreaterThan(0);

    await open(`/${NEXT}/compare`);
    await ui.page.waitForSelector('[data-testid=diff-argument]');
    // `from` defaults to the report's previous one.
    expect(await ui.page.inputValue('[data-testid=compare-from]')).toBe(PILOT);
    expect(await ui.page.getAttribute('[data-testid=compare-from-card]', 'data-key')).toBe(PILOT);
    expect(await ui.page.getAttribute('[data-testid=compare-to-card]', 'data-key')).toBe(NEXT);

    const shown = await shownDiff(ui.page);
    expect(shown.arguments).toEqual(expected.arguments);
    expect([...shown.regressions].sort(byKey)).toEqual([...expected.regressions].sort(byKey));
    expect(shown.gained).toEqual(expected.gained);
    expect(shown.lost).toEqual(expected.lost);
    // Every regression is a changed argument highlighted as one.
    expect(
      await ui.page.$$eval('tr.regression[data-testid=diff-argument]', (trs) => trs.length),
    ).toBe(expected.regressions.length);
    // A renamed pathway shows the key it had.
    const renamed = expected.arguments.find(
      (a) => a.kind === 'pathway' && a.key && a.previousKey && a.key !== a.previousKey,
    )!;
    expect(
      await ui.page.textContent(`[data-testid=diff-argument][data-key=${renamed.key}]`),
    ).toContain(`was ${renamed.previousKey}`);

    // The structural summary.
    const { structure, summary } = answer.diffReports;
    expect(await ui.page.textContent('[data-testid=structural-changes]')).toBe(
      String(summary.structuralChanges),
    );
    expect(await ui.page.textContent('[data-testid=arguments-changed]')).toBe(
      String(summary.argumentsChanged),
    );
    const attrs = (testid: string, ...names: string[]) =>
      ui.page.$$eval(
        `[data-testid=${testid}]`,
        (nodes, names) => nodes.map((n) => names.map((name) => n.getAttribute(name)).join(':')),
        names,
      );
    expect(await attrs('structure-added', 'data-key')).toEqual(structure.added.map((n) => n.key));
    expect(await attrs('structure-removed', 'data-key')).toEqual(
      structure.removed.map((n) => n.key),
    );
    expect(await attrs('structure-renamed', 'data-from', 'data-to')).toEqual(
      structure.renamed.map((r) => `${r.from}:${r.to}`),
    );
    expect(await attrs('structure-split', 'data-from', 'data-into')).toEqual(
      structure.splits.map((s) => `${s.from}:${s.into.join(' ')}`),
    );
    expect(await attrs('structure-merged', 'data-from', 'data-into')).toEqual(
      structure.merges.map((m) => `${m.from.join(' ')}:${m.into}`),
    );
    expect(structure.renamed.length + structure.splits.length).toBeGreaterThan(0);
    await screenshot(ui.page, 'compare');

    // The same comparison under the address a link shares.
    await ui.page.goto(`${ui.base}/#/${NEXT}/compare/${PILOT}`);
    await ui.page.waitForSelector('[data-testid=diff-argument]');
    expect((await shownDiff(ui.page)).arguments).toEqual(expected.arguments);
  });

  it('compares the other way round when the report has no previous one: the first other report', async () => {
    const answer = await api<DiffAnswer>(DIFF, { from: NEXT, to: PILOT });
    const { byKey, ...expected } = expectedDiff(answer);
    await open(`/${PILOT}/compare`);
    await ui.page.waitForSelector('[data-testid=diff-argument]');
    expect(await ui.page.inputValue('[data-testid=compare-from]')).toBe(NEXT);
    const shown = await shownDiff(ui.page);
    expect(shown.arguments).toEqual(expected.arguments);
    expect([...shown.regressions].sort(byKey)).toEqual([...expected.regressions].sort(byKey));
    expect(shown.gained).toEqual(expected.gained);
    expect(shown.lost).toEqual(expected.lost);
  });

  it('says there is nothing to compare with when only one report is listed', async () => {
    const { token } = await createToken(ui.t, { role: 'viewer', report: PILOT });
    await open(`/${PILOT}/compare`, token);
    await ui.page.waitForSelector('[data-testid=nothing-to-compare]');
    expect(await ui.page.$$('[data-testid=diff-argument]')).toEqual([]);
  });

  it('shows the draft’s readiness and its re-establishment plan in the order the API ranks it', async () => {
    const { readiness } = await api<ReadinessAnswer>(READINESS, { r: NEXT });
    expect(readiness.ready).toBe(false);
    expect(readiness.plan.length).toBeGreaterThan(1);

    await open(`/${NEXT}/overview`);
    await ui.page.waitForSelector('[data-testid=plan-item]');
    expect(await ui.page.getAttribute('[data-testid=readiness]', 'data-ready')).toBe('false');
    const plan = await ui.page.$$eval('[data-testid=plan-item]', (rows) =>
      rows.map((row) => ({
        rank: Number(row.getAttribute('data-rank')),
        key: row.getAttribute('data-key'),
      })),
    );
    expect(plan).toEqual(
      readiness.plan.map((item) => ({ rank: item.rank, key: item.evidence.key })),
    );
    const listed = (testid: string) =>
      ui.page.$$eval(`[data-testid=${testid}] li`, (items) =>
        items.map((li) => li.getAttribute('data-key')),
      );
    expect(await listed('pathways-not-holding')).toEqual(
      readiness.pathwaysNotHolding.map((p) => p.key),
    );
    expect(await listed('evidence-to-redo')).toEqual(
      readiness.evidenceToRedo.map((e) => e.evidence.key),
    );
    await screenshot(ui.page, 'readiness');

    // The overview links to the comparison with the previous report.
    await ui.page.click('[data-testid=compare-previous]');
    await ui.page.waitForSelector('[data-testid=diff-argument]');
    expect(ui.page.url()).toBe(`${ui.base}/#/${NEXT}/compare/${PILOT}`);
  });

  it('shows no readiness panel once a report is published', async () => {
    // Imported without a state, the pilot starts as a draft and shows its readiness.
    await open(`/${PILOT}/overview`);
    await ui.page.waitForSelector('[data-testid=readiness]');
    const { publishReport } = await api<{ publishReport: { state: string } }>(
      `mutation($k: String!) { publishReport(key: $k) { state } }`,
      { k: PILOT },
    );
    expect(publishReport.state).toBe('published');
    await ui.page.reload();
    await ui.page.waitForSelector('[data-testid=pathway]');
    expect(await ui.page.$$('[data-testid=readiness]')).toEqual([]);
    expect(await ui.page.$$('[data-testid=plan-item]')).toEqual([]);
  });
});
