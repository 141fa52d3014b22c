import { OPERATIONS as POLICY } from '../../src/case/auth/policy';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { createTestApp, type GqlResponse, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';
import { rowCounts } from '../utils/row-counts';
import { collect, subscribe } from '../utils/subscriptions';
import { createToken } from '../utils/tokens';

const R = 'pilot-2025';
const OTHER = 'other-report';

/**
 * What each operation needs, written out here independently of src/auth/policy.ts: `any` is
 * any valid token; `status:<team>` a status change of that team's mitigation.
 */
type Need =
  | 'any'
  | 'read'
  | 'edit'
  | 'review'
  | 'answer:security'
  | 'status:security'
  | 'status:infra'
  | 'status:evidence'
  | 'manage'
  | 'create';

interface Operation {
  readonly name: string;
  readonly need: Need;
  /** The report it acts on; null: none. */
  readonly report: string | null;
  /** Another report it reads (a diff's other side, a clone's source). */
  readonly alsoReads?: string;
  /** A document and variables; allowed calls must leave the case as it was (bad keys, bad input). */
  readonly run: (
    t: TestApp,
    token: string | undefined,
    label: string,
  ) => Promise<GqlResponse<unknown>>;
}

const op = (
  name: string,
  need: Need,
  query: string,
  variables: Record<string, unknown> = {},
  report: string | null = R,
): Operation => ({ name, need, report, run: (t, token) => t.gqlAs(token, query, variables) });

const BROKEN_IMPORT = SPEC_EXAMPLE.replace('requires: any', 'requires: sometimes');

const OPERATIONS: Operation[] = [
  op('me', 'any', '{ me { name } }', {}, null),
  op('reports', 'read', '{ reports { key title } }', {}, null),
  op(
    'checkCase',
    'edit',
    'query($d: String!) { checkCase(document: $d) { valid } }',
    { d: SPEC_EXAMPLE },
    null,
  ),
  op('report', 'read', `{ report(key: "${R}") { title } }`),
  op(
    'whatBreaks',
    'read',
    `{ whatBreaks(report: "${R}", failed: ["weight-file-permissions"]) { brokenPathways { key } } }`,
  ),
  op('roadmap', 'read', `{ roadmap(report: "${R}") { rank } }`),
  op('plan', 'read', `{ plan(report: "${R}", budget: 5) { spent } }`),
  op('cutSets', 'read', `{ cutSets(report: "${R}", key: "self-exfiltration") { total } }`),
  op('loadBearingMatrix', 'read', `{ loadBearingMatrix(report: "${R}") { rows { cells } } }`),
  op(
    'importance',
    'read',
    `{ importance(report: "${R}", pathway: "self-exfiltration", defaultProbability: 0.1) { key } }`,
  ),
  op('readiness', 'read', `{ readiness(report: "${R}") { ready } }`),
  {
    ...op('diffReports', 'read', `{ diffReports(from: "${R}", to: "${OTHER}") { to } }`),
    alsoReads: OTHER,
  },
  {
    // Allowed, it is refused as a clone onto an existing key: nothing is written.
    ...op(
      'cloneReport',
      'create',
      `mutation { cloneReport(from: "${R}", key: "${OTHER}") { key } }`,
      {},
      null,
    ),
    alsoReads: R,
  },
  // On a report that does not exist: allowed, NOT_FOUND (R itself must stay a draft).
  op(
    'publishReport',
    'manage',
    'mutation { publishReport(key: "no-such") { key } }',
    {},
    'no-such',
  ),
  op(
    'archiveReport',
    'manage',
    'mutation { archiveReport(key: "no-such") { key } }',
    {},
    'no-such',
  ),
  // Refused after the guard (a key that is not one; a review that does not exist): nothing written.
  op(
    'createReview',
    'manage',
    `mutation { createReview(report: "${R}", input: { key: "Not A Key", title: "T", reviewer: "X", kind: internal, clearance: full }) { key } }`,
  ),
  op(
    'closeReview',
    'manage',
    `mutation { closeReview(report: "${R}", review: "no-review") { key } }`,
  ),
  op(
    'addFinding',
    'review',
    `mutation { addFinding(report: "${R}", review: "no-review", input: { node: "egress-monitor", kind: comment, body: "b" }) { number } }`,
  ),
  op(
    'transitionFinding',
    'review',
    `mutation { transitionFinding(report: "${R}", review: "no-review", finding: 1, to: addressed) { number } }`,
  ),
  op(
    'replyToFinding',
    'review',
    `mutation { replyToFinding(report: "${R}", review: "no-review", finding: 1, body: "b") { id } }`,
  ),
  op(
    'createInformationRequest',
    'review',
    `mutation { createInformationRequest(report: "${R}", input: { team: "no-team", question: "q", dueAt: "2099-01-01T00:00:00Z" }) { number } }`,
  ),
  // Request 1 asks the security team (made in beforeAll); the evidence named does not exist.
  op(
    'answerInformationRequest',
    'answer:security',
    `mutation { answerInformationRequest(report: "${R}", request: 1, input: { answer: "a", evidence: ["no-such"] }) { number } }`,
  ),
  op(
    'closeInformationRequest',
    'review',
    `mutation { closeInformationRequest(report: "${R}", request: 99) { number } }`,
  ),
  // A step that does not exist: NOT_FOUND for editors; a team's token, as for another team's step,
  // FORBIDDEN (step-confirmation.e2e-spec has the team's own steps).
  op(
    'confirmStep',
    'edit',
    `mutation { confirmStep(report: "${R}", scenario: "no-scenario", chain: 1, step: 1) { number } }`,
  ),
  // The example has no scenarios: nothing to ask.
  op(
    'requestStepConfirmations',
    'review',
    `mutation { requestStepConfirmations(report: "${R}") { number } }`,
  ),
  op('accessTokens', 'manage', `{ accessTokens(report: "${R}") { name } }`),
  op('auditLog', 'manage', `{ auditLog(report: "${R}") { operation arguments } }`),
  {
    name: 'createReport',
    need: 'create',
    report: null,
    run: (t, token, label) =>
      t.gqlAs(token, 'mutation($i: CreateReportInput!) { createReport(input: $i) { key } }', {
        i: { key: `new-${label}`, title: 'New' },
      }),
  },
  op(
    'updateReport',
    'edit',
    `mutation { updateReport(key: "${R}", input: { title: "Pilot sabotage risk report" }) { key } }`,
  ),
  op(
    'deleteReport',
    'manage',
    'mutation { deleteReport(key: "no-such-report") }',
    {},
    'no-such-report',
  ),
  op(
    'importCase',
    'edit',
    'mutation($d: String!) { importCase(document: $d, replace: true) { key } }',
    { d: BROKEN_IMPORT },
  ),
  op(
    'createTeam',
    'edit',
    `mutation { createTeam(report: "${R}", input: { key: "Not A Key" }) { key } }`,
  ),
  op(
    'updateTeam',
    'edit',
    `mutation { updateTeam(report: "${R}", key: "no-such", input: { name: "x" }) { key } }`,
  ),
  op('deleteTeam', 'edit', `mutation { deleteTeam(report: "${R}", key: "no-such") }`),
  op(
    'createPathway',
    'edit',
    `mutation { createPathway(report: "${R}", input: { key: "p-new", title: "x", supports: ["no-such"] }) { key } }`,
  ),
  op(
    'updatePathway',
    'edit',
    `mutation { updatePathway(report: "${R}", key: "no-such", input: { title: "x" }) { key } }`,
  ),
  op('deletePathway', 'edit', `mutation { deletePathway(report: "${R}", key: "no-such") }`),
  op(
    'createClaim',
    'edit',
    `mutation { createClaim(report: "${R}", input: { key: "c-new", statement: "x", supports: ["no-such"] }) { key } }`,
  ),
  op(
    'updateClaim',
    'edit',
    `mutation { updateClaim(report: "${R}", key: "no-such", input: { statement: "x" }) { key } }`,
  ),
  op('deleteClaim', 'edit', `mutation { deleteClaim(report: "${R}", key: "no-such") }`),
  op(
    'createMitigation',
    'edit',
    `mutation { createMitigation(report: "${R}", input: { key: "m-new", title: "x", status: planned, dependsOn: ["no-such"] }) { key } }`,
  ),
  op(
    'updateMitigation',
    'edit',
    `mutation { updateMitigation(report: "${R}", key: "no-such", input: { title: "x" }) { key } }`,
  ),
  op('deleteMitigation', 'edit', `mutation { deleteMitigation(report: "${R}", key: "no-such") }`),
  op(
    'createEvidence',
    'edit',
    `mutation { createEvidence(report: "${R}", input: { key: "Bad Key", title: "x", status: valid }) { key } }`,
  ),
  op(
    'updateEvidence',
    'edit',
    `mutation { updateEvidence(report: "${R}", key: "no-such", input: { title: "x" }) { key } }`,
  ),
  op('deleteEvidence', 'edit', `mutation { deleteEvidence(report: "${R}", key: "no-such") }`),
  op(
    'addSupport',
    'edit',
    `mutation { addSupport(report: "${R}", to: "self-exfiltration", support: "no-such") { key } }`,
  ),
  op(
    'removeSupport',
    'edit',
    `mutation { removeSupport(report: "${R}", to: "self-exfiltration", support: "no-such") { key } }`,
  ),
  op(
    'addDependency',
    'edit',
    `mutation { addDependency(report: "${R}", mitigation: "egress-monitor", dependsOn: "no-such") { key } }`,
  ),
  op(
    'removeDependency',
    'edit',
    `mutation { removeDependency(report: "${R}", mitigation: "egress-monitor", dependsOn: "no-such") { key } }`,
  ),
  // Real status changes, to the status each already has.
  op(
    'setMitigationStatus (security)',
    'status:security',
    `mutation { setMitigationStatus(report: "${R}", key: "weight-file-permissions", status: in_place) { key } }`,
  ),
  op(
    'setMitigationStatus (infra)',
    'status:infra',
    `mutation { setMitigationStatus(report: "${R}", key: "egress-monitor", status: in_place) { key } }`,
  ),
  op(
    'setEvidenceStatus',
    'status:evidence',
    `mutation { setEvidenceStatus(report: "${R}", key: "alignment-audit", status: valid) { key } }`,
  ),
  {
    name: 'createAccessToken',
    need: 'manage',
    report: R,
    run: (t, token, label) =>
      t.gqlAs(
        token,
        'mutation($i: CreateAccessTokenInput!) { createAccessToken(input: $i) { token } }',
        {
          i: { name: `made by ${label}`, role: 'viewer', report: R },
        },
      ),
  },
  {
    name: 'revokeAccessToken',
    need: 'manage',
    report: R,
    run: async (t, token) => {
      const victim = await createToken(t, { role: 'viewer', report: R });
      return t.gqlAs(token, 'mutation($id: ID!) { revokeAccessToken(id: $id) { revokedAt } }', {
        id: victim.id,
      });
    },
  },
];

interface Caller {
  readonly label: string;
  token?: string;
  /** false: the request is not authenticated at all. */
  readonly valid: boolean;
  readonly role?: string;
  readonly report?: string;
  readonly team?: string;
}

const CALLERS: Caller[] = [
  { label: 'no token', valid: false },
  { label: 'unknown token', valid: false, token: 'lb_not-a-token' },
  { label: 'revoked viewer', valid: false, role: 'viewer' },
  { label: 'expired viewer', valid: false, role: 'viewer' },
  { label: 'viewer', valid: true, role: 'viewer' },
  { label: 'reviewer', valid: true, role: 'reviewer' },
  { label: 'editor', valid: true, role: 'editor' },
  { label: 'owner', valid: true, role: 'owner' },
  { label: 'owner of this report', valid: true, role: 'owner', report: R },
  { label: 'editor of another report', valid: true, role: 'editor', report: OTHER },
  { label: 'security team editor', valid: true, role: 'editor', report: R, team: 'security' },
  { label: 'hook machine', valid: true, role: 'hook' },
  { label: 'metrics machine', valid: true, role: 'metrics' },
];

function expected(
  caller: Caller,
  operation: Operation,
): 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED' {
  if (!caller.valid) return 'UNAUTHENTICATED';
  if (operation.need === 'any') return 'allowed';
  if (caller.role === 'hook' || caller.role === 'metrics') return 'FORBIDDEN';
  // Operations on no report (listing, checking a file) are open to report-bound tokens too.
  if (caller.report && operation.report !== null && operation.report !== caller.report) {
    return 'FORBIDDEN';
  }
  if (caller.report && operation.alsoReads && operation.alsoReads !== caller.report) {
    return 'FORBIDDEN';
  }
  const changes = caller.role === 'editor' || caller.role === 'owner';
  const allowed: Record<Exclude<Need, 'any'>, boolean> = {
    read: true,
    edit: changes && !caller.team,
    review: (changes || caller.role === 'reviewer') && !caller.team,
    'answer:security': changes && (!caller.team || caller.team === 'security'),
    'status:security': changes && (!caller.team || caller.team === 'security'),
    'status:infra': changes && (!caller.team || caller.team === 'infra'),
    'status:evidence': changes && !caller.team,
    manage: caller.role === 'owner',
    create: caller.role === 'owner' && !caller.report,
  };
  return allowed[operation.need] ? 'allowed' : 'FORBIDDEN';
}

describe('authorisation: every role × every operation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
    const other = SPEC_EXAMPLE.replace(`key: ${R}`, `key: ${OTHER}`);
    expect((await t.gql(IMPORT, { document: other })).errors).toBeUndefined();
    const asked = await t.gql(
      `mutation { createInformationRequest(report: "${R}", input: { team: "security", question: "q", dueAt: "2099-01-01T00:00:00Z" }) { number } }`,
    );
    expect(asked.errors).toBeUndefined();
    for (const caller of CALLERS.filter((c) => c.role)) {
      const created = await createToken(t, {
        name: caller.label,
        role: caller.role!,
        report: caller.report,
        team: caller.team,
      });
      caller.token = created.token;
      if (caller.label === 'revoked viewer') {
        await t.gql('mutation($id: ID!) { revokeAccessToken(id: $id) { id } }', { id: created.id });
      }
      if (caller.label === 'expired viewer') {
        await t.dataSource.query(
          `UPDATE access_token SET expires_at = now() - interval '1 minute' WHERE id = $1`,
          [created.id],
        );
      }
    }
  });
  afterAll(() => t.close());

  const cases = CALLERS.flatMap((caller) =>
    OPERATIONS.map((operation) => [caller.label, operation.name, caller, operation] as const),
  );

  it.each(cases)('%s → %s', async (_caller, _operation, caller, operation) => {
    const outcome = expected(caller, operation);
    const before = outcome === 'allowed' ? undefined : await rowCounts(t.dataSource);
    const res = await operation.run(t, caller.token, caller.label.replace(/\W+/g, '-'));
    const code = res.errors?.[0]?.extensions?.code;
    if (outcome === 'allowed') {
      // Past the guard: the answer, or the operation's own error about the bad key or input.
      expect(['UNAUTHENTICATED', 'FORBIDDEN']).not.toContain(code);
    } else {
      expect(code).toBe(outcome);
      // Nothing answered: no data, or only nulls (nullable fields such as `report`).
      expect(Object.values(res.data ?? {}).filter((v) => v !== null)).toEqual([]);
      expect(await rowCounts(t.dataSource)).toEqual(before);
    }
  });

  it('lets a bound token import a case iterating on another report only if it may read that one, saying nothing of whether it exists', async () => {
    const bound = CALLERS.find((c) => c.label === 'owner of this report')!;
    for (const previous of [OTHER, 'no-such-report']) {
      const document = SPEC_EXAMPLE.replace('previous: null', `previous: ${previous}`);
      const before = await rowCounts(t.dataSource);
      const res = await t.gqlAs(bound.token, IMPORT, { document, replace: true });
      expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        [
          'FORBIDDEN',
          `the case iterates on report '${previous}', which this token may not read (its lineage is checked against it)`,
        ],
      ]);
      expect(await rowCounts(t.dataSource)).toEqual(before);
    }
  });

  it('refuses a bound token an edit of previousKeys checked against a report it may not read', async () => {
    const ITERATING = 'iterating-report';
    const document = SPEC_EXAMPLE.replace(`key: ${R}`, `key: ${ITERATING}`).replace(
      'previous: null',
      `previous: ${OTHER}`,
    );
    expect((await t.gql(IMPORT, { document })).errors).toBeUndefined();
    const bound = (await createToken(t, { role: 'owner', report: ITERATING, name: 'draft owner' }))
      .token;
    const edit = (input: Record<string, unknown>) =>
      t.gqlAs(
        bound,
        `mutation($input: UpdatePathwayInput!) { updatePathway(report: "${ITERATING}", key: "self-exfiltration", input: $input) { key } }`,
        { input },
      );
    const before = await rowCounts(t.dataSource);
    expect((await edit({ previousKeys: ['self-exfiltration'] })).errors?.[0]).toMatchObject({
      message: `the case iterates on report '${OTHER}', which this token may not read (its lineage is checked against it)`,
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await rowCounts(t.dataSource)).toEqual(before);
    expect((await edit({ title: 'Renamed' })).errors).toBeUndefined();
  });

  it('lists only the reports a report-bound token is for', async () => {
    const bound = CALLERS.find((c) => c.label === 'editor of another report')!;
    const res = await t.gqlAs<{ reports: { key: string }[] }>(bound.token, '{ reports { key } }');
    expect(res.data!.reports.map((r) => r.key)).toEqual([OTHER]);
  });

  it('lets a team-scoped editor really change its own mitigation, not another team’s', async () => {
    const security = CALLERS.find((c) => c.label === 'security team editor')!;
    const set = (key: string) =>
      t.gqlAs<{ setMitigationStatus: { status: string } }>(
        security.token,
        `mutation { setMitigationStatus(report: "${R}", key: "${key}", status: degraded, note: "drill") { status } }`,
      );
    expect((await set('weight-file-permissions')).data!.setMitigationStatus.status).toBe(
      'degraded',
    );
    expect((await set('egress-monitor')).errors![0].extensions!.code).toBe('FORBIDDEN');
    const history = await t.gql<{ report: { history: { key: string; actor: string }[] } }>(
      `{ report(key: "${R}") { history(limit: 1) { key actor } } }`,
    );
    expect(history.data!.report.history[0]).toEqual({
      key: 'weight-file-permissions',
      actor: 'security team editor',
    });
  });

  it('refuses subscriptions without a token, and to a report the token is not for, however the field is selected', async () => {
    const bound = CALLERS.find((c) => c.label === 'editor of another report')!;
    const queries = [
      'subscription($r: String!) { statusChanged(report: $r) { key } }',
      // The same root field through an inline fragment and through a named one.
      'subscription($r: String!) { ... on Subscription { statusChanged(report: $r) { key } } }',
      'subscription($r: String!) { ...F } fragment F on Subscription { argumentChanged(report: $r) { version } }',
    ];
    for (const token of [null, bound.token!]) {
      for (const query of queries) {
        const client = await subscribe(t, token);
        const sub = collect(client, query, { r: R });
        await expect(sub.error()).resolves.toMatchObject([
          { extensions: { code: token ? 'FORBIDDEN' : 'UNAUTHENTICATED' } },
        ]);
        sub.dispose();
        await client.dispose();
      }
    }
  });
});

/**
 * Every root Query and Mutation field of the served schema, called with made-up arguments of the
 * right types: so that a field added later without a deliberate rule is caught here too.
 */
describe('authorisation: every root field of the served schema', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
    for (const role of ['hook', 'metrics', 'viewer', 'reviewer']) {
      tokens[role] = (await createToken(t, { role })).token;
    }
  });
  afterAll(() => t.close());

  const rootFields = () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    return [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) =>
      Object.values(type.getFields()).map((field) => ({ type, field })),
    );
  };

  /** Machine tokens are good for their one HTTP endpoint; of the API, only `me`. */
  it.each(['hook', 'metrics'])(
    'turns a %s token away from every root field but me',
    async (role) => {
      for (const { type, field } of rootFields()) {
        if (type.name === 'Query' && field.name === 'me') continue;
        const res = await callWithMadeUpArguments(t, tokens[role], type.name, field);
        expect({ field: field.name, code: res.errors?.[0]?.extensions?.code }).toEqual({
          field: field.name,
          code: 'FORBIDDEN',
        });
      }
    },
  );

  it.each(['viewer', 'reviewer'])(
    'turns a %s token away from every mutation (a reviewer from all but taking part in reviews)',
    async (role) => {
      const before = await rowCounts(t.dataSource);
      for (const { type, field } of rootFields().filter((f) => f.type.name === 'Mutation')) {
        const res = await callWithMadeUpArguments(t, tokens[role], type.name, field);
        const code = res.errors?.[0]?.extensions?.code;
        if (role === 'reviewer' && POLICY[`Mutation.${field.name}`]?.permission === 'review') {
          // Past the guard: the made-up review and finding do not exist; the example has no
          // scenarios whose steps to ask about (an answer of none).
          expect({ field: field.name, code }).toEqual({
            field: field.name,
            code:
              field.name === 'requestStepConfirmations'
                ? undefined
                : (expect.stringMatching(/^(NOT_FOUND|BAD_USER_INPUT)$/) as unknown),
          });
          continue;
        }
        expect({ field: field.name, code }).toEqual({ field: field.name, code: 'FORBIDDEN' });
      }
      expect(await rowCounts(t.dataSource)).toEqual(before);
    },
  );
});

function callWithMadeUpArguments(
  t: TestApp,
  token: string,
  operationType: string,
  field: GraphQLField<unknown, unknown>,
): Promise<GqlResponse<unknown>> {
  const args = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const declarations = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
  const query =
    `${operationType.toLowerCase()}${declarations ? `(${declarations})` : ''} ` +
    `{ ${field.name}${call ? `(${call})` : ''} ${selection} }`;
  const variables = Object.fromEntries(args.map((a) => [a.name, madeUpValue(a.type, a.name)]));
  return t.gqlAs(token, query, variables);
}

/** A value of the type: the report under test for `report`, else the simplest of its kind. */
function madeUpValue(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return madeUpValue(type.ofType, name);
  if (isListType(type)) return [madeUpValue(type.ofType, name)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter(
      (f) => isNonNullType(f.type) && f.defaultValue === undefined,
    );
    return Object.fromEntries(required.map((f) => [f.name, madeUpValue(f.type, f.name)]));
  }
  if (name === 'report') return R;
  const scalars: Record<string, unknown> = {
    Int: 1,
    Float: 1,
    Boolean: true,
    DateTime: '2025-01-01T00:00:00.000Z',
  };
  return type.name in scalars ? scalars[type.name] : 'x';
}
