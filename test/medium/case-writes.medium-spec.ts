import { CaseVersions } from '../../src/case/cases/case-versions';
import type { DomainError } from '../../src/core/shared/domain-error';
import { CaseStore } from '../../src/storage/repositories/case-store';
import { savedState } from '../utils/row-counts';
import { SPEC_EXAMPLE } from '../utils/fixtures';
import { createMediumContext, type MediumContext } from '../utils/medium';

const API = { source: 'api', actor: 'medium-test', note: null } as const;

describe('case writes through CaseService and its repositories, on a real database', () => {
  let ctx: MediumContext;
  beforeAll(async () => {
    ctx = await createMediumContext();
  });
  afterAll(() => ctx.close());

  it('imports a case, and reads back the same case through a fresh cache', async () => {
    const report = await ctx.cases.importCase(SPEC_EXAMPLE, { replace: false });
    expect(report).toMatchObject({ key: 'pilot-2025', version: 1 });
    const imported = await ctx.cases.loadCase('pilot-2025');
    expect(imported.mitigations.map((m) => m.key)).toEqual([
      'weight-file-permissions',
      'egress-monitor',
      'log-pipeline',
      'interp-probes',
    ]);
    // Another instance's cache reads it from the tables, not from this one's memory.
    const fresh = new CaseVersions(ctx.transactions, new CaseStore());
    const reread = await fresh.of(await fresh.getReport('pilot-2025'));
    expect(reread.stored.case).toEqual(imported);
  });

  it('keeps failure probabilities in the tables, read back by another instance', async () => {
    const document = SPEC_EXAMPLE.replace(
      'status: valid',
      'status: valid\n    probability: 0.125',
    ).replace('key: pilot-2025', 'key: with-probability');
    await ctx.cases.importCase(document, { replace: false });
    const fresh = new CaseVersions(ctx.transactions, new CaseStore());
    const reread = await fresh.of(await fresh.getReport('with-probability'));
    expect(reread.stored.case.evidence.map((e) => [e.key, e.probability])).toEqual([
      ['alignment-audit', 0.125],
    ]);
    expect(reread.stored.case.mitigations.every((m) => m.probability === undefined)).toBe(true);
  });

  it('records a status change in the history, read back by page and as of a time', async () => {
    const before = new Date();
    const written = await ctx.nodes.setStatus(
      'pilot-2025',
      'mitigation',
      'egress-monitor',
      'failed',
      {
        ...API,
        note: 'pager silent',
      },
    );
    expect(written.version.report.version).toBe(2);
    const report = written.version.report;

    const pages = await ctx.history.pages(
      { owners: 'nodes', nodes: [{ reportId: report.id, nodeKey: 'egress-monitor' }] },
      { offset: 0, limit: 10 },
    );
    const changes = pages.get(`${report.id}:egress-monitor`) ?? [];
    // Newest first: the change just made, then the import's.
    expect(changes.map((c) => [c.fromStatus, c.toStatus, c.source])).toEqual([
      ['in_place', 'failed', 'api'],
      [null, 'in_place', 'import'],
    ]);
    expect(changes[0]).toMatchObject({ actor: 'medium-test', note: 'pager silent' });

    expect((await ctx.history.statusesAt(report.id, before)).get('egress-monitor')).toBe(
      'in_place',
    );
    expect(
      (await ctx.history.statusesAt(report.id, changes[0].changedAt)).get('egress-monitor'),
    ).toBe('failed');
  });

  it('refuses an edit that breaks a structural rule and writes nothing', async () => {
    const state = await savedState(ctx.dataSource);
    const refused = await ctx.nodes
      .link('pilot-2025', { type: 'dependsOn', from: 'log-pipeline', to: 'egress-monitor' })
      .then(
        () => null,
        (e: DomainError) => e,
      );
    expect(refused?.code).toBe('INVALID_CASE');
    expect(refused?.issues.map((i) => [i.code, [...i.keys].sort()])).toEqual([
      ['CYCLE', ['egress-monitor', 'log-pipeline']],
    ]);
    expect(await savedState(ctx.dataSource)).toEqual(state);
  });

  it('refuses a second import of the same key without replace, and writes nothing', async () => {
    const state = await savedState(ctx.dataSource);
    await expect(ctx.cases.importCase(SPEC_EXAMPLE, { replace: false })).rejects.toMatchObject({
      code: 'REPORT_EXISTS',
    });
    expect(await savedState(ctx.dataSource)).toEqual(state);
  });
});
