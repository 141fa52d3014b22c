import request from 'supertest';
import { createTestApp, type TestApp } from '../utils/create-app';
import { IMPORT, SPEC_EXAMPLE } from '../utils/fixtures';
import { rowCounts } from '../utils/row-counts';
import { createToken } from '../utils/tokens';

const R = 'pilot-2025';

interface HookResponse {
  received: number;
  results: { outcome: string; report?: string; reason?: string; status?: string }[];
}
const results = (res: request.Response) => (res.body as HookResponse).results;
const TOKEN = 'hook-secret';
const HOOK = {
  token: TOKEN,
  reportLabel: 'report',
  mitigationLabel: 'mitigation',
  statusAnnotation: 'loadbearing_status',
};

interface AlertInput {
  status: 'firing' | 'resolved';
  fingerprint: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A payload as Alertmanager sends it (webhook_config, version 4). */
const payload = (...alerts: AlertInput[]) => ({
  version: '4',
  groupKey: '{}:{alertname="EgressMonitorDown"}',
  receiver: 'loadbearing',
  status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://alertmanager.local',
  truncatedAlerts: 0,
  alerts: alerts.map((a) => ({
    annotations: {},
    startsAt: '2026-11-23T10:00:00Z',
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus.local/graph',
    ...a,
  })),
});

const egressDown = (status: AlertInput['status'], extra: Partial<AlertInput> = {}): AlertInput => ({
  status,
  fingerprint: 'f-egress',
  labels: {
    alertname: 'EgressMonitorDown',
    report: R,
    mitigation: 'egress-monitor',
    severity: 'page',
  },
  annotations: { summary: 'no egress samples for 10m' },
  ...extra,
});

describe('POST /hooks/alertmanager', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ hook: HOOK });
    expect((await t.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  const send = (body: unknown, token = TOKEN) =>
    request(t.http)
      .post('/hooks/alertmanager')
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);

  async function state() {
    const res = await t.gql<{
      report: {
        node: {
          status: string;
          history: { to: string; source: string; actor: string; note: string }[];
        };
      };
    }>(
      `{ report(key: "${R}") { node(key: "egress-monitor") { ... on Mitigation { status history { to source actor note } } } } }`,
    );
    return res.data!.report.node;
  }

  it('refuses a missing or wrong token', async () => {
    expect(
      (
        await request(t.http)
          .post('/hooks/alertmanager')
          .send(payload(egressDown('firing')))
      ).status,
    ).toBe(401);
    expect((await send(payload(egressDown('firing')), 'wrong')).status).toBe(401);
    expect((await state()).status).toBe('in_place');
  });

  it('marks the mitigation degraded while the alert fires, once however often it is delivered', async () => {
    const first = await send(payload(egressDown('firing')));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      received: 1,
      results: [
        {
          outcome: 'applied',
          fingerprint: 'f-egress',
          report: R,
          mitigation: 'egress-monitor',
          status: 'degraded',
        },
      ],
    });
    const after = await state();
    expect(after.status).toBe('degraded');
    expect(after.history[0]).toEqual({
      to: 'degraded',
      source: 'webhook',
      actor: 'alertmanager:loadbearing',
      note: 'EgressMonitorDown firing: no egress samples for 10m',
    });

    const again = await send(payload(egressDown('firing')));
    expect(results(again)[0]).toMatchObject({
      outcome: 'unchanged',
      reason: 'already applied',
    });
    expect((await state()).history).toHaveLength(after.history.length);
  });

  it('restores the earlier status when the alert resolves, once', async () => {
    const resolved = await send(payload(egressDown('resolved')));
    expect(results(resolved)[0]).toMatchObject({ outcome: 'restored', status: 'in_place' });
    const after = await state();
    expect(after.status).toBe('in_place');
    expect(after.history[0]).toMatchObject({
      to: 'in_place',
      source: 'webhook',
      note: 'EgressMonitorDown resolved: no egress samples for 10m',
    });
    const again = await send(payload(egressDown('resolved')));
    expect(results(again)[0]).toMatchObject({ outcome: 'unchanged', reason: 'not firing' });
    expect((await state()).history).toHaveLength(after.history.length);
  });

  it('uses the annotated status, and restores only when the last alert on the mitigation resolves', async () => {
    const second: AlertInput = {
      ...egressDown('firing'),
      fingerprint: 'f-egress-2',
      annotations: { loadbearing_status: 'failed' },
    };
    await send(payload(egressDown('firing'), second));
    expect((await state()).status).toBe('failed');
    const one = await send(payload(egressDown('resolved')));
    expect(results(one)[0]).toMatchObject({
      outcome: 'unchanged',
      reason: 'another alert on it still fires',
    });
    expect((await state()).status).toBe('failed');
    const last = await send(payload({ ...second, status: 'resolved' }));
    expect(results(last)[0]).toMatchObject({ outcome: 'restored', status: 'in_place' });
    expect((await state()).status).toBe('in_place');
  });

  it('reports alerts about nothing known, and ignores alerts about no mitigation', async () => {
    const res = await send(
      payload(
        {
          status: 'firing',
          fingerprint: 'a',
          labels: { alertname: 'X', report: R, mitigation: 'nope' },
        },
        {
          status: 'firing',
          fingerprint: 'b',
          labels: { alertname: 'X', report: 'no-report', mitigation: 'egress-monitor' },
        },
        { status: 'firing', fingerprint: 'c', labels: { alertname: 'DiskFull' } },
        {
          status: 'firing',
          fingerprint: 'd',
          labels: { alertname: 'X', report: R, mitigation: 'egress-monitor' },
          annotations: { loadbearing_status: 'on-fire' },
        },
      ),
    );
    expect(res.status).toBe(200);
    expect(results(res).map((r) => [r.outcome, r.reason])).toEqual([
      ['unknown', "no mitigation 'nope' in report 'pilot-2025'"],
      ['unknown', "no report 'no-report'"],
      ['ignored', "no 'mitigation' label"],
      ['unknown', "annotation loadbearing_status: unknown status 'on-fire'"],
    ]);
    expect((await state()).status).toBe('in_place');
  });

  it.each([
    ['not JSON', 'alerts please'],
    ['no alerts', { status: 'firing' }],
    ['an alert without labels', { status: 'firing', alerts: [{ status: 'firing' }] }],
    ['a bad alert status', { status: 'firing', alerts: [{ status: 'on', labels: {} }] }],
    ['payload version 3', { ...payload(egressDown('firing')), version: '3' }],
    ['no payload version', { ...payload(egressDown('firing')), version: undefined }],
  ])('answers 400 to a malformed payload (%s) and changes nothing', async (_what, body) => {
    const before = await rowCounts(t.dataSource);
    const history = (await state()).history.length;
    const res = await send(body);
    expect(res.status).toBe(400);
    expect((res.body as { problems: string[] }).problems.length).toBeGreaterThan(0);
    expect(await rowCounts(t.dataSource)).toEqual(before);
    expect((await state()).history).toHaveLength(history);
  });
});

describe('POST /hooks/alertmanager with tokens from the API (no HOOK_TOKEN)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
    const other = SPEC_EXAMPLE.replace(`key: ${R}`, 'key: other-report');
    expect((await t.gql(IMPORT, { document: other })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  const post = (token?: string, status: AlertInput['status'] = 'firing') => {
    const req = request(t.http).post('/hooks/alertmanager');
    if (token) void req.set('Authorization', `Bearer ${token}`);
    return req.send(payload(egressDown(status)));
  };

  it('needs a token, and one of the hook role', async () => {
    expect((await post()).status).toBe(401);
    expect((await post('lb_not-a-token')).status).toBe(401);
    for (const role of ['viewer', 'editor', 'owner', 'metrics']) {
      expect((await post((await createToken(t, { role })).token)).status).toBe(403);
    }
  });

  it('applies alerts with a hook token, records its name as the actor, and stops once revoked', async () => {
    const hook = await createToken(t, { role: 'hook', name: 'prometheus-prod' });
    const res = await post(hook.token);
    expect(res.status).toBe(200);
    expect(results(res)[0].outcome).toBe('applied');
    const history = await t.gql<{ report: { history: { actor: string }[] } }>(
      `{ report(key: "${R}") { history(limit: 1) { actor } } }`,
    );
    expect(history.data!.report.history[0].actor).toMatch(/^prometheus-prod/);
    expect((await post(hook.token, 'resolved')).status).toBe(200);

    await t.gql(`mutation($id: ID!) { revokeAccessToken(id: $id) { revokedAt } }`, { id: hook.id });
    expect((await post(hook.token)).status).toBe(401);
  });

  it('keeps a hook token bound to one report away from the others', async () => {
    const bound = await createToken(t, { role: 'hook', report: 'other-report' });
    const res = await post(bound.token);
    expect(res.status).toBe(200);
    expect(results(res)[0]).toMatchObject({
      outcome: 'forbidden',
      reason: 'this token is for another report',
    });
  });
});

describe('POST /hooks/alertmanager: alerts without a report label (SPEC §6)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.gql(IMPORT, { document: SPEC_EXAMPLE })).errors).toBeUndefined();
    const other = SPEC_EXAMPLE.replace(`key: ${R}`, 'key: other-report');
    expect((await t.gql(IMPORT, { document: other })).errors).toBeUndefined();
  });
  afterAll(() => t.close());

  /** egress-monitor's alert, labelled with its mitigation only. */
  const unlabelled = (status: AlertInput['status'], fingerprint: string) => {
    const { report: _report, ...labels } = egressDown(status).labels;
    return payload({ ...egressDown(status), labels, fingerprint });
  };
  const post = (token: string, body: unknown) =>
    request(t.http)
      .post('/hooks/alertmanager')
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);
  const outcomes = (res: request.Response) =>
    results(res).map((r) => [r.report ?? null, r.outcome]);

  it('applies to every report not archived that has the mitigation; a bound token only to its own', async () => {
    const hook = await createToken(t, { role: 'hook' });
    expect(outcomes(await post(hook.token, unlabelled('firing', 'f1')))).toEqual([
      ['other-report', 'applied'],
      [R, 'applied'],
    ]);
    const bound = await createToken(t, { role: 'hook', report: R });
    expect(outcomes(await post(bound.token, unlabelled('resolved', 'f1')))).toEqual([
      [R, 'restored'],
    ]);

    const archived = await t.gql(`mutation { archiveReport(key: "other-report") { state } }`);
    expect(archived.errors).toBeUndefined();
    expect(outcomes(await post(hook.token, unlabelled('firing', 'f2')))).toEqual([[R, 'applied']]);
    const none = await post(hook.token, {
      ...unlabelled('firing', 'f3'),
      alerts: [{ ...unlabelled('firing', 'f3').alerts[0], labels: { mitigation: 'no-such' } }],
    });
    expect(results(none)).toEqual([
      expect.objectContaining({
        outcome: 'unknown',
        reason: "no 'report' label, and no report that is not archived has mitigation 'no-such'",
      }),
    ]);
  });
});
