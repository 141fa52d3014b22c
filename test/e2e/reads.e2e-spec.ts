import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import request from 'supertest';
import { generateLargeCase } from '../../src/core/analysis/generate-case';
import { exportCaseFile } from '../../src/core/case-format/export-case-file';
import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT } from '../utils/fixtures';

const NESTED = `query($key: String!) {
  report(key: $key) {
    key counts { pathways claims mitigations evidence teams }
    teams { key mitigations { key } }
    pathways { key supports { key ... on Claim { supports { key ... on Claim { supports { key } supportOf { key } } } } } }
    claims { key kind supports { key nodeKind } supportOf { key } }
    mitigations { key team owner { key } status dependsOn { key } dependents { key } supportOf { key } }
    evidence { key status supportOf { key } }
  }
}`;

describe('reading reports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function importGenerated(key: string, size: number) {
    const c = generateLargeCase({
      mitigations: 4 * size,
      claims: 10 * size,
      pathways: size,
      links: 40 * size,
      seed: size,
    });
    const document = exportCaseFile({ case: { ...c, report: { ...c.report, key } } });
    expect((await t.gql(IMPORT, { document })).errors).toBeUndefined();
  }

  /** Waits until the app sends no SQL for a while: writes fan out status events in the background. */
  async function settle(quietMs = 300, maxMs = 10_000) {
    const spy = jest.spyOn(t.dataSource.logger, 'logQuery');
    try {
      const deadline = Date.now() + maxMs;
      let seen = -1;
      while (spy.mock.calls.length !== seen && Date.now() < deadline) {
        seen = spy.mock.calls.length;
        await new Promise((r) => setTimeout(r, quietMs));
      }
    } finally {
      spy.mockRestore();
    }
  }

  /** SQL statements the app sends while answering one GraphQL request. */
  async function countQueries(query: string, variables: Record<string, unknown>) {
    await settle();
    const spy = jest.spyOn(t.dataSource.logger, 'logQuery');
    try {
      const res = await t.gql(query, variables);
      expect(res.errors).toBeUndefined();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }

  it('answers a deeply nested report query with a number of SQL queries that does not grow with the case', async () => {
    await importGenerated('small', 2);
    await importGenerated('large', 20);
    const small = await countQueries(NESTED, { key: 'small' });
    const large = await countQueries(NESTED, { key: 'large' });
    // One query per level of the request, whatever the number of nodes at that level.
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(20);
  });

  it('batches across reports too', async () => {
    const one = await countQueries(
      '{ reports(limit: 1) { key pathways { key supports { key } } } }',
      {},
    );
    const both = await countQueries('{ reports { key pathways { key supports { key } } } }', {});
    expect(both).toBe(one);
  });

  it('pages report lists in file order, with counts for paging', async () => {
    const all = await t.gql<{ report: { claims: { key: string }[]; counts: { claims: number } } }>(
      '{ report(key: "large") { counts { claims } claims { key } } }',
    );
    const page = await t.gql<{ report: { claims: { key: string }[] } }>(
      '{ report(key: "large") { claims(limit: 7, offset: 5) { key } } }',
    );
    expect(all.data!.report.claims).toHaveLength(all.data!.report.counts.claims);
    expect(page.data!.report.claims).toEqual(all.data!.report.claims.slice(5, 12));
    const bad = await t.gql('{ report(key: "large") { claims(limit: -1) { key } } }');
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers null for an unknown report and NOT_FOUND where a report is required', async () => {
    expect((await t.gql('{ report(key: "nope") { key } }')).data).toEqual({ report: null });
    const res = await t.gql('mutation { deletePathway(report: "nope", key: "x") }');
    expect(res.errors?.[0]).toMatchObject({
      message: "no report 'nope'",
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('refuses documents nested too deep (also through fragments) or too large, before running them', async () => {
    const nest = (levels: number) =>
      'supports { ... on Claim { '.repeat(levels) + 'key' + ' } }'.repeat(levels);
    // Fields along the deepest path: report, claims, 11 × supports, key = 14.
    const deep = await t.gql(`{ report(key: "large") { claims { ${nest(11)} } } }`);
    expect(deep.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(deep.errors?.[0].message).toMatch(/nested 14 levels deep; at most 12/);

    const viaFragments = await t.gql(
      `{ report(key: "large") { claims { ...A } } }
       fragment A on Claim { supports { ... on Claim { ...B } } }
       fragment B on Claim { supports { ... on Claim { ...C } } }
       fragment C on Claim { supports { ... on Claim { ${nest(9)} } } }`,
    );
    // report, claims, the supports of A, B and C, 9 more, key = 15.
    expect(viaFragments.errors?.[0].message).toMatch(/nested 15 levels deep/);

    const wide = await t.gql(
      `{ ${Array.from({ length: 2001 }, (_, i) => `a${i}: reports { key }`).join(' ')} }`,
    );
    expect(wide.errors?.[0].message).toMatch(/selects \d+ fields; at most 2000/);

    // What the benchmark asks (depth 5) runs.
    expect((await t.gql(NESTED, { key: 'small' })).errors).toBeUndefined();
  });

  it('serves the schema committed in schema.gql', () => {
    const committed = readFileSync(join(__dirname, '../../schema.gql'), 'utf8')
      .replace(/^#.*\n/gm, '')
      .trim();
    const served = printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema)).trim();
    // If this fails, run `npm run schema` and review the diff of schema.gql.
    expect(served).toBe(committed);
  });

  it('serves a self-contained explorer to browsers at GET /graphql', async () => {
    const page = await request(t.http).get('/graphql').set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('GraphiQL');
    expect(page.text).not.toMatch(/https?:\/\/(?!localhost)/);
    for (const asset of ['react.js', 'react-dom.js', 'graphiql.js', 'graphiql.css']) {
      const res = await request(t.http).get(`/explorer/${asset}`);
      expect(res.status).toBe(200);
      expect(Number(res.headers['content-length'] ?? res.text.length)).toBeGreaterThan(1000);
    }
  });

  it('reports health', async () => {
    const res = await request(t.http).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });
});
