import {
  makeCase,
  makeClaim,
  makeEvidence,
  makeMitigation,
  makePathway,
} from '../../../core/analysis/testing/make-case';
import type { Mitigation } from './mitigation.model';
import { CaseView } from './case-view';

const keys = (nodes: readonly { key: string }[]) => nodes.map((n) => n.key);

const CASE = makeCase({
  teams: [
    { key: 'security', name: 'Security' },
    { key: 'infra', name: null },
  ],
  pathways: [
    makePathway({ key: 'p1', supports: ['c1', 'm1'] }),
    makePathway({ key: 'p2', supports: ['c1'], requires: { mode: 'atLeast', atLeast: 1 } }),
  ],
  claims: [
    makeClaim({ key: 'c1', supports: ['m2', 'm1', 'e1'] }),
    makeClaim({ key: 'c2', supports: ['c1'], restricted: true }),
  ],
  mitigations: [
    makeMitigation({ key: 'm1', team: 'security', dependsOn: ['m3'] }),
    makeMitigation({ key: 'm2', team: 'infra', status: 'degraded' }),
    makeMitigation({ key: 'm3', team: 'security' }),
  ],
  evidence: [
    makeEvidence({ key: 'e1', validUntil: '2031-01-01T00:00:00.000Z' }),
    makeEvidence({ key: 'e2', validUntil: '2030-01-01T00:00:00.000Z' }),
    makeEvidence({ key: 'e3', validUntil: '2029-01-01T00:00:00.000Z', status: 'stale' }),
    makeEvidence({ key: 'e4' }),
  ],
});

describe('CaseView', () => {
  const view = new CaseView('report-1', CASE);

  it('lists each kind in file order, and finds any node by key', () => {
    expect(keys(view.list('pathway'))).toEqual(['p1', 'p2']);
    expect(keys(view.list('mitigation'))).toEqual(['m1', 'm2', 'm3']);
    expect(view.node('c2')).toMatchObject({
      nodeKind: 'claim',
      reportId: 'report-1',
      restricted: true,
    });
    expect(view.node('p2')).toMatchObject({ requires: 'atLeast', atLeast: 1 });
    expect(view.node('nope')).toBeNull();
  });

  it('links both ways: supports in list order, supportOf claims then pathways', () => {
    expect(keys(view.supports('c1'))).toEqual(['m2', 'm1', 'e1']);
    expect(keys(view.supportOf('c1'))).toEqual(['c2', 'p1', 'p2']);
    expect(keys(view.supportOf('m1'))).toEqual(['c1', 'p1']);
    expect(keys(view.dependsOn('m1'))).toEqual(['m3']);
    expect(keys(view.dependents('m3'))).toEqual(['m1']);
    expect(view.supports('m1')).toEqual([]);
    // The same object wherever a node is reached.
    expect(view.supports('p1')[0]).toBe(view.node('c1'));
  });

  it('knows the teams and what each owns', () => {
    expect(keys(view.teams)).toEqual(['security', 'infra']);
    expect(keys(view.mitigationsOf('security'))).toEqual(['m1', 'm3']);
    expect(view.mitigationsOf('nobody')).toEqual([]);
    expect((view.node('m2') as Mitigation).team).toBe('infra');
    expect(view.team('infra')).toMatchObject({ key: 'infra', name: null });
  });

  it('lists valid evidence expiring by an instant, soonest first', () => {
    expect(keys(view.expiringBy(Date.parse('2030-06-01')))).toEqual(['e2']);
    expect(keys(view.expiringBy(Date.parse('2040-01-01')))).toEqual(['e2', 'e1']);
    expect(view.expiringBy(0)).toEqual([]);
    expect(view.node('e1')).toMatchObject({ validUntil: new Date('2031-01-01T00:00:00.000Z') });
  });

  it('hands out frozen models that know their view', () => {
    const m1 = view.node('m1')!;
    expect(Object.isFrozen(m1)).toBe(true);
    expect(CaseView.of(m1)).toBe(view);
    expect(CaseView.of(view.teams[0])).toBe(view);
    // The back reference is no field: the model's own keys are its fields, and JSON has no cycle.
    // Links (dependsOn, dependents, supportOf) are resolved from the view, not held.
    expect(Object.keys(m1).sort()).toEqual([
      ...['description', 'effort', 'key', 'kind', 'lastVerified', 'nodeKind', 'previousKeys'],
      ...['probability', 'reportId', 'restricted', 'status', 'team', 'title'],
      ...['verificationDue', 'verifyEvery'],
    ]);
    expect(JSON.parse(JSON.stringify(m1))).toMatchObject({ key: 'm1', team: 'security' });
  });
});
