import { makeMitigation, makeSpecExampleCase } from '../../core/analysis/testing/make-case';
import type { Case } from '../../core/case-model/case';
import { createNode, updateNode, updateReport } from '../../core/case-model/edit-case';
import { DomainError, DomainErrorCode } from '../../core/shared/domain-error';
import type { ReportEntity } from '../../storage/entities/report.entity';
import { API_ORIGIN } from '../history/change-origin';
import { planBatch, refuseChecked, type BatchEdit, type Step } from './plan-batch';

const REPORT = { id: 'r1', key: 'test', version: 7 } as ReportEntity;

const edit = (apply: (c: Case) => Case, more: Partial<BatchEdit> = {}): BatchEdit => ({
  apply,
  origin: API_ORIGIN,
  options: {},
  alone: false,
  ...more,
});

const setStatus = (key: string, status: 'failed' | 'degraded' | 'in_place') =>
  edit((c) => updateNode(c, 'mitigation', key, { status }));

/** Each step's version, or its error's code. */
const outcomes = (steps: readonly Step<BatchEdit>[]) =>
  steps.map((s) => ('error' in s ? s.error.code : s.report.version));

describe('planBatch', () => {
  const c = makeSpecExampleCase();

  it('gives each status change its own version and history rows, in order', () => {
    const plan = planBatch(REPORT, c, [
      setStatus('egress-monitor', 'failed'),
      setStatus('log-pipeline', 'degraded'),
    ]);
    expect(outcomes(plan.steps)).toEqual([8, 9]);
    expect(plan.version).toBe(9);
    expect(plan.check).toBeNull();
    expect(plan.steps.map((s) => ('rows' in s ? s.rows : undefined))).toEqual([
      [
        expect.objectContaining({
          reportId: 'r1',
          nodeKey: 'egress-monitor',
          fromStatus: 'in_place',
          toStatus: 'failed',
        }),
      ],
      [expect.objectContaining({ nodeKey: 'log-pipeline', toStatus: 'degraded' })],
    ]);
    expect(plan.current.mitigations.find((m) => m.key === 'log-pipeline')!.status).toBe('degraded');
    // Pure: the version it planned from is as it was.
    expect(c.mitigations.find((m) => m.key === 'egress-monitor')!.status).toBe('in_place');
  });

  it('makes no new version for an edit that changes nothing', () => {
    const plan = planBatch(REPORT, c, [setStatus('egress-monitor', 'in_place')]);
    expect(outcomes(plan.steps)).toEqual([7]);
    expect(plan.version).toBe(7);
    expect(plan.current).toBe(c);
  });

  it('refuses an invalid edit alone: the edits after it apply to the case before it', () => {
    const dangling = edit((x) =>
      updateNode(x, 'mitigation', 'egress-monitor', { dependsOn: ['nowhere'] }),
    );
    const plan = planBatch(REPORT, c, [dangling, setStatus('log-pipeline', 'failed')]);
    expect(outcomes(plan.steps)).toEqual([DomainErrorCode.INVALID_CASE, 8]);
    expect(plan.current.mitigations.find((m) => m.key === 'egress-monitor')!.dependsOn).toEqual([
      'log-pipeline',
    ]);
  });

  it('refuses a write that expected another version, and checks each against the ones before it', () => {
    const plan = planBatch(REPORT, c, [
      setStatus('egress-monitor', 'failed'),
      edit((x) => updateNode(x, 'mitigation', 'log-pipeline', { status: 'failed' }), {
        options: { expectedVersion: 7 },
      }),
      edit((x) => updateNode(x, 'mitigation', 'log-pipeline', { status: 'degraded' }), {
        options: { expectedVersion: 8 },
      }),
    ]);
    expect(outcomes(plan.steps)).toEqual([8, DomainErrorCode.STALE_VERSION, 9]);
  });

  it('throws the error of an edit that runs alone (it may have written bookkeeping)', () => {
    const alone = edit(
      (x) => updateNode(x, 'mitigation', 'egress-monitor', { dependsOn: ['nowhere'] }),
      { alone: true },
    );
    expect(() => planBatch(REPORT, c, [alone])).toThrow(DomainError);
  });

  it('ends the plan at a rename, leaving the new key to the database check', () => {
    const rename = edit((x) => updateReport(x, { key: 'renamed' }));
    const after = setStatus('log-pipeline', 'failed');
    const plan = planBatch(REPORT, c, [setStatus('egress-monitor', 'failed'), rename, after]);
    expect(outcomes(plan.steps)).toEqual([8, 9]);
    expect(plan.notRun).toEqual([after]);
    expect(plan.check).toMatchObject({
      renamedTo: 'renamed',
      lineageAgainst: null,
      beforeVersion: 8,
    });
    expect(plan.steps[1]).toMatchObject({ report: { key: 'renamed', version: 9 } });
  });

  it('leaves a changed lineage to the database check, and only a changed one', () => {
    const withPrevious = updateReport(c, { previous: 'pilot-2024' });
    const lineage = edit((x) =>
      createNode(
        x,
        'mitigation',
        makeMitigation({ key: 'new-monitor', previousKeys: ['old-monitor'] }),
      ),
    );
    const plan = planBatch(REPORT, withPrevious, [lineage]);
    expect(plan.check).toMatchObject({ lineageAgainst: 'pilot-2024', renamedTo: null });
    // A status change of a case with lineage checks nothing against the previous report.
    const status = planBatch(REPORT, plan.current, [setStatus('new-monitor', 'failed')]);
    expect(status.check).toBeNull();
  });

  it('refuseChecked turns the checked step into its error and keeps the case before it', () => {
    const plan = planBatch(REPORT, c, [
      setStatus('egress-monitor', 'failed'),
      edit((x) => updateReport(x, { key: 'taken' })),
    ]);
    const refused = refuseChecked(plan, new DomainError(DomainErrorCode.REPORT_EXISTS, 'taken'));
    expect(outcomes(refused.steps)).toEqual([8, DomainErrorCode.REPORT_EXISTS]);
    expect(refused.version).toBe(8);
    expect(refused.current.report.key).toBe('test');
    expect(refused.check).toBeNull();
  });

  it('with statusesOnly, gives up as soon as an edit would change more than statuses', () => {
    const structural = edit((x) =>
      updateNode(x, 'mitigation', 'egress-monitor', { title: 'Egress' }),
    );
    expect(
      planBatch(REPORT, c, [setStatus('egress-monitor', 'failed'), structural], {
        statusesOnly: true,
      }),
    ).toBeNull();
    expect(
      planBatch(REPORT, c, [setStatus('egress-monitor', 'failed')], { statusesOnly: true }),
    ).not.toBeNull();
  });
});
