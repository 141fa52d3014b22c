import {
  AddFindingInput,
  CreateReviewInput,
  RecordSharedInput,
  SupportLinkInput,
} from '../../src/api/graphql/inputs/review.input';
import { Logger } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getMetadataStorage } from 'class-validator';
import {
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  isInputObjectType,
  isNonNullType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import request from 'supertest';
import { CreateAccessTokenInput } from '../../src/api/graphql/models/access-token.model';
import { MAX_DOCUMENT_BYTES } from '../../src/core/case-format/parse-case-file';
import { CreateClaimInput, UpdateClaimInput } from '../../src/api/graphql/inputs/claim.input';
import {
  CreateEvidenceInput,
  UpdateEvidenceInput,
} from '../../src/api/graphql/inputs/evidence.input';
import {
  CreateMitigationInput,
  UpdateMitigationInput,
} from '../../src/api/graphql/inputs/mitigation.input';
import { CreatePathwayInput, UpdatePathwayInput } from '../../src/api/graphql/inputs/pathway.input';
import { CreateReportInput, UpdateReportInput } from '../../src/api/graphql/inputs/report.input';
import { MAX_ARGUMENT_LENGTH } from '../../src/api/graphql/shared/query-limits.plugin';
import { ReportsService } from '../../src/case/reports/reports.service';
import { CreateTeamInput, UpdateTeamInput } from '../../src/api/graphql/inputs/team.input';
import { LatencyOverrideInput } from '../../src/api/graphql/inputs/latency-override.input';
import * as dashboard from '../../web/src/queries';
import {
  AnswerInformationRequestInput,
  CreateInformationRequestInput,
} from '../../src/api/graphql/inputs/request.input';
import { createTestApp, type GqlResponse, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';
import { savedState } from '../utils/row-counts';
import { createToken } from '../utils/tokens';

const R = 'pilot-2025';

interface Answer {
  status: number;
  body: GqlResponse<Record<string, unknown>> & { statusCode?: number; message?: string };
  headers: Record<string, string>;
}

/** POSTs a JSON body (any JSON: batches are arrays) to /graphql; the status, headers and body. */
async function post(t: TestApp, body: unknown, token: string | null = t.adminToken) {
  const req = request(t.http).post('/graphql').set('Content-Type', 'application/json');
  if (token) void req.set('Authorization', `Bearer ${token}`);
  const res = await req.send(JSON.stringify(body));
  const answer: Answer = {
    status: res.status,
    body: res.body as Answer['body'],
    headers: res.headers,
  };
  return answer;
}

/** The answer's only error, asserting there is exactly one. */
function onlyError(answer: Answer) {
  expect(answer.body.errors).toHaveLength(1);
  return answer.body.errors![0];
}

describe('GraphQL hardening and bad input (development defaults)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  /** Runs `send` and asserts it wrote nothing: rows, history and report versions. */
  async function writesNothing<T>(send: () => Promise<T>): Promise<T> {
    const before = await savedState(t.dataSource);
    const result = await send();
    expect(await savedState(t.dataSource)).toEqual(before);
    return result;
  }

  describe('document limits', () => {
    const nest = (levels: number) =>
      'supports { ... on Claim { '.repeat(levels) + 'key' + ' } }'.repeat(levels);
    const aliased = (n: number, field = 'reports { key }') =>
      Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');

    it.each([
      [
        'too deep',
        `{ report(key: "${R}") { claims(limit: 1) { ${nest(11)} } } }`,
        'query is nested 14 levels deep; at most 12 are allowed',
      ],
      [
        'too many fields',
        `{ ${aliased(1001, 'me { name }')} }`,
        'query selects 2002 fields; at most 2000 are allowed',
      ],
      [
        'too many aliases',
        `{ ${aliased(31)} }`,
        'query has 31 aliased fields; at most 30 are allowed',
      ],
      [
        'too costly',
        `{ reports { pathways { supports { ... on Claim { supports { ... on Claim { supports { key } } } } } } } }`,
        "query has an estimated cost of 111111; at most 50000 is allowed (each field costs 1, a list's fields count 10 times, or limit times with a smaller limit)",
      ],
    ])(
      'refuses a document %s: HTTP 400, BAD_USER_INPUT naming the limit',
      async (_what, query, message) => {
        const answer = await post(t, { query });
        expect(answer.status).toBe(400);
        expect(onlyError(answer)).toEqual({ message, extensions: { code: 'BAD_USER_INPUT' } });
      },
    );

    it('refuses an aliased mutation before running any of it', async () => {
      const set = (i: number) =>
        `m${i}: setMitigationStatus(report: "${R}", key: "egress-monitor", status: degraded, note: "n${i}") { key }`;
      const answer = await writesNothing(() =>
        post(t, {
          query: `mutation { ${Array.from({ length: 31 }, (_, i) => set(i)).join(' ')} }`,
        }),
      );
      expect(answer.status).toBe(400);
      expect(onlyError(answer).message).toMatch(/31 aliased fields; at most 30/);
    });

    it('runs every query of the dashboard on a real report within the limits', async () => {
      // The compare view needs a second report: the next one, deleted again at the end.
      const next = `${R}-next`;
      const imported = await t.gql(IMPORT, {
        document: SPEC_EXAMPLE.replace(`key: ${R}`, `key: ${next}`),
      });
      expect(imported.errors).toBeUndefined();
      const reviewed = await t.gql(
        `mutation { createReview(report: "${R}", input: { key: "dashboard-review", title: "T", reviewer: "X", kind: internal, clearance: full }) { key } }`,
      );
      expect(reviewed.errors).toBeUndefined();
      const variables = {
        from: R,
        to: next,
        report: R,
        failed: ['log-pipeline'],
        // The what-breaks panel's "re-time a mitigation": the monitor takes 4h to detect.
        latencies: [{ mitigation: 'egress-monitor', latency: '4h' }],
        order: 'default',
        budget: 10,
        pathway: 'self-exfiltration',
        format: 'SVG',
        // The probability view always sends one: the example has no probabilities of its own.
        defaultProbability: 0.01,
        findings: 'NONE',
        review: 'dashboard-review',
        team: 'security',
      };
      for (const [name, query] of Object.entries(dashboard)) {
        if (typeof query !== 'string') continue;
        const answer = await post(t, { query, variables });
        expect({ name, status: answer.status, errors: answer.body.errors }).toEqual({
          name,
          status: 200,
          errors: undefined,
        });
      }
      expect((await t.gql(`mutation { deleteReport(key: "${next}") }`)).errors).toBeUndefined();
    });

    it('stops parsing a document of more than 50,000 tokens: HTTP 400 GRAPHQL_PARSE_FAILED', async () => {
      const answer = await post(t, { query: `{ reports { ${'key '.repeat(50_000)} } }` });
      expect(answer.status).toBe(400);
      expect(onlyError(answer)).toMatchObject({
        message: 'Syntax Error: Document contains more that 50000 tokens. Parsing aborted.',
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      });
    });

    it('refuses batched requests (a JSON array): HTTP 400, none of them runs', async () => {
      const set = {
        query: `mutation { setMitigationStatus(report: "${R}", key: "egress-monitor", status: degraded) { key } }`,
      };
      const answer = await writesNothing(() => post(t, [set, set]));
      expect(answer.status).toBe(400);
      expect(onlyError(answer)).toEqual({
        message: 'Operation batching disabled.',
        extensions: { code: 'BAD_REQUEST' },
      });
    });

    it('answers a bad enum value or a wrong type in variables with HTTP 400 BAD_USER_INPUT', async () => {
      const setStatus = `mutation($status: MitigationStatus!, $note: String) {
        setMitigationStatus(report: "${R}", key: "egress-monitor", status: $status, note: $note) { key } }`;
      for (const variables of [
        { status: 'broken' },
        { status: 'in_place', note: 42 },
        { status: ['in_place'] },
      ]) {
        const answer = await writesNothing(() => post(t, { query: setStatus, variables }));
        expect(answer.status).toBe(400);
        expect(onlyError(answer)).toMatchObject({
          message: expect.stringMatching(
            /^Variable "\$(status|note)" got invalid value/,
          ) as unknown,
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      // …and a literal one, refused by validation.
      const literal = await post(t, {
        query: `mutation { setEvidenceStatus(report: "${R}", key: "alignment-audit", status: fresh) { key } }`,
      });
      expect(literal.status).toBe(400);
      expect(onlyError(literal).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });

  describe('every string has a maximum length', () => {
    const schema = () => t.app.get(GraphQLSchemaHost).schema;

    it('knows the maximum of every String or ID argument of the API', () => {
      const names = new Set<string>();
      for (const type of Object.values(schema().getTypeMap())) {
        if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
        for (const field of Object.values(type.getFields())) {
          for (const arg of field.args) {
            if (['String', 'ID'].includes(getNamedType(arg.type).name)) names.add(arg.name);
          }
        }
      }
      // A new one gets the length of a key unless MAX_ARGUMENT_LENGTH says otherwise: decide.
      const keys = [
        'dependsOn',
        'failed',
        'from',
        'id',
        'key',
        'mitigation',
        'parent',
        'pathway',
        'report',
        'review',
        'scenario',
        'support',
        'team',
        'to',
      ];
      expect([...names].sort()).toEqual([...keys, ...Object.keys(MAX_ARGUMENT_LENGTH)].sort());
      expect(MAX_ARGUMENT_LENGTH).toEqual({
        note: 2000,
        document: Infinity,
        title: 300,
        model: 200,
        body: 10000,
      });
    });

    it('has a maximum length on every string field of every input type', () => {
      const classes: Record<string, new () => object> = {
        CreateAccessTokenInput,
        CreateClaimInput,
        UpdateClaimInput,
        CreateEvidenceInput,
        UpdateEvidenceInput,
        CreateMitigationInput,
        UpdateMitigationInput,
        CreatePathwayInput,
        UpdatePathwayInput,
        CreateReportInput,
        UpdateReportInput,
        CreateTeamInput,
        UpdateTeamInput,
        CreateReviewInput,
        AddFindingInput,
        SupportLinkInput,
        RecordSharedInput,
        CreateInformationRequestInput,
        AnswerInformationRequestInput,
        LatencyOverrideInput,
      };
      const inputTypes = Object.values(schema().getTypeMap()).filter(
        (type): type is GraphQLInputObjectType => isInputObjectType(type),
      );
      expect(inputTypes.map((type) => type.name).sort()).toEqual(Object.keys(classes).sort());
      for (const type of inputTypes) {
        const constraints = getMetadataStorage().getTargetValidationMetadatas(
          classes[type.name],
          '',
          true,
          false,
        );
        for (const field of Object.values(type.getFields())) {
          if (getNamedType(field.type).name !== 'String') continue;
          const bounded = constraints.some(
            (c) => c.propertyName === field.name && c.name === 'maxLength',
          );
          expect({ field: `${type.name}.${field.name}`, bounded }).toEqual({
            field: `${type.name}.${field.name}`,
            bounded: true,
          });
        }
      }
    });

    /** A value the argument's type accepts (the first enum value, a key-like string, …). */
    function sample(type: GraphQLInputType): unknown {
      if (type instanceof GraphQLNonNull) return sample(type.ofType);
      if (type instanceof GraphQLList) return [sample(type.ofType)];
      if (type instanceof GraphQLEnumType) return type.getValues()[0].name;
      if (type instanceof GraphQLInputObjectType) {
        return Object.fromEntries(
          Object.values(type.getFields())
            .filter((f) => isNonNullType(f.type))
            .map((f) => [f.name, sample(f.type)]),
        );
      }
      const scalar = type.name;
      if (scalar === 'Int' || scalar === 'Float') return 1;
      if (scalar === 'Boolean') return false;
      if (scalar === 'DateTime') return '2030-01-01T00:00:00.000Z';
      return 'x';
    }

    /** Every root query and mutation with each of its String/ID arguments one over its maximum. */
    function overlongCalls(s: GraphQLSchema) {
      const calls: { operation: string; arg: string; query: string; variables: object }[] = [];
      for (const [kind, type] of [
        ['query', s.getQueryType()!],
        ['mutation', s.getMutationType()!],
      ] as const) {
        for (const field of Object.values(type.getFields())) {
          for (const arg of field.args) {
            const named = getNamedType(arg.type).name;
            if (!['String', 'ID'].includes(named) || arg.name === 'document') continue;
            const max = MAX_ARGUMENT_LENGTH[arg.name] ?? 80;
            const variables: Record<string, unknown> = {};
            for (const a of field.args) {
              if (isNonNullType(a.type) || a === arg) variables[a.name] = sample(a.type);
            }
            const long = 'k'.repeat(max + 1);
            variables[arg.name] = Array.isArray(variables[arg.name]) ? [long] : long;
            const declared = Object.keys(variables)
              .map((name) => `$${name}: ${String(field.args.find((a) => a.name === name)!.type)}`)
              .join(', ');
            const passed = Object.keys(variables)
              .map((name) => `${name}: $${name}`)
              .join(', ');
            const selection =
              getNamedType(field.type) instanceof GraphQLScalarType ||
              getNamedType(field.type) instanceof GraphQLEnumType
                ? ''
                : '{ __typename }';
            calls.push({
              operation: field.name,
              arg: arg.name,
              query: `${kind}(${declared}) { ${field.name}(${passed}) ${selection} }`,
              variables,
            });
          }
        }
      }
      return calls;
    }

    it('refuses, for every query and mutation, each string argument one character too long', async () => {
      const calls = overlongCalls(schema());
      expect(calls.length).toBeGreaterThan(40);
      await writesNothing(async () => {
        for (const call of calls) {
          const answer = await post(t, { query: call.query, variables: call.variables });
          const error = onlyError(answer);
          expect({ call: `${call.operation}(${call.arg})`, status: answer.status, error }).toEqual({
            call: `${call.operation}(${call.arg})`,
            status: 400,
            error: expect.objectContaining({
              message: expect.stringMatching(
                new RegExp(`^(each entry of )?${call.arg} must be at most \\d+ characters$`),
              ) as unknown,
              extensions: { code: 'BAD_USER_INPUT' },
            }) as unknown,
          });
        }
      });
    });

    it('refuses a note over 2,000 characters and a key in supports or dependsOn over 80; nothing written', async () => {
      const setStatus = `mutation($note: String) {
        setMitigationStatus(report: "${R}", key: "egress-monitor", status: degraded, note: $note) { key } }`;
      const longNote = await writesNothing(() => t.gql(setStatus, { note: 'n'.repeat(2001) }));
      expect(longNote.errors?.[0]).toMatchObject({
        message: 'note must be at most 2000 characters',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      expect((await t.gql(setStatus, { note: 'n'.repeat(2000) })).errors).toBeUndefined();

      const longKey = 'k'.repeat(81);
      const claim = await writesNothing(() =>
        t.gql(
          `mutation($s: [String!]) { createClaim(report: "${R}", input: { key: "c-new", statement: "S", supports: $s }) { key } }`,
          { s: ['log-pipeline', longKey] },
        ),
      );
      expect(claim.errors?.[0]).toMatchObject({
        message: expect.stringMatching(
          /supports must be shorter than or equal to 80 characters/,
        ) as unknown,
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const mitigation = await writesNothing(() =>
        t.gql(
          `mutation($d: [String!]) { updateMitigation(report: "${R}", key: "egress-monitor", input: { dependsOn: $d }) { key } }`,
          { d: [longKey] },
        ),
      );
      expect(mitigation.errors?.[0]).toMatchObject({
        message: expect.stringMatching(
          /dependsOn must be shorter than or equal to 80 characters/,
        ) as unknown,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });
  });

  describe('NUL characters, unpaired surrogates and huge numbers', () => {
    it('refuses a NUL character or an unpaired surrogate in any argument, input objects and case files included: HTTP 400, nothing written', async () => {
      const cases: [string, Record<string, unknown>, string][] = [
        [
          `mutation($note: String) { setMitigationStatus(report: "${R}", key: "egress-monitor", status: degraded, note: $note) { key } }`,
          { note: 'INC-1\u00002' },
          'note must not contain NUL (U+0000) characters',
        ],
        [
          `mutation($input: CreateTeamInput!) { createTeam(report: "${R}", input: $input) { key } }`,
          { input: { key: 'ops', name: 'Op\u0000s' } },
          'input.name must not contain NUL (U+0000) characters',
        ],
        [
          `mutation($input: UpdateClaimInput!) { updateClaim(report: "${R}", key: "exfil-detected", input: $input) { key } }`,
          { input: { supports: ['egress-monitor', 'x\u0000'] } },
          'input.supports[1] must not contain NUL (U+0000) characters',
        ],
        [
          `mutation($input: UpdateEvidenceInput!) { updateEvidence(report: "${R}", key: "alignment-audit", input: $input) { key } }`,
          { input: { title: 'Audit \uD800' } },
          'input.title must be valid Unicode: it has an unpaired surrogate',
        ],
        [
          // Even in a comment of a case file: the audit log keeps short ones as they are.
          IMPORT,
          { document: `${SPEC_EXAMPLE}\n# \u0000\n` },
          'document must not contain NUL (U+0000) characters',
        ],
      ];
      for (const [query, variables, message] of cases) {
        const answer = await writesNothing(() => post(t, { query, variables }));
        expect(answer.status).toBe(400);
        expect(onlyError(answer)).toEqual({ message, extensions: { code: 'BAD_USER_INPUT' } });
      }
    });

    it('refuses an effort above 1e12, so that roadmap costs stay finite', async () => {
      const update = `mutation($effort: Float) { updateMitigation(report: "${R}", key: "interp-probes", input: { effort: $effort }) { key } }`;
      const refused = await writesNothing(() => t.gql(update, { effort: 1e308 }));
      expect(refused.errors?.[0]).toMatchObject({
        message: 'effort must not be greater than 1000000000000',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      expect((await t.gql(update, { effort: 1e12 })).errors).toBeUndefined();
      const roadmap = await t.gql(`{ roadmap(report: "${R}") { cost } }`);
      expect(roadmap.errors).toBeUndefined();
      expect((await t.gql(update, { effort: 8 })).errors).toBeUndefined();
    });
  });

  describe('case files through importCase and checkCase', () => {
    const CHECK = `query($document: String!) { checkCase(document: $document) { valid issues { code line message } } }`;
    const IMPORT_REPLACE = `mutation($document: String!) { importCase(document: $document, replace: true) { key version } }`;

    /** importCase is refused with BAD_USER_INPUT (writing nothing); checkCase gives the same issue. */
    async function refusedCase(document: string, code: string, message: RegExp) {
      const imported = await writesNothing(() => t.gql(IMPORT_REPLACE, { document }));
      expect(imported.errors?.[0]).toMatchObject({
        extensions: {
          code: 'BAD_USER_INPUT',
          reason: 'INVALID_CASE',
          issues: [
            expect.objectContaining({
              code,
              message: expect.stringMatching(message) as unknown,
            }) as unknown,
          ],
        },
      });
      const checked = await t.gql<{ checkCase: { valid: boolean; issues: { code: string }[] } }>(
        CHECK,
        { document },
      );
      expect(checked.data?.checkCase).toMatchObject({
        valid: false,
        issues: [
          expect.objectContaining({
            code,
            message: expect.stringMatching(message) as unknown,
          }) as unknown,
        ],
      });
    }

    const withEvidenceTitle = (value: string) =>
      SPEC_EXAMPLE.replace('title: Pre-deployment alignment audit', `title: ${value}`);

    it.each([
      ['a local tag', withEvidenceTitle('!custom Audit'), 'YAML_SYNTAX', /tag/],
      [
        'a language-specific tag',
        withEvidenceTitle('!!js/function "function () {}"'),
        'YAML_SYNTAX',
        /tag/,
      ],
      [
        'a repeated key',
        SPEC_EXAMPLE.replace('status: valid ', 'status: valid\n    status: stale '),
        'YAML_SYNTAX',
        /unique/,
      ],
      [
        'an alias bomb',
        `${SPEC_EXAMPLE}\nlol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${Array.from(
          { length: 8 },
          (_, i) => `lol${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`,
        ).join('\n')}\n`,
        'YAML_SYNTAX',
        /alias/i,
      ],
      [
        'deep nesting',
        `${SPEC_EXAMPLE}\nextra:\n${'- '.repeat(1_000_000)}x\n`,
        'DOCUMENT_TOO_DEEP',
        /nests more than 32/,
      ],
      [
        'an unknown enum value',
        SPEC_EXAMPLE.replace('status: valid', 'status: fresh'),
        'INVALID_FIELD',
        /unknown value "fresh"/,
      ],
      [
        'an effort above 1e12',
        SPEC_EXAMPLE.replace('effort: 8 ', 'effort: 1e300 '),
        'INVALID_FIELD',
        /effort: must be at most 1000000000000/,
      ],
      [
        'an over-long string',
        withEvidenceTitle('x'.repeat(301)),
        'INVALID_FIELD',
        /title: must be at most 300 characters/,
      ],
    ])(
      'refuses %s with BAD_USER_INPUT, writing nothing',
      async (_what, document, code, message) => {
        await refusedCase(document, code, message);
      },
    );

    it('refuses a case file over 8 MiB with DOCUMENT_TOO_LARGE; a body over BODY_LIMIT gets HTTP 413', async () => {
      const big = `${SPEC_EXAMPLE}\n# ${'x'.repeat(MAX_DOCUMENT_BYTES)}\n`;
      await refusedCase(big, 'DOCUMENT_TOO_LARGE', /a case file may be at most 8388608 bytes/);

      // BODY_LIMIT (16 MB by default) is checked first, by the HTTP server, before anything else.
      // The client's mistake: one warning line in the log, no error with a stack trace.
      const errors = jest.spyOn(Logger.prototype, 'error');
      const warnings = jest.spyOn(Logger.prototype, 'warn');
      const answer = await writesNothing(() =>
        post(t, { query: IMPORT_REPLACE, variables: { document: 'x'.repeat(17 * 1024 * 1024) } }),
      );
      expect(answer.status).toBe(413);
      expect(answer.body).toEqual({ statusCode: 413, message: 'request entity too large' });
      expect(errors).not.toHaveBeenCalled();
      expect(warnings.mock.calls.map(([m]) => String(m))).toContain(
        'POST /graphql: 413 request entity too large',
      );
      errors.mockRestore();
      warnings.mockRestore();
      const malformed = await request(t.http)
        .post('/graphql')
        .set('Authorization', `Bearer ${t.adminToken}`)
        .set('Content-Type', 'application/json')
        .send('{"query": ');
      expect(malformed.status).toBe(400);
      // The service goes on answering.
      expect((await t.gql('{ reports { key } }')).errors).toBeUndefined();
    });
  });

  describe('security headers', () => {
    it.each([
      ['the dashboard', () => request(t.http).get('/')],
      ['the explorer', () => request(t.http).get('/graphql').set('Accept', 'text/html')],
      ['a GraphQL answer', () => post(t, { query: '{ reports { key } }' })],
      ['a health check', () => request(t.http).get('/health')],
    ])(
      'sends nosniff, a content security policy and no framing on %s, and no X-Powered-By',
      async (_, send) => {
        const answer = await send();
        expect(answer.headers['x-content-type-options']).toBe('nosniff');
        expect(answer.headers['x-frame-options']).toBe('DENY');
        const csp = answer.headers['content-security-policy'];
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("default-src 'self'");
        expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')?;/);
        expect(csp).not.toContain('unsafe-inline');
        expect(answer.headers['x-powered-by']).toBeUndefined();
      },
    );
  });

  describe('introspection and errors outside production', () => {
    it('answers introspection queries (GRAPHQL_INTROSPECTION unset outside production)', async () => {
      const answer = await post(t, { query: '{ __schema { queryType { name } } }' });
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    });

    it('shows the message of an unexpected error, never its stack trace', async () => {
      const spy = jest.spyOn(t.app.get(ReportsService), 'checkCase').mockImplementation(() => {
        throw new Error('the disk is on fire');
      });
      try {
        const answer = await post(t, { query: '{ checkCase(document: "x") { valid } }' });
        const error = onlyError(answer);
        expect(error.message).toBe('the disk is on fire');
        expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        expect(JSON.stringify(answer.body)).not.toMatch(/stacktrace|\.ts:\d+/);
      } finally {
        spy.mockRestore();
      }
    });
  });
});

describe('GraphQL hardening in production: introspection off, rate limit, errors', () => {
  const LIMIT = 20;
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      isProduction: true,
      introspection: false,
      rateLimitPerMinute: LIMIT,
    });
  });
  afterAll(() => t.close());

  it('refuses introspection queries with GRAPHQL_VALIDATION_FAILED (GRAPHQL_INTROSPECTION=false)', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Query") { name } }']) {
      const answer = await post(t, { query });
      expect(answer.status).toBe(400);
      expect(onlyError(answer)).toMatchObject({
        message: expect.stringMatching(/introspection is not allowed/) as unknown,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
    }
    // __typename is not introspection.
    expect((await post(t, { query: '{ __typename }' })).body.data).toEqual({ __typename: 'Query' });
  });

  it('hides the details of an unexpected error: no message, no stack trace', async () => {
    const spy = jest.spyOn(t.app.get(ReportsService), 'checkCase').mockImplementation(() => {
      throw new Error('password=hunter2 at /srv/app/src/reports/reports.service.ts:42');
    });
    try {
      const answer = await post(t, { query: '{ checkCase(document: "x") { valid } }' });
      expect(answer.body.errors).toEqual([
        {
          message: 'Internal server error',
          path: ['checkCase'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ]);
      expect(JSON.stringify(answer.body)).not.toMatch(/hunter2|stacktrace|reports\.service/);
    } finally {
      spy.mockRestore();
    }
    // Errors about the request keep their message and code.
    const bad = await post(t, { query: '{ reports(limit: -1) { key } }' });
    expect(onlyError(bad).extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it(`limits each token to ${LIMIT} requests a minute: HTTP 429, Retry-After, code RATE_LIMITED`, async () => {
    const viewer = await createToken(t, { role: 'viewer', name: 'busy viewer' });
    const other = await createToken(t, { role: 'viewer', name: 'other viewer' });
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) {
      statuses.push((await post(t, { query: '{ reports { key } }' }, viewer.token)).status);
    }
    expect(statuses).toEqual(Array(LIMIT).fill(200));

    // Every request of the token counts, and the refusal comes before anything runs.
    const refused = await post(t, { query: '{ reports { key } }' }, viewer.token);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(120);
    expect(refused.body).toEqual({
      errors: [
        {
          message: `rate limit exceeded: at most ${LIMIT} requests a minute per token; retry in ${retryAfter} s`,
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
    const mutation = await post(
      t,
      { query: 'mutation { createReport(input: { key: "r-new", title: "New" }) { key } }' },
      viewer.token,
    );
    expect(mutation.status).toBe(429);

    // Other tokens are counted on their own; requests without a valid token are not counted.
    expect((await post(t, { query: '{ reports { key } }' }, other.token)).status).toBe(200);
    const anonymous = await post(t, { query: '{ reports { key } }' }, null);
    expect(onlyError(anonymous).extensions?.code).toBe('UNAUTHENTICATED');
  });
});
