import { chromium } from 'playwright-core';
import { timed, type Measurement } from './shared';

/**
 * The dashboard's first render in headless Chromium: from navigation until the overview shows
 * every pathway (and until the matrix shows its first page). The first load meets a cold
 * analysis cache, right after the import; the later ones a warm one, each in a fresh page.
 */
export async function benchDashboard(
  origin: string,
  token: string,
  reportKey: string,
  pathways: number,
): Promise<Measurement[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const render =
    (view: string, ready: (page: import('playwright-core').Page) => Promise<unknown>) =>
    async () => {
      const page = await browser.newPage();
      // Signed in by link, as the first start prints it.
      await page.goto(
        `${origin}/?token=${encodeURIComponent(token)}#/${encodeURIComponent(reportKey)}/${view}`,
      );
      await ready(page);
      await page.close();
    };
  // A string, evaluated in the page: bench/ is compiled without the DOM's types.
  const overview = render('overview', (page) =>
    page.waitForFunction(
      `document.querySelectorAll('[data-testid=pathway]').length === ${pathways}`,
      undefined,
      { timeout: 60_000 },
    ),
  );
  const matrix = render('matrix', (page) =>
    page.waitForSelector('[data-testid=matrix-row]', { timeout: 60_000 }),
  );
  try {
    return [
      await timed('dashboard overview, cold cache', 1, overview),
      await timed('dashboard overview', 3, overview),
      await timed('dashboard matrix (first page)', 3, matrix, 1),
    ];
  } finally {
    await browser.close();
  }
}
