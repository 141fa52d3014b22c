import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import { EXAMPLE_QUERIES, NESTED_REPORT_QUERY } from '../../bench/shared';
import * as dashboard from '../../web/src/queries';
import { checkQueryLimits, queryCost, QUERY_LIMITS } from './query-limits.plugin';

const schema = buildSchema(readFileSync(join(__dirname, '../../schema.gql'), 'utf8'));

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
  let inner = 'key';
  for (let i = levels - 1; i >= 1; i--) {
    const field = i % 2 === 1 ? 'supports' : 'supportOf';
    inner = `${field} { key ... on Claim { ${inner} } }`;
  }
  return `{ report(key: "r") { claims${claimsArgs} { key ${inner} } } }`;
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
    order: 'default',
    budget: 20,
    pathway: 'p1',
    format: 'SVG',
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
