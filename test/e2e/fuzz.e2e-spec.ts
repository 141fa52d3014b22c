import { GraphQLSchemaHost } from '@nestjs/graphql';
import fc from 'fast-check';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { CLAIM_KINDS, MITIGATION_KINDS, MITIGATION_STATUSES } from '../../src/core/case-model/case';
import { createTestApp, type GqlResponse, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE, aliasBomb } from '../utils/fixtures';
import { savedState } from '../utils/row-counts';

/**
 * Fuzzing the API with malformed case files and GraphQL variables: never an HTTP 5xx or an
 * INTERNAL_SERVER_ERROR, and a refused request writes nothing (rows, history, versions).
 *
 * Reproduce a failure with the seed fast-check prints: FUZZ_SEED=<seed> (FUZZ_RUNS=<n> for more
 * or fewer runs per property; 60 by default, which keeps each property well under a minute).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
// A fixed default seed keeps CI deterministic; FUZZ_SEED explores others.
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const PARAMETERS: fc.Parameters<unknown> = {
  numRuns: RUNS,
  seed: SEED,
  // Shrinking replays requests against a database that moved on; a few steps are enough.
  endOnFailure: false,
  interruptAfterTimeLimit: 50_000,
  markInterruptAsFailure: false,
};

const R = 'pilot-2025';

interface Answer {
  status: number;
  body: GqlResponse<Record<string, unknown>>;
}

/** Error codes a client may get for bad input; anything else (INTERNAL_SERVER_ERROR) fails. */
const CLIENT_ERRORS = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT']);

describe('fuzzing the API with bad input', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  async function post(query: string, variables: Record<string, unknown>): Promise<Answer> {
    const res = await request(t.http)
      .post('/graphql')
      .set('Authorization', `Bearer ${t.adminToken}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ query, variables }));
    return { status: res.status, body: res.body as Answer['body'] };
  }

  /** No 5xx and only client error codes; the codes it carries. */
  function clientErrorsOnly(answer: Answer, what: unknown): string[] {
    const codes = (answer.body.errors ?? []).map((e) => e.extensions?.code ?? '(none)');
    const unexpected = codes.filter((c) => !CLIENT_ERRORS.has(c));
    if (answer.status >= 500 || unexpected.length > 0) {
      throw new Error(
        `HTTP ${answer.status}, codes ${JSON.stringify(codes)} for ${JSON.stringify(what).slice(0, 2000)}:\n` +
          JSON.stringify(answer.body.errors).slice(0, 2000),
      );
    }
    return codes;
  }

  /** After a write went through: the report still reads, exports and analyses without a 500. */
  async function stillHealthy(): Promise<void> {
    const answer = await post(
      `query($r: String!) { report(key: $r) { version exportCase pathways { holds margin } }
         roadmap(report: $r) { rank cost } }`,
      { r: R },
    );
    clientErrorsOnly(answer, 'reading the report after a write');
  }

  describe('malformed case files through importCase', () => {
    const lines = SPEC_EXAMPLE.split('\n');
    const parsedExample = parseYaml(SPEC_EXAMPLE) as unknown;

    /** YAML that has no business in a case file, and values of the wrong type. */
    const junk = fc.constantFrom(
      '',
      '~',
      'null',
      '42',
      '-1',
      '1e400',
      '.nan',
      'true',
      '[',
      ']',
      '{',
      '}',
      '"unterminated',
      "'",
      '!foo x',
      '!!js/function "function () { return 1 }"',
      '!!binary aGVsbG8=',
      '!!set {a, b}',
      '!!timestamp 2020-01-01',
      '&anchor x',
      '*anchor',
      '*nothing',
      '<<: *anchor',
      '? complex',
      '|',
      '>-',
      '- item',
      '@',
      '`',
      '%YAML 1.1',
      '---',
      '...',
      '\u0000',
      '\uD800',
      '\uFEFF',
      '\t',
      '{atLeast: -3}',
      '{atLeast: 1.5}',
      '[a, [b, [c, [d]]]]',
      `[${'['.repeat(200)}${']'.repeat(200)}]`,
      `"${'x'.repeat(20_000)}"`,
      'x'.repeat(120),
    );

    type Mutation =
      | { kind: 'delete' | 'duplicate' | 'truncate'; at: number }
      | { kind: 'swap'; at: number; to: number }
      | { kind: 'insert' | 'value'; at: number; text: string }
      | { kind: 'char'; at: number; text: string }
      | { kind: 'indent'; at: number; by: number };

    const text = fc.oneof(
      junk,
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.record({
        kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'truncate' as const),
        at: fc.nat(),
      }),
      fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
      fc.record({ kind: fc.constantFrom('insert' as const, 'value' as const), at: fc.nat(), text }),
      fc.record({
        kind: fc.constant('char' as const),
        at: fc.nat(),
        text: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      }),
      fc.record({
        kind: fc.constant('indent' as const),
        at: fc.nat(),
        by: fc.integer({ min: -4, max: 4 }),
      }),
    );

    function mutate(source: string[], mutations: Mutation[]): string {
      const out = [...source];
      for (const m of mutations) {
        const i = m.at % out.length;
        switch (m.kind) {
          case 'delete':
            if (out.length > 1) out.splice(i, 1);
            break;
          case 'duplicate':
            out.splice(i, 0, out[i]);
            break;
          case 'truncate':
            out.splice(Math.max(1, i));
            break;
          case 'swap': {
            const j = m.to % out.length;
            [out[i], out[j]] = [out[j], out[i]];
            break;
          }
          case 'insert':
            out.splice(i, 0, m.text);
            break;
          case 'value': {
            // Replaces what follows the line's first `: ` (a field's value), or the line.
            const colon = out[i].indexOf(': ');
            out[i] = colon < 0 ? m.text : `${out[i].slice(0, colon + 2)}${m.text}`;
            break;
          }
          case 'char': {
            const line = out[i];
            const at = line.length === 0 ? 0 : m.at % line.length;
            out[i] = line.slice(0, at) + m.text + line.slice(at + 1);
            break;
          }
          case 'indent':
            out[i] =
              m.by >= 0
                ? ' '.repeat(m.by) + out[i]
                : out[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
            break;
        }
      }
      return out.join('\n');
    }

    /** Every path to a leaf of a JSON-like value. */
    function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
      if (value === null || typeof value !== 'object') return [path];
      const entries = Array.isArray(value)
        ? value.map((v, i) => [i, v] as const)
        : Object.entries(value);
      return entries.flatMap(([k, v]) => leaves(v, [...path, k]));
    }
    const LEAVES = leaves(parsedExample);

    /** The example as JSON with one leaf of the wrong type or value. */
    const wrongTypeJson = fc
      .record({ at: fc.nat(), value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), junk) })
      .map(({ at, value }) => {
        const copy = structuredClone(parsedExample) as Record<string | number, unknown>;
        const path = LEAVES[at % LEAVES.length];
        let node = copy;
        for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
        node[path[path.length - 1]] = value;
        return JSON.stringify(copy);
      });

    const document = fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .array(mutation, { minLength: 1, maxLength: 4 })
          .map((ms) => mutate(lines, ms)),
      },
      { weight: 2, arbitrary: wrongTypeJson },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    );

    const CHECK = `query($document: String!) { checkCase(document: $document) { valid issues { code severity } } }`;
    const IMPORT_REPLACE = `mutation($document: String!) { importCase(document: $document, replace: true) { key version } }`;

    it('never answers a 5xx, and a refused import writes nothing and agrees with checkCase', async () => {
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(document, async (doc) => {
          const checked = await post(CHECK, { document: doc });
          // Refused outright (a NUL or an unpaired surrogate), or answered with its issues.
          const refusedCheck = clientErrorsOnly(checked, doc);
          expect(refusedCheck).toEqual(checked.body.errors ? ['BAD_USER_INPUT'] : []);
          const valid =
            refusedCheck.length === 0 && (checked.body.data!.checkCase as { valid: boolean }).valid;

          const before = await savedState(t.dataSource);
          const imported = await post(IMPORT_REPLACE, { document: doc });
          const codes = clientErrorsOnly(imported, doc);
          if (codes.length > 0) {
            refused++;
            expect(codes).toEqual(['BAD_USER_INPUT']);
            expect(await savedState(t.dataSource)).toEqual(before);
            expect({ valid, doc }).toEqual({ valid: false, doc });
          } else {
            expect({ valid, doc }).toEqual({ valid: true, doc });
            await stillHealthy();
          }
        }),
        PARAMETERS,
      );
      // The generators mostly make broken files (else they test little).
      expect(refused).toBeGreaterThan(RUNS / 3);
    });

    it('refuses bombs and oversized files with BAD_USER_INPUT, writing nothing', async () => {
      const bombs = [
        aliasBomb(SPEC_EXAMPLE),
        `${SPEC_EXAMPLE}\nx:\n${'- '.repeat(2_000_000)}x`,
        `${'['.repeat(3_000_000)}${']'.repeat(3_000_000)}`,
        `${SPEC_EXAMPLE}\n# ${'x'.repeat(8 * 1024 * 1024)}`,
      ];
      for (const doc of bombs) {
        const before = await savedState(t.dataSource);
        const imported = await post(IMPORT_REPLACE, { document: doc });
        expect(clientErrorsOnly(imported, doc.slice(0, 100))).toEqual(['BAD_USER_INPUT']);
        expect(await savedState(t.dataSource)).toEqual(before);
      }
    });
  });

  describe('random variables for mutations', () => {
    const PATHWAYS = ['self-exfiltration'];
    const CLAIMS = ['no-coherent-goals', 'exfil-detected', 'threat-model-complete'];
    const MITIGATIONS = [
      'weight-file-permissions',
      'egress-monitor',
      'log-pipeline',
      'interp-probes',
    ];
    const EVIDENCE = ['alignment-audit'];
    const NODES = [...PATHWAYS, ...CLAIMS, ...MITIGATIONS, ...EVIDENCE];

    /** Anything a client could send in JSON: wrong types, huge or empty strings, NULs, huge numbers. */
    const junk = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom(
        '',
        ' ',
        'nope',
        'NOPE',
        'Egress-Monitor',
        '\u0000',
        'x\u0000y',
        '\uD800',
        'K'.repeat(81),
      ),
      fc.integer({ min: 0, max: 100_000 }).map((n) => 'x'.repeat(n)),
      fc.integer(),
      fc.constantFrom(
        0,
        -1,
        2 ** 31,
        -(2 ** 31) - 1,
        2 ** 53,
        1e12 + 1,
        1e308,
        -1e308,
        0.5,
        1e-320,
      ),
      fc.double(), // NaN and the infinities travel as null in JSON
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null)), {
        maxLength: 3,
      }),
      fc.dictionary(fc.constantFrom('key', 'x'), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
    );
    /** Mostly a sensible value, sometimes junk: so that most requests get past all but one check. */
    const likely = <T>(sensible: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 8, arbitrary: sensible }, { weight: 1, arbitrary: junk });
    const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });

    const newKey = fc.oneof(
      fc.constantFrom('new-claim', 'c2', 'x.y_z-1'),
      fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/),
    );
    const text = fc.oneof(
      fc.string({ minLength: 1, maxLength: 40 }),
      fc.constantFrom('A title', 'é ✓ 漢字 🙂'),
    );
    const requires = fc.constantFrom('all', 'any', 'atLeast');
    const enumOrJunk = (values: readonly string[]) => likely(fc.constantFrom(...values));

    const claimInput = fc.record(
      {
        key: likely(fc.oneof(newKey, fc.constantFrom(...NODES))),
        statement: likely(text),
        kind: enumOrJunk(CLAIM_KINDS),
        description: likely(fc.option(text)),
        requires: likely(requires),
        atLeast: likely(fc.integer({ min: -1, max: 4 })),
        supports: likely(fc.array(fc.constantFrom(...NODES, 'nope'), { maxLength: 4 })),
        assumed: likely(fc.boolean()),
      },
      { requiredKeys: ['key', 'statement'] },
    );
    const mitigationInput = fc.record(
      {
        key: likely(fc.oneof(newKey, fc.constantFrom(...NODES))),
        title: likely(text),
        kind: enumOrJunk(MITIGATION_KINDS),
        description: likely(fc.option(text)),
        team: likely(fc.option(fc.constantFrom('security', 'infra', 'new-team'))),
        status: enumOrJunk(MITIGATION_STATUSES),
        dependsOn: likely(
          fc.array(fc.constantFrom(...MITIGATIONS, ...CLAIMS, 'nope'), { maxLength: 3 }),
        ),
        effort: likely(
          fc.option(fc.oneof(fc.double({ min: 0, max: 1e13, noNaN: true }), fc.nat(100))),
        ),
      },
      { requiredKeys: [] },
    );
    const expectedVersion = optional(likely(fc.integer({ min: 0, max: 50 })));

    let versioned = false;
    beforeAll(() => {
      // The expectedVersion argument, where the API has it (fuzzed too).
      const mutation = t.app.get(GraphQLSchemaHost).schema.getMutationType()!;
      versioned = mutation.getFields().createClaim.args.some((a) => a.name === 'expectedVersion');
    });

    const operations = () => {
      const v = versioned ? ', $expectedVersion: Int' : '';
      const pass = versioned ? ', expectedVersion: $expectedVersion' : '';
      return {
        createClaim: `mutation($report: String!, $input: CreateClaimInput!${v}) {
          createClaim(report: $report, input: $input${pass}) { key } }`,
        updateMitigation: `mutation($report: String!, $key: String!, $input: UpdateMitigationInput!${v}) {
          updateMitigation(report: $report, key: $key, input: $input${pass}) { key } }`,
        setMitigationStatus: `mutation($report: String!, $key: String!, $status: MitigationStatus!, $note: String${v}) {
          setMitigationStatus(report: $report, key: $key, status: $status, note: $note${pass}) { key status } }`,
        addSupport: `mutation($report: String!, $to: String!, $support: String!, $position: Int${v}) {
          addSupport(report: $report, to: $to, support: $support, position: $position${pass}) { key } }`,
      };
    };

    const report = likely(fc.constantFrom(R, R, R, 'nope'));
    const call = fc.oneof(
      fc.record({
        operation: fc.constant('createClaim' as const),
        variables: fc.record({ report, input: likely(claimInput), expectedVersion }),
      }),
      fc.record({
        operation: fc.constant('updateMitigation' as const),
        variables: fc.record({
          report,
          key: likely(fc.constantFrom(...MITIGATIONS, ...CLAIMS)),
          input: likely(mitigationInput),
          expectedVersion,
        }),
      }),
      fc.record({
        operation: fc.constant('setMitigationStatus' as const),
        variables: fc.record({
          report,
          key: likely(fc.constantFrom(...MITIGATIONS, ...EVIDENCE)),
          status: enumOrJunk([...MITIGATION_STATUSES, 'valid']),
          note: optional(likely(fc.option(text))),
          expectedVersion,
        }),
      }),
      fc.record({
        operation: fc.constant('addSupport' as const),
        variables: fc.record({
          report,
          to: likely(fc.constantFrom(...PATHWAYS, ...CLAIMS, ...MITIGATIONS)),
          support: likely(fc.constantFrom(...NODES)),
          position: optional(likely(fc.integer({ min: -2, max: 5 }))),
          expectedVersion,
        }),
      }),
    );

    it('never answers a 5xx, and a refused mutation writes nothing', async () => {
      const outcomes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(call, async ({ operation, variables }) => {
          const before = await savedState(t.dataSource);
          const answer = await post(operations()[operation], variables);
          const codes = clientErrorsOnly(answer, { operation, variables });
          const outcome = codes.length > 0 ? codes.join(',') : 'ok';
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          if (codes.length > 0) {
            expect(await savedState(t.dataSource)).toEqual(before);
          } else {
            await stillHealthy();
          }
        }),
        PARAMETERS,
      );
      if (process.env.FUZZ_DEBUG) console.log(outcomes);
      // Mostly refused, as random input should be, but some writes get through.
      expect(outcomes.get('BAD_USER_INPUT') ?? 0).toBeGreaterThan(0);
      expect(outcomes.get('ok') ?? 0).toBeGreaterThan(0);
    });
  });
});
