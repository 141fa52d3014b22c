import type { Browser, Page } from 'playwright-core';
import { launchBrowser, listen, openPage } from './browser';
import { createTestApp, type TestApp } from './create-app';
import { IMPORT } from './fixtures';

/** What a dashboard spec drives: set up by `useDashboard`, a fresh page for every test. */
export interface Dashboard {
  /** The app on the spec's own database, seeded once. */
  readonly t: TestApp;
  /** Where it listens: `http://127.0.0.1:<port>`. */
  readonly base: string;
  /** This test's page. */
  readonly page: Page;
  /**
   * This test's uncaught page errors and console errors. The test fails on any left at its end:
   * a test that expects some checks them and then empties the array.
   */
  readonly pageErrors: string[];
  /** Sends a GraphQL document with the administrator's token; fails the test on any error. */
  api<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Opens a view signed in with a sign-in link (the token in the fragment, as the first start prints it). */
  open(hash: string, token?: string): Promise<unknown>;
}

/**
 * Registers, in the calling `describe`, the hooks every dashboard spec needs: the app (seeded by
 * `seed`) listening on a free port and one Chromium for the file; a page per test that fails the
 * test when the dashboard throws or logs an error, even when what it shows looks right.
 */
export function useDashboard(seed: (t: TestApp) => Promise<void>): Dashboard {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let base = '';
  const pageErrors: string[] = [];
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is set up in beforeAll/beforeEach`);
    return value;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seed(t);
    base = await listen(t);
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    pageErrors.length = 0;
    page = await openPage(ready(browser, 'the browser'), pageErrors);
  });
  afterEach(async () => {
    await page?.close();
    expect(pageErrors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  return {
    get t() {
      return ready(t, 'the app');
    },
    get base() {
      return ready(base || undefined, 'the base URL');
    },
    get page() {
      return ready(page, 'the page');
    },
    pageErrors,
    async api<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const res = await ready(t, 'the app').gql<T>(query, variables);
      expect(res.errors).toBeUndefined();
      return res.data!;
    },
    open(hash: string, token?: string) {
      const separator = hash.includes('?') ? '&' : '?';
      const secret = encodeURIComponent(token ?? ready(t, 'the app').adminToken);
      return ready(page, 'the page').goto(`${base}/#${hash}${separator}token=${secret}`);
    },
  };
}

/** Imports case files in order, each of which must import: a seed for `useDashboard`. */
export async function importCases(t: TestApp, documents: string[]): Promise<void> {
  for (const document of documents) {
    expect((await t.gql(IMPORT, { document })).errors).toBeUndefined();
  }
}
