import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import {
  authorise,
  authoriseManagement,
  OPERATIONS,
  ROLES,
  type Permission,
  type Principal,
  type Role,
} from './policy';

const principal = (role: Role, extra: Partial<Principal> = {}): Principal => ({
  tokenId: 't',
  name: role,
  role,
  reportId: null,
  team: null,
  clearance: false,
  review: null,
  ...extra,
});

describe('the access policy', () => {
  it('has a decision for every root field of the committed schema, and nothing else', () => {
    const schema = buildSchema(readFileSync(join(__dirname, '../../../schema.gql'), 'utf8'));
    const rootFields = [
      schema.getQueryType(),
      schema.getMutationType(),
      schema.getSubscriptionType(),
    ]
      .flatMap((type) => Object.keys(type!.getFields()).map((field) => `${type!.name}.${field}`))
      .sort();
    expect(Object.keys(OPERATIONS).sort()).toEqual(rootFields);
  });

  const GRANTED: Record<Role, Permission[]> = {
    viewer: ['read'],
    reviewer: ['read', 'review'],
    editor: ['read', 'edit', 'setStatus', 'review', 'answer', 'confirm'],
    owner: [
      'read',
      'edit',
      'setStatus',
      'review',
      'answer',
      'confirm',
      'manageAccess',
      'createReport',
    ],
    hook: ['hook'],
    metrics: ['metrics'],
  };
  const PERMISSIONS: Permission[] = [
    'read',
    'edit',
    'setStatus',
    'review',
    'answer',
    'confirm',
    'manageAccess',
    'createReport',
    'hook',
    'metrics',
  ];

  it.each(ROLES.flatMap((role) => PERMISSIONS.map((permission) => [role, permission] as const)))(
    '%s may %s only if its role grants it',
    (role, permission) => {
      const decision = authorise(principal(role), { permission, reportId: 'r1' });
      expect(decision.allowed).toBe(GRANTED[role].includes(permission));
    },
  );

  it('keeps a report-bound token to its report, and away from creating reports', () => {
    const bound = principal('owner', { reportId: 'r1' });
    expect(authorise(bound, { permission: 'edit', reportId: 'r1' }).allowed).toBe(true);
    expect(authorise(bound, { permission: 'read', reportId: 'r2' })).toEqual({
      allowed: false,
      reason: 'this token is for another report',
    });
    expect(authorise(bound, { permission: 'createReport' }).allowed).toBe(false);
    expect(authorise(principal('owner'), { permission: 'read', reportId: 'r2' }).allowed).toBe(
      true,
    );
  });

  it('lets a team-scoped editor change its own team’s mitigations’ status and nothing else', () => {
    const security = principal('editor', { team: 'security' });
    const setStatus = (mitigationTeam: string | null, evidence = false) =>
      authorise(security, { permission: 'setStatus', reportId: 'r1', mitigationTeam, evidence })
        .allowed;
    expect(setStatus('security')).toBe(true);
    expect(setStatus('infra')).toBe(false);
    expect(setStatus(null)).toBe(false);
    expect(setStatus(null, true)).toBe(false);
    expect(authorise(security, { permission: 'edit', reportId: 'r1' }).allowed).toBe(false);
    expect(authorise(security, { permission: 'read', reportId: 'r1' }).allowed).toBe(true);
  });

  it('keeps a review-bound reviewer to its review', () => {
    const bound = principal('reviewer', { reportId: 'r1', review: 'red-team' });
    const inReview = (review?: string) =>
      authorise(bound, { permission: 'review', reportId: 'r1', review });
    expect(inReview('red-team').allowed).toBe(true);
    expect(inReview('external')).toEqual({
      allowed: false,
      reason: 'this token is for another review',
    });
    // Reads that name no review (the report, its analyses) are the report's.
    expect(inReview(undefined).allowed).toBe(true);
    expect(authorise(bound, { permission: 'read', reportId: 'r1' }).allowed).toBe(true);
    expect(authorise(bound, { permission: 'read', reportId: 'r1', review: 'external' })).toEqual({
      allowed: false,
      reason: 'this token is for another review',
    });
    // An unbound reviewer takes part in any review.
    expect(
      authorise(principal('reviewer'), { permission: 'review', reportId: 'r1', review: 'x' })
        .allowed,
    ).toBe(true);
  });

  it("lets a team-scoped editor answer its team's requests only; other editors answer any", () => {
    const answer = (p: Principal, requestTeam?: string) =>
      authorise(p, { permission: 'answer', reportId: 'r1', requestTeam }).allowed;
    const security = principal('editor', { team: 'security' });
    expect(answer(security, 'security')).toBe(true);
    expect(answer(security, 'infra')).toBe(false);
    expect(answer(security, undefined)).toBe(false);
    expect(answer(principal('editor'), 'infra')).toBe(true);
    expect(answer(principal('reviewer'), 'infra')).toBe(false);
    expect(authorise(security, { permission: 'review', reportId: 'r1' }).allowed).toBe(false);
  });

  it('lets a team-scoped editor confirm the steps its team acts in only; other editors confirm any', () => {
    const confirm = (p: Principal, stepTeam?: string | null) =>
      authorise(p, { permission: 'confirm', reportId: 'r1', stepTeam });
    const security = principal('editor', { team: 'security' });
    expect(confirm(security, 'security').allowed).toBe(true);
    expect(confirm(security, 'infra')).toEqual({
      allowed: false,
      reason:
        'a token scoped to team security may only confirm the steps that team acts in (team infra acts in this one)',
    });
    expect(confirm(security, null).allowed).toBe(false);
    // No such step: the same refusal, without a team to name.
    expect(confirm(security, undefined)).toEqual({
      allowed: false,
      reason: 'a token scoped to team security may only confirm the steps that team acts in',
    });
    expect(confirm(principal('editor'), 'infra').allowed).toBe(true);
    expect(confirm(principal('owner'), null).allowed).toBe(true);
    expect(confirm(principal('reviewer'), 'infra').allowed).toBe(false);
    expect(confirm(principal('viewer'), 'infra').allowed).toBe(false);
  });

  it('lets owners manage access to their report, and only unbound owners the whole installation', () => {
    const allowed = (p: Principal, reportId?: string) => authoriseManagement(p, reportId).allowed;
    const bound = principal('owner', { reportId: 'r1' });
    expect(allowed(principal('owner'), 'r1')).toBe(true);
    expect(allowed(principal('owner'))).toBe(true);
    expect(allowed(bound, 'r1')).toBe(true);
    expect(allowed(bound, 'r2')).toBe(false);
    expect(allowed(bound)).toBe(false);
    for (const role of ROLES.filter((r) => r !== 'owner')) {
      expect(allowed(principal(role), 'r1')).toBe(false);
      expect(allowed(principal(role))).toBe(false);
    }
  });

  it('lets only a token with clearance set whether a node is restricted', () => {
    const change = { permission: 'edit', reportId: 'r1', setsRestriction: true } as const;
    expect(authorise(principal('editor'), change)).toEqual({
      allowed: false,
      reason: 'only a token with clearance may restrict a node or lift its restriction',
    });
    expect(authorise(principal('owner'), change).allowed).toBe(false);
    expect(authorise(principal('editor', { clearance: true }), change).allowed).toBe(true);
  });
});
