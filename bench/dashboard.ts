import { chromium } from 'playwright-core';
import { timed, type Measurement } from './shared';

/** A write after which the dashboard is opened: the report's new version is not analysed yet. */
export interface Change {
  readonly name: string;
  run(): Promise<unknown>;
}

/**
 * The dashboard's first render in headless Chromium: from navigation until the overview shows
 * every pathway (and until the matrix shows its first page). A first render right after each of
 * `changes` (a new version, not analysed yet: the most a user waits for), then with the analysis
 * cached, each in a fresh page.
 */
export async function benchDashboard(
  origin: string,
  token: string,
  reportKey: string,
  pathways: number,
  changes: readonly Change[],
): Promise<Measurement[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const render =
    (view: string, ready: (page: import('playwright-core').Page) => Promise<unknown>) =>
    async () => {
      const page = await browser.newPage();
      // Signed in by link, as the first start prints it (the token in the fragment, after the view).
      await page.goto(
        `${origin}/#/${encodeURIComponent(reportKey)}/${view}?token=${encodeURIComponent(token)}`,
      );
      await ready(page);
      await page.close();
    };
  // A locator, not a predicate evaluated in the page: the dashboard's CSP forbids eval.
  const overview = render('overview', (page) =>
    page
      .locator('[data-testid=pathway]')
      .nth(pathways - 1)
      .waitFor({ timeout: 60_000 }),
  );
  const matrix = render('matrix', (page) =>
    page.waitForSelector('[data-testid=matrix-row]', { timeout: 60_000 }),
  );
  try {
    const afterChanges: Measurement[] = [];
    for (const change of changes) {
      await change.run();
      afterChanges.push(await timed(`dashboard overview, right after ${change.name}`, 1, overview));
    }
    return [
      ...afterChanges,
      await timed('dashboard overview', 3, overview),
      await timed('dashboard matrix (first page)', 3, matrix, 1),
    ];
  } finally {
    await browser.close();
  }
}
