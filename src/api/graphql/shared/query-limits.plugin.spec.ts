import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import {
  buildSchema,
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import { EXAMPLE_QUERIES, NESTED_REPORT_QUERY } from '../../../../bench/shared';
import * as dashboard from '../../../../web/src/queries';
import {
  checkQueryLimits,
  queryCost,
  QUERY_LIMITS,
  queryLimitsPlugin,
} from './query-limits.plugin';

const schema = buildSchema(readFileSync(join(__dirname, '../../../../schema.gql'), 'utf8'));

function operationOf(query: string): {
  document: DocumentNode;
  operation: OperationDefinitionNode;
} {
  const document = parse(query);
  // Only valid documents reach the limits (Apollo validates first).
  expect(validate(schema, document)).toEqual([]);
  return { document, operation: getOperationAST(document)! };
}

/** The refusal's message, or null when the query is within the limits. */
function refusal(query: string, variables?: Record<string, unknown>): string | null {
  const { document, operation } = operationOf(query);
  try {
    checkQueryLimits(schema, document, operation, variables);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(GraphQLError);
    expect((e as GraphQLError).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      http: { status: 400 },
    });
    return (e as GraphQLError).message;
  }
}

const costOf = (query: string) => queryCost(schema, parse(query));

/** `supports` down then `supportOf` up, alternately, through `levels` lists under a report's claims. */
function upAndDown(levels: number, claimsArgs = ''): string {
  return `{ report(key: "r") { claims${claimsArgs} { key ${belowClaim(levels)} } } }`;
}

/** The selection under a claim in upAndDown: `levels - 1` more lists. */
function belowClaim(levels: number): string {
  let inner = 'key';
  for (let i = levels - 1; i >= 1; i--) {
    const field = i % 2 === 1 ? 'supports' : 'supportOf';
    inner = `${field} { key ... on Claim { ${inner} } }`;
  }
  return inner;
}

describe('query limits', () => {
  const dashboardQueries = Object.entries(dashboard as Record<string, unknown>).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );

  // Every variable the dashboard's and the benchmark's queries declare.
  const variables = {
    report: 'r',
    key: 'r',
    failed: ['m1', 'm2'],
    latencies: [{ mitigation: 'm1', latency: '4h' }],
    order: 'default',
    budget: 20,
    pathway: 'p1',
    format: 'SVG',
    from: 'r0',
    to: 'r',
    findings: 'NONE',
    review: 'rv',
    team: 't',
  };

  it.each(dashboardQueries)('lets the dashboard query %s through', (_name, query) => {
    expect(refusal(query, variables)).toBeNull();
  });

  it.each([['nested report query', NESTED_REPORT_QUERY], ...Object.entries(EXAMPLE_QUERIES)])(
    'lets the benchmark query %s through',
    (_name, query) => {
      expect(refusal(query, variables)).toBeNull();
    },
  );

  it('refuses a document nested deeper than 12 fields, counting fragments where spread', () => {
    const nest = (levels: number) =>
      'supports { ... on Claim { '.repeat(levels) + 'key' + ' } }'.repeat(levels);
    // report, claims, 10 × supports, key = 13.
    expect(refusal(`{ report(key: "r") { claims(limit: 1) { ${nest(10)} } } }`)).toBe(
      'query is nested 13 levels deep; at most 12 are allowed',
    );
    // Twelve deep is within the depth limit (not the cost limit: eleven nested lists).
    expect(refusal(`{ report(key: "r") { claims(limit: 1) { ${nest(9)} } } }`)).not.toMatch(
      /nested/,
    );
    expect(
      refusal(
        `{ report(key: "r") { claims(limit: 1) { ...A } } }
         fragment A on Claim { supports { ... on Claim { ...B } } }
         fragment B on Claim { ${nest(9)} }`,
      ),
    ).toMatch(/^query is nested 13 levels deep/);
  });

  it('refuses more than 30 aliased fields, counting fragments where spread', () => {
    const aliased = (n: number) =>
      Array.from({ length: n }, (_, i) => `a${i}: reports(limit: 1) { key }`).join(' ');
    expect(refusal(`{ ${aliased(30)} }`)).toBeNull();
    expect(refusal(`{ ${aliased(31)} }`)).toBe(
      'query has 31 aliased fields; at most 30 are allowed',
    );
    expect(refusal(`{ ...F me { name } ...F } fragment F on Query { ${aliased(16)} }`)).toMatch(
      /^query has 32 aliased fields/,
    );
  });

  it('refuses more than 2,000 fields before anything else about their number', () => {
    const fields = Array.from({ length: 2001 }, (_, i) => `a${i}: me { name }`).join(' ');
    expect(refusal(`{ ${fields} }`)).toBe('query selects 4002 fields; at most 2000 are allowed');
  });

  it('measures a chain of fragments that each spread the next twice in linear time', () => {
    const chain = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    const started = Date.now();
    // 2^40 selections of `me { name }` once expanded.
    expect(refusal(`{ ...F0 }\n${chain}\nfragment F40 on Query { me { name } }`)).toMatch(
      /^query selects \d+ fields; at most 2000/,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('estimates cost: lists count 10 times, or limit times below that', () => {
    expect(costOf('{ reports { key } }')).toBe(1 + 10 * 1);
    expect(costOf('{ reports(limit: 3) { key title } }')).toBe(1 + 3 * 2);
    expect(costOf('{ reports(limit: 500) { key } }')).toBe(1 + 10 * 1);
    expect(costOf('{ report(key: "r") { key title } }')).toBe(1 + 2);
  });

  it('refuses lists nested five deep, which grow with the fan-out to the fifth, unless paged', () => {
    expect(costOf(upAndDown(4))).toBeLessThan(QUERY_LIMITS.maxCost);
    expect(refusal(upAndDown(4))).toBeNull();
    expect(refusal(upAndDown(5))).toMatch(
      /^query has an estimated cost of \d+; at most 50000 is allowed/,
    );
    expect(refusal(upAndDown(5, '(limit: 2)'))).toBeNull();
  });

  it('bounds every String argument, literal or variable, in fragments too: a key 80, a note 2,000', () => {
    const key81 = 'k'.repeat(81);
    expect(refusal(`{ report(key: "${key81}") { key } }`)).toBe(
      'key must be at most 80 characters',
    );
    expect(refusal(`{ ...F } fragment F on Query { report(key: "${key81}") { key } }`)).toBe(
      'key must be at most 80 characters',
    );
    expect(
      refusal(
        'query($f: [String!]!) { whatBreaks(report: "r", failed: $f) { alsoFailed { key } } }',
        {
          f: ['ok', key81],
        },
      ),
    ).toBe('each entry of failed must be at most 80 characters');
    const setStatus = (note: string) =>
      `mutation { setMitigationStatus(report: "r", key: "m", status: failed, note: "${note}") { key } }`;
    expect(refusal(setStatus('n'.repeat(2000)))).toBeNull();
    expect(refusal(setStatus('n'.repeat(2001)))).toBe('note must be at most 2000 characters');
    // A case file's size is parseCaseFile's to refuse, with an issue like any other.
    expect(
      refusal('query($d: String!) { checkCase(document: $d) { valid } }', { d: 'x'.repeat(1e6) }),
    ).toBeNull();
  });

  it('refuses bad variables with BAD_USER_INPUT, as execution would, not a 500', () => {
    const query = 'query($n: Int) { reports(limit: $n) { key } }';
    expect(refusal(query, { n: 'many' })).toMatch(/Variable "\$n" got invalid value "many"/);
    expect(refusal(query, { n: 3 })).toBeNull();
  });
});

describe('query limits, on a document sent again', () => {
  /** Checks one parsed document each time, as Apollo hands it out again from its documentStore. */
  function checker(query: string): (variables?: Record<string, unknown>) => string | null {
    const { document, operation } = operationOf(query);
    return (variables) => {
      try {
        checkQueryLimits(schema, document, operation, variables);
        return null;
      } catch (e) {
        expect(e).toBeInstanceOf(GraphQLError);
        expect((e as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
        return (e as GraphQLError).message;
      }
    };
  }
  const thrice = (check: () => string | null) => [check(), check(), check()];
  const KEY_81 = 'k'.repeat(81);
  const deep = 'supports { ... on Claim { '.repeat(10) + 'key' + ' } }'.repeat(10);

  it.each([
    [
      'depth',
      `{ report(key: "r") { claims(limit: 1) { ${deep} } } }`,
      /^query is nested 13 levels/,
    ],
    [
      'aliases',
      `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: me { name }`).join(' ')} }`,
      /^query has 31 aliased fields/,
    ],
    ['cost', upAndDown(5), /^query has an estimated cost of \d+; at most 50000/],
    [
      'a literal argument',
      `{ report(key: "${KEY_81}") { key } }`,
      /^key must be at most 80 characters$/,
    ],
  ])('refuses it every time when over the limit on %s', (_limit, query, message) => {
    const check = checker(query);
    expect(thrice(() => check())).toEqual(Array(3).fill(expect.stringMatching(message)));
  });

  it('refuses in the same order every time: variables, cost, arguments in document order', () => {
    const check = checker(
      `query($k: String!) {
         report(key: $k) { claims { key ${belowClaim(5)} } }
         other: report(key: "${KEY_81}") { key }
       }`,
    );
    const cost = /^query has an estimated cost/;
    expect(thrice(() => check({ k: 'r' }))).toEqual(Array(3).fill(expect.stringMatching(cost)));
    expect(check({ k: 42 })).toMatch(/^Variable "\$k" got invalid value 42/);
    expect(check({ k: 'r' })).toMatch(cost);

    const paged = checker(
      `query($k: String!) {
         report(key: $k) { key }
         other: report(key: "${KEY_81}") { key }
       }`,
    );
    expect(paged({ k: 'r' })).toBe('key must be at most 80 characters');
    expect(paged({ k: 'r\u0000' })).toBe('key must not contain NUL (U+0000) characters');
    expect(paged({ k: 'r' })).toBe('key must be at most 80 characters');
  });

  it('estimates the cost again for each limit a variable gives', () => {
    const check = checker(
      `query($n: Int) { report(key: "r") { claims(limit: $n) { key ${belowClaim(5)} } } }`,
    );
    const cost = /^query has an estimated cost/;
    expect(check({ n: 2 })).toBeNull();
    expect(check({ n: 10 })).toMatch(cost);
    expect(check({ n: 2 })).toBeNull();
    expect(check({})).toMatch(cost);
    expect(check({ n: 'many' })).toMatch(/^Variable "\$n" got invalid value "many"/);
  });

  it('estimates the cost again for each @include or @skip a variable decides', () => {
    const check = checker(
      `query($big: Boolean!) {
         report(key: "r") { claims { key ... on Claim @include(if: $big) { ${belowClaim(5)} } } }
       }`,
    );
    expect(check({ big: false })).toBeNull();
    expect(check({ big: true })).toMatch(/^query has an estimated cost/);
    expect(check({ big: false })).toBeNull();
  });

  it('checks the arguments variables give for each request, in fragments too', () => {
    const check = checker(
      `query($r: String!, $f: [String!]!) { ...W }
       fragment W on Query { whatBreaks(report: $r, failed: $f) { alsoFailed { key } } }`,
    );
    expect(check({ r: 'r', f: ['m'] })).toBeNull();
    expect(check({ r: 'r', f: ['m', KEY_81] })).toBe(
      'each entry of failed must be at most 80 characters',
    );
    expect(check({ r: 'r\u0000', f: [] })).toBe('report must not contain NUL (U+0000) characters');
    expect(check({ r: 'r', f: ['\uD800'] })).toBe(
      'failed[0] must be valid Unicode: it has an unpaired surrogate',
    );
    expect(check({ r: 'r', f: ['m'] })).toBeNull();
  });

  it('is checked through Apollo, which hands out the same document for the same text', async () => {
    const documents = new Set<DocumentNode>();
    const server = new ApolloServer({
      schema,
      plugins: [
        queryLimitsPlugin(),
        {
          requestDidStart: () =>
            Promise.resolve({
              didResolveOperation: ({ document }) => {
                documents.add(document);
                return Promise.resolve();
              },
            }),
        },
      ],
    });
    const query = `query($n: Int) {
      report(key: "r") { claims(limit: $n) { key ${belowClaim(5)} } }
    }`;
    const statuses: (number | undefined)[] = [];
    for (const n of [10, 10, 2, 10]) {
      const response = await server.executeOperation({ query, variables: { n } });
      statuses.push(response.http.status);
    }
    await server.stop();
    expect(documents.size).toBe(1);
    expect(statuses).toEqual([400, 400, undefined, 400]);
  });
});
